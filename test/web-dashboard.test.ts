import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright';
import { startEcosystem, type Ecosystem } from '../harness/ecosystem.ts';
import type { Exchange } from '../harness/exchange.ts';
import { bootstrapKey } from '../tmf/auth.ts';
import { TmfClient } from '../tmf/client.ts';
import { mountDashboard } from '../web/server.ts';

const SCREENSHOTS = join(process.env.CCH_REPORT_DIR ?? 'reports/latest', 'screenshots');

/** A two-exchange trace as a saved trace.json holds it. */
function savedTrace(): Exchange[] {
  const base = { scenario: 'saved', method: 'POST', valid: true, errors: [], startedAt: '2026-01-01T08:00:00.000Z', durationMs: 3 } as const;
  return [
    { ...base, seq: 1, from: 'driver', to: 'call-center', kind: 'call', api: 'TMF621', operation: 'POST troubleTicket', path: '/tmf-api/troubleTicket/v4/troubleTicket', status: 201,
      request: { headers: { 'content-type': 'application/json' }, body: { description: 'replayed <b>ticket</b>' } }, response: { headers: {}, body: { id: 'T-1' } } },
    { ...base, seq: 2, from: 'call-center', to: 'driver', kind: 'notification', api: 'TMF621', operation: 'TroubleTicketCreateEvent', path: '/listener/troubleTicketCreateEvent', status: 204,
      request: { headers: {}, body: { eventType: 'TroubleTicketCreateEvent' } }, response: { headers: {}, body: undefined } },
  ];
}

describe('live dashboard', () => {
  let ecosystem: Ecosystem;
  let browser: Browser;
  let page: Page;
  const consoleErrors: ConsoleMessage[] = [];
  const pageErrors: Error[] = [];
  let tempDir: string;

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `dashboard-${name}.png`), fullPage: true });
  const operations = () => page.locator('#rows .row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.operation));

  before(async () => {
    await mkdir(SCREENSHOTS, { recursive: true });
    tempDir = await mkdtemp(join(tmpdir(), 'cch-dashboard-'));
    ecosystem = await startEcosystem({ port: 0, mount: mountDashboard });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message);
    });
    page.on('pageerror', (error) => pageErrors.push(error));
    await page.goto(ecosystem.url + '/');
    await page.locator('#live-count', { hasText: 'Live:' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    await ecosystem?.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  });

  test('shows the five parties as lifelines and their state', async () => {
    assert.deepEqual(await page.locator('#heads .head').evaluateAll((hs) => hs.map((h) => (h as HTMLElement).dataset.party)),
      ['csp', 'car-manufacturer', 'content-provider', 'call-center', 'driver']);
    await page.locator('#party-csp dt', { hasText: /^TMF620\.productOffering$/ }).waitFor();
  });

  test('figure 7 runs from its button: exchanges appear in order and every step is checked', async () => {
    await page.click('button[data-figure="7"]');
    await page.locator('#checklist-hint', { hasText: 'All documented steps seen' }).waitFor({ timeout: 30_000 });
    await page.locator('.row[data-operation="CustomerBillCreateEvent"]').waitFor();
    const ops = await operations();
    const order = ops.indexOf('POST productOrder');
    const bill = ops.indexOf('CustomerBillCreateEvent');
    assert.ok(order >= 0, `POST productOrder is drawn (${ops.join(', ')})`);
    assert.ok(order < bill, 'the product order comes before the bill event');
    assert.equal(await page.locator('#checklist li.seen').count(), await page.locator('#checklist li').count());
    assert.ok(await page.locator('.row.notification').count() > 0, 'notifications are drawn as such');
    assert.equal(await page.locator('.row.invalid').count(), 0);
    const stepsOf = (operation: string) => page.locator(`.row[data-operation="${operation}"]`).first().getAttribute('data-steps');
    assert.equal(await stepsOf('POST productOrder'), '7.1', 'each exchange shows the documented step it fulfils');
    assert.equal(await stepsOf('CustomerBillCreateEvent'), '7.8');
    assert.equal(await page.locator('.row[data-operation="GET productOffering"] .steps').first().textContent(), '7.5');
    await page.locator('#party-csp li', { hasText: 'new' }).waitFor();
    await shot('figure-7');
  });

  test('clicking an exchange shows its headers and pretty JSON', async () => {
    await page.locator('.row[data-operation="POST productOrder"]').first().click();
    await assert.doesNotReject(page.locator('#detail-title', { hasText: 'POST productOrder' }).waitFor());
    const request = await page.locator('#detail-request-body').textContent();
    assert.ok(JSON.parse(request ?? '').productOrderItem, 'the request body is the product order, as JSON');
    assert.match(request ?? '', /\n {2}"/, 'the JSON is indented');
    assert.match(await page.locator('#detail-request-headers').textContent() ?? '', /content-type/);
    assert.match(await page.locator('#detail-errors').textContent() ?? '', /valid/);
    assert.match(await page.locator('#detail-meta').textContent() ?? '', /fulfils step 7\.1/);
    await shot('exchange-detail');
  });

  test('an invalid payload on the wire is drawn red with its validation errors', async () => {
    const url = `${ecosystem.wireUrl('car-manufacturer', 'csp')}/tmf-api/productOrderingManagement/v4/productOrder`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${bootstrapKey(ecosystem.secret, 'car-manufacturer', 'csp')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ productOrderItem: [{ action: 'explode', note: '<img src=x onerror=alert(1)>' }] }),
    });
    assert.ok(response.status >= 400);
    const row = page.locator('.row.invalid[data-operation="POST productOrder"]');
    await row.waitFor();
    await row.click();
    await page.locator('#detail-errors li', { hasText: 'rule' }).first().waitFor();
    assert.match(await page.locator('#detail-errors').textContent() ?? '', /request \/\S*/);
    assert.equal(await page.locator('#detail img').count(), 0, 'payload text is never markup');
    const color = await row.locator('.arrow').evaluate((a) => getComputedStyle(a).borderTopColor);
    assert.equal(color, 'rgb(198, 40, 40)');
    await shot('invalid-exchange');
  });

  test('several hundred exchanges are all drawn and the page still answers a click', async () => {
    const burst = 400;
    const before = await page.locator('#rows .row').count();
    const client = new TmfClient(ecosystem.wireUrl('car-manufacturer', 'csp'), bootstrapKey(ecosystem.secret, 'car-manufacturer', 'csp'));
    for (let i = 0; i < burst; i++) await client.list('TMF620', 'productOffering', { offset: i % 7, limit: 2 });
    await page.waitForFunction((expected) => document.querySelectorAll('#rows .row').length >= expected, before + burst, { timeout: 30_000 });
    assert.equal(await page.locator('#rows .row').count(), before + burst, 'one row per exchange, no more, no less');
    const last = page.locator('#rows .row').last();
    await last.click();
    await page.locator('#detail-title', { hasText: 'GET productOffering' }).waitFor({ timeout: 5_000 });
    await shot('several-hundred-exchanges');
  });

  for (const figure of [8, 9, 10, 11]) {
    test(`figure ${figure} runs from its button and every documented step is checked`, async () => {
      await page.click(`button[data-figure="${figure}"]`);
      await page.locator('#status', { hasText: `Figure ${figure} ran` }).waitFor({ timeout: 60_000 });
      assert.match(await page.locator('#status').textContent() ?? '', / 0 missing\.$/);
      await page.locator('#checklist-hint', { hasText: 'All documented steps seen' }).waitFor();
      const seen = await page.locator('#checklist li.seen').count();
      assert.ok(seen > 0);
      assert.equal(seen + await page.locator('#checklist li.other-branch').count(), await page.locator('#checklist li').count(), 'every step is seen but those of branches not taken');
      await shot(`figure-${figure}`);
    });
  }

  test('a figure that does not exist is a TMF 404', async () => {
    const response = await fetch(`${ecosystem.url}/dashboard/run/12`, { method: 'POST' });
    assert.equal(response.status, 404);
    const body = await response.json() as { code: string; '@type': string };
    assert.equal(body['@type'], 'Error');
  });

  test('a saved trace replays step by step', async () => {
    const file = join(tempDir, 'trace.json');
    await writeFile(file, JSON.stringify(savedTrace()));
    await page.setInputFiles('#trace-file', file);
    await page.locator('#replay-position', { hasText: '0 / 2' }).waitFor();
    assert.equal(await page.locator('#rows .row').count(), 0);
    await page.click('#replay-next');
    await page.click('#replay-next');
    assert.deepEqual(await operations(), ['POST troubleTicket', 'TroubleTicketCreateEvent']);
    assert.equal(await page.locator('#detail-title').textContent(), '#2 TMF621 · TroubleTicketCreateEvent');
    assert.ok(await page.locator('#replay-next').isDisabled());
    await page.click('#replay-prev');
    assert.deepEqual(await operations(), ['POST troubleTicket']);
    assert.match(await page.locator('#detail-request-body').textContent() ?? '', /replayed <b>ticket<\/b>/);
    await shot('replay');
    await page.click('#replay-live');
    assert.ok((await operations()).includes('CustomerBillCreateEvent'), 'back to live shows the wire again');
  });

  test('the page logged no errors', () => {
    assert.deepEqual(consoleErrors.map((m) => m.text()), []);
    assert.deepEqual(pageErrors.map((e) => e.message), []);
  });
});
