import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readTrace } from '../harness/trace-reading.ts';
import { startCch, stopCch } from './support/cch-process.ts';
import { freePortRun } from './support/slow-server.ts';

const CCH = join(import.meta.dirname, '..', 'bin', 'cch.mjs');
const start = startCch;
const stop = stopCch;

test('cch --help names every command', async () => {
  const { child, output } = await start(['--help'], /cch run/);
  await new Promise((r) => child.once('exit', r));
  for (const word of ['cch up', '--only', 'cch run', '--report-dir', '--tags', 'cch conformance', '--spec-dir', '--timeout-ms'])
    assert.ok(output.includes(word), word);
});

test('cch up --port P starts five parties, one process each, on P+1 … P+5 in the documented order behind the harness: each answers on its URL, figure 7 runs across them, Ctrl-C stops them all', async () => {
  const data = mkdtempSync(join(tmpdir(), 'cch-up-'));
  const harnessPort = await freePortRun(5);
  const { child, output } = await start(['up', '--port', String(harnessPort), '--data', data], /Ctrl-C/);
  const urls = [...output.matchAll(/^\s+(\S+)\s+(http:\/\/127\.0\.0\.1:\d+)/gm)].map((m) => ({ actor: m[1], url: m[2] }));
  assert.deepEqual(
    urls,
    ['csp', 'car-manufacturer', 'content-provider', 'call-center', 'driver'].map((actor, i) => ({ actor, url: `http://127.0.0.1:${harnessPort + i + 1}` })),
  );
  for (const { actor, url } of urls) {
    const health = await (await fetch(`${url}/health`)).json();
    assert.equal(health.actor, actor);
  }
  assert.equal([...output.matchAll(/tester key: /g)].length, 5, 'a tester key per party');
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
  assert.ok(
    trace.some((e) => e.from === 'car-manufacturer' && e.to === 'csp'),
    'the parties called each other through the wire',
  );
  assert.ok(
    trace.every((e) => e.valid),
    'and every exchange was judged valid',
  );
  const tracePath = /^Trace: (\S+), /m.exec(output)![1];
  assert.equal(await stop(child), 0);
  for (const pid of pids) assert.throws(() => process.kill(pid, 0), 'the parties stopped with the harness');
  assert.ok(existsSync(join(data, 'csp.json')), 'the CSP kept its lowdb file');
  const seqs = readTrace(readFileSync(tracePath, 'utf8'))
    .map((e) => e.seq)
    .sort((a, b) => a - b);
  assert.ok(seqs.length >= trace.length, `the run's ${trace.length} exchanges and any after them: ${seqs.length}`);
  assert.deepEqual(
    seqs,
    Array.from({ length: seqs.length }, (_, i) => i + 1),
    'on Ctrl-C the trace it named holds the run, each exchange once',
  );
});

test('cch up --only starts one party alone, prints the base URL of every API it serves and a tester key that opens them all', async () => {
  const data = mkdtempSync(join(tmpdir(), 'cch-tester-'));
  const { child, output } = await start(['up', '--only', 'content-provider', '--port', '0', '--data', data], /Ctrl-C/);
  try {
    const key = /tester key: (\S+)/.exec(output)![1];
    assert.doesNotMatch(output, /\bcsp\b|car-manufacturer/, 'no other party was started');
    const bases = [...output.matchAll(/^\s+(TMF\d+|BillingV2) at (\S+)$/gm)].map((m) => ({ api: m[1], url: m[2] }));
    assert.deepEqual(
      bases.map((b) => b.api),
      ['TMF620', 'TMF622', 'TMF676'],
    );
    for (const { url } of bases) {
      const root = url.endsWith('/v4') && url.includes('productCatalog') ? 'productSpecification' : url.includes('Ordering') ? 'productOrder' : 'payment';
      assert.equal((await fetch(`${url}/${root}`)).status, 401, 'the party demands credentials');
      const res = await fetch(`${url}/${root}`, { headers: { authorization: `Bearer ${key}` } });
      assert.equal(res.status, 200, `${url}/${root}`);
    }
  } finally {
    assert.equal(await stop(child), 0);
  }
});

test('cch refuses an unknown actor with a clear message', async () => {
  const child = spawn(process.execPath, [CCH, 'up', '--only', 'oem', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (c) => (err += c));
  const code = await new Promise((r) => child.once('exit', r));
  assert.equal(code, 2);
  assert.match(err, /--only takes one of csp, car-manufacturer/);
});
