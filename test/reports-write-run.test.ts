import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange } from '../harness/exchange.ts';
import type { FlowVerdict } from '../harness/flows/match.ts';
import type { ScenarioSummary } from '../harness/reports/run-summary.ts';
import { writeFlows, writeRunIndex, writeRunReports } from '../harness/reports/write-run.ts';

function exchange(fields: Partial<Exchange> & Pick<Exchange, 'seq' | 'scenario'>): Exchange {
  return {
    from: 'car-manufacturer',
    to: 'csp',
    kind: 'call',
    api: 'unknown',
    operation: 'POST productOrder',
    method: 'POST',
    path: '/tmf-api/productOrderingManagement/v4/productOrder',
    status: 201,
    request: { headers: { 'content-type': 'application/json' }, body: { note: '<script>alert(1)</script>' } },
    response: { headers: {}, body: { id: 'po-1', state: 'acknowledged' } },
    valid: true,
    errors: [],
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 3,
    ...fields,
  };
}

const evilName = 'Bill <script>alert(1)</script>';
const exchanges: readonly Exchange[] = [
  exchange({ seq: 1, scenario: 'Order connectivity' }),
  exchange({ seq: 2, scenario: evilName, operation: 'GET customerBill', valid: false, errors: [{ where: 'response', path: '/amount', rule: 'required', message: '<img onerror=x>', schema: 'CustomerBill' }] }),
  exchange({ seq: 3, scenario: evilName, from: 'harness', kind: 'harness', api: 'control', operation: 'POST control/reset' }),
  exchange({ seq: 4, scenario: '', from: 'harness', kind: 'harness', api: 'control', operation: 'GET control/state' }),
];
const scenarios: readonly ScenarioSummary[] = [
  { name: 'Order connectivity', status: 'passed', exchanges: 1, invalid: 0, flowsOk: true },
  { name: evilName, status: 'failed', exchanges: 1, invalid: 1, flowsOk: false },
];
const flows: readonly FlowVerdict[] = [{
  scenario: 'Order connectivity', ok: false, unexpected: [], unclaimed: [], refused: [],
  figures: [{
    figure: 7, expected: ['7.1', '7.5'], missing: ['7.5'], unmet: [], outOfOrder: [],
    seen: [{ step: '7.1', evidence: [{ source: 'wire', seq: 1, operation: 'POST productOrder', at: '2025-01-01T00:00:00.000Z' }] }],
  }],
}];

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'reports-'));
}

test('writeRunReports writes trace, flows, a diagram and a page per scenario, and the index', async (t) => {
  const root = await tempDir();
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'latest');
  const written = await writeRunReports(dir, { exchanges, flows, scenarios });
  assert.deepEqual((await readdir(dir)).sort(), ['flows.json', 'index.html', 'sequence', 'trace.json']);
  assert.deepEqual((await readdir(join(dir, 'sequence'))).sort(), [
    'bill-script-alert-1-script.html',
    'bill-script-alert-1-script.mmd',
    'order-connectivity.html',
    'order-connectivity.mmd',
  ]);
  assert.equal(written.length, 7);
});

test('a scenario page says which step each exchange fulfils and which documented steps are missing', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeRunReports(dir, { exchanges, flows, scenarios });
  const page = await readFile(join(dir, 'sequence', 'order-connectivity.html'), 'utf8');
  assert.match(page, /<td>1<\/td><td>7\.1<\/td>/, 'the exchange of step 7.1 is labelled with it');
  assert.match(page, /Figure 7: 1 of 2 steps seen; <span class="ko">missing 7\.5<\/span>/);
  assert.match(page, /not as documented/);
});

test('trace.json and flows.json round-trip', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeRunReports(dir, { exchanges, flows, scenarios });
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'trace.json'), 'utf8')), exchanges);
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'flows.json'), 'utf8')), flows);
});

test('a sequence page shows only its own scenario, without harness traffic, all text escaped', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeRunReports(dir, { exchanges, flows, scenarios });
  const page = await readFile(join(dir, 'sequence', 'bill-script-alert-1-script.html'), 'utf8');
  assert.equal(page.match(/<g class="message/g)?.length, 1);
  assert.match(page, /data-seq="2"/);
  assert.doesNotMatch(page, /<script|<img/i);
  assert.match(page, /<h1>Bill &lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h1>/);
  assert.match(page, /<td>response \/amount required<\/td>/);
  assert.match(page, /<pre>sequenceDiagram\n/);
  assert.match(page, /href="\.\.\/index\.html"/);
  const mermaid = await readFile(join(dir, 'sequence', 'bill-script-alert-1-script.mmd'), 'utf8');
  assert.match(mermaid, /car_manufacturer->>csp: GET customerBill: 201 ✗/);
  assert.doesNotMatch(mermaid, /harness/);
});

test('harness traffic is drawn when asked', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeRunReports(dir, { exchanges, flows, scenarios }, { includeHarness: true });
  const mermaid = await readFile(join(dir, 'sequence', 'bill-script-alert-1-script.mmd'), 'utf8');
  assert.match(mermaid, /harness->>csp: POST control\/reset: 201/);
});

test('the index links every scenario page with its counts', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeRunIndex(dir, { scenarios });
  const index = await readFile(join(dir, 'index.html'), 'utf8');
  assert.match(index, /<a href="sequence\/order-connectivity\.html">Order connectivity<\/a><\/td><td>passed<\/td><td>1<\/td><td>0<\/td>/);
  assert.match(index, /<tr class="bad"><td><a href="sequence\/bill-script-alert-1-script\.html">Bill &lt;script&gt;/);
  assert.match(index, /1 of 2 scenarios passed/);
  assert.doesNotMatch(index, /<script/i);
});

test('scenarios sharing a name get pages of their own, saying their exchanges are mixed', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const twice = [scenarios[0], { ...scenarios[0], status: 'failed' }];
  await writeRunReports(dir, { exchanges, flows, scenarios: twice });
  const second = await readFile(join(dir, 'sequence', 'order-connectivity-2.html'), 'utf8');
  assert.match(second, /Status: <strong>failed<\/strong>/);
  assert.match(second, /2 scenarios of this run share this name/);
  const index = await readFile(join(dir, 'index.html'), 'utf8');
  assert.match(index, /href="sequence\/order-connectivity-2\.html"/);
});

test('writing again overwrites the reports and drops pages of scenarios gone since', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'sequence'), { recursive: true });
  await writeFile(join(dir, 'sequence', 'old-scenario.html'), 'stale');
  await writeFile(join(dir, 'trace.json'), 'stale');
  await writeRunReports(dir, { exchanges: exchanges.slice(0, 1), flows: [], scenarios: scenarios.slice(0, 1) });
  assert.deepEqual((await readdir(join(dir, 'sequence'))).sort(), ['order-connectivity.html', 'order-connectivity.mmd']);
  assert.equal(JSON.parse(await readFile(join(dir, 'trace.json'), 'utf8')).length, 1);
});

test('writeFlows accepts any verdict objects and writes them as they are', async (t) => {
  const root = await tempDir();
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'nested', 'run');
  const verdicts: readonly object[] = [{ anything: [1, { deep: null }] }];
  await writeFlows(dir, verdicts);
  assert.deepEqual(JSON.parse(await readFile(join(dir, 'flows.json'), 'utf8')), verdicts);
});
