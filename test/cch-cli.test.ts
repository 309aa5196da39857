import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startCch, stopCch } from './support/cch-process.ts';

const CCH = join(import.meta.dirname, '..', 'bin', 'cch.mjs');
const start = startCch;
const stop = stopCch;

test('cch --help names every command', async () => {
  const { child, output } = await start(['--help'], /cch run/);
  await new Promise((r) => child.once('exit', r));
  for (const word of ['cch up', '--only', 'cch run', '--report-dir', '--tags', 'cch conformance', '--spec-dir', '--timeout-ms']) assert.ok(output.includes(word), word);
});

test('cch up starts five parties, one process each, behind the harness: each answers on its URL, figure 7 runs across them, Ctrl-C stops them all', async () => {
  const data = mkdtempSync(join(tmpdir(), 'cch-up-'));
  const { child, output } = await start(['up', '--port', '0', '--data', data], /Ctrl-C/);
  const urls = [...output.matchAll(/^\s+(\S+)\s+(http:\/\/127\.0\.0\.1:\d+)/gm)].map((m) => ({ actor: m[1], url: m[2] }));
  assert.deepEqual(urls.map((u) => u.actor), ['csp', 'car-manufacturer', 'content-provider', 'call-center', 'driver']);
  for (const { actor, url } of urls) {
    const health = await (await fetch(`${url}/health`)).json();
    assert.equal(health.actor, actor);
  }
  const harness = /Harness \(wire \+ dashboard\): (\S+)/.exec(output)![1];
  const viaWire = await fetch(`${harness}wire/harness/csp/health`);
  assert.equal(viaWire.status, 200);
  const page = await fetch(harness);
  assert.equal(page.status, 200, 'the dashboard is served at the harness URL');
  assert.match(await page.text(), /<html/i);
  const pids = [...output.matchAll(/, pid (\d+)$/gm)].map((m) => Number(m[1]));
  assert.equal(new Set(pids).size, 5, `each party in a process of its own: ${pids}`);
  assert.ok(!pids.includes(child.pid!), 'none of them the harness');
  const figure = await fetch(`${harness}dashboard/run/7`, { method: 'POST' });
  const verdict = (await figure.json()) as { ok: boolean; missing: string[] };
  assert.equal(figure.status, 200);
  assert.deepEqual(verdict.missing, [], 'figure 7 ran across the five processes, every step seen');
  assert.equal(verdict.ok, true);
  const trace = (await (await fetch(`${harness}dashboard/exchanges`)).json()) as { from: string; to: string; valid: boolean }[];
  assert.ok(trace.some((e) => e.from === 'car-manufacturer' && e.to === 'csp'), 'the parties called each other through the wire');
  assert.ok(trace.every((e) => e.valid), 'and every exchange was judged valid');
  assert.equal(await stop(child), 0);
  for (const pid of pids) assert.throws(() => process.kill(pid, 0), 'the parties stopped with the harness');
  assert.ok(existsSync(join(data, 'csp.json')), 'the CSP kept its lowdb file');
});

test('cch up --only starts one party on the given port', async () => {
  const data = mkdtempSync(join(tmpdir(), 'cch-only-'));
  const { child, output } = await start(['up', '--only', 'csp', '--port', '0', '--data', data], /Ctrl-C/);
  const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1];
  const offers = await fetch(`${url}/tmf-api/productCatalogManagement/v4/productOffering`);
  assert.equal(offers.status, 401, 'the party demands credentials');
  assert.equal(await stop(child), 0);
});

test('cch refuses an unknown actor with a clear message', async () => {
  const child = spawn(process.execPath, [CCH, 'up', '--only', 'oem', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c) => (err += c));
  const code = await new Promise((r) => child.once('exit', r));
  assert.equal(code, 2);
  assert.match(err, /--only takes one of csp, car-manufacturer/);
});
