import assert from 'node:assert/strict';
import { test } from 'node:test';
import express from 'express';
import { chromium } from 'playwright';
import { ACTOR_IDS } from '../core/actor-ids.ts';
import { startEcosystem } from '../harness/ecosystem.ts';
import { mountDashboard } from '../web/server.ts';
import { startApp } from './support/http-app.ts';

// A page that falls behind the wire (a slow network: here Chromium's own throttling) is left out of the
// live feed past the harness's budget (web/live-feed.ts), and the page says so once it has caught up.

const OFFERINGS = '/tmf-api/productCatalogManagement/v4/productOffering';

test('a page that falls behind the wire says how many exchanges it was not shown live, and where they are', { timeout: 90_000 }, async () => {
  // 100 KB answers: 150 of them are more than three times the feed's budget, more than the sockets' buffers take.
  const list = JSON.stringify([{ id: 'po-1', description: 'x'.repeat(100_000) }]);
  const party = await startApp(express().get(OFFERINGS, (_req, res) => res.type('application/json').send(list)));
  const ecosystem = await startEcosystem({
    bindings: Object.fromEntries(ACTOR_IDS.map((id) => [id, { kind: 'remote', url: party.baseUrl }])),
    mount: mountDashboard,
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    // A page on a network of 2 MB/s (throttling applies to the connections opened after it is set).
    const network = await page.context().newCDPSession(page);
    await network.send('Network.enable');
    await network.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 2_000_000, uploadThroughput: -1 });
    await page.goto(`${ecosystem.url}/`);
    await page.locator('#connection', { hasText: 'Live' }).waitFor();
    const before = ecosystem.recorder.exchanges.length;
    for (let i = 0; i < 150; i++) await fetch(`${ecosystem.wireUrl('car-manufacturer', 'csp')}${OFFERINGS}`).then((r) => r.arrayBuffer());
    const notice = page.locator('#status', { hasText: 'were not shown live' });
    await notice.waitFor({ timeout: 60_000 });
    const [, count, first, last] = /^(\d+) exchanges \((\d+)–(\d+)\) were not shown live/.exec((await notice.textContent()) ?? '') ?? [];
    assert.ok(Number(count) > 0 && Number(first) <= Number(last), `the notice names what was left out: ${await notice.textContent()}`);
    assert.match((await notice.textContent()) ?? '', /The record keeps them: \/dashboard\/trace\.json/);
    const pumped = ecosystem.recorder.exchanges.slice(before).filter((e) => e.from === 'car-manufacturer' && e.path === OFFERINGS);
    assert.equal(pumped.length, 150, 'the record keeps every exchange');
  } finally {
    await browser.close();
    await ecosystem.stop();
    await party.close();
  }
});
