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
  exchange({
    seq: 2,
    scenario: evilName,
    operation: 'GET customerBill',
    valid: false,
    errors: [{ where: 'response', path: '/amount', rule: 'required', message: '<img onerror=x>', schema: 'CustomerBill' }],
  }),
  exchange({ seq: 3, scenario: evilName, from: 'harness', kind: 'harness', api: 'control', operation: 'POST control/reset' }),
  exchange({ seq: 4, scenario: '', from: 'harness', kind: 'harness', api: 'control', operation: 'GET control/state' }),
];
const scenarios: readonly ScenarioSummary[] = [
  { name: 'Order connectivity', status: 'passed', exchanges: 1, invalid: 0, flowsOk: true },
  { name: evilName, status: 'failed', exchanges: 1, invalid: 1, flowsOk: false },
];
const flows: readonly FlowVerdict[] = [
  {
    scenario: 'Order connectivity',
    ok: false,
    unexpected: [],
    unclaimed: [],
    refused: [],
    figures: [
      {
        figure: 7,
        expected: ['7.1', '7.5'],
        missing: ['7.5'],
        unmet: [],
        outOfOrder: [],
        seen: [{ step: '7.1', evidence: [{ source: 'wire', seq: 1, operation: 'POST productOrder', at: '2025-01-01T00:00:00.000Z' }] }],
      },
    ],
  },
];

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
  assert.match(
    page,
    /<td>1<\/td><td><p class="step"><strong>7\.1<\/strong> Car manufacturer \(OEM\) → CSP \(telecom operator\): Orders the connectivity offer and the split billing offer \(partner order\)<\/p><\/td>/,
    'the exchange of step 7.1 is labelled with its sentence and parties, in full',
  );
  assert.match(page, /Figure 7: 1 of 2 steps seen; <span class="ko">missing 7\.5<\/span>/);
  assert.match(page, /not as documented/);
  assert.match(page, /<li class="ko"><p class="step"><strong>7\.5<\/strong> [^<]+<\/p><\/li>/, 'a missing step is named with its sentence');
});

test('a scenario page numbers its exchanges from 1, whatever their number on the wire', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeRunReports(dir, { exchanges, flows, scenarios });
  const page = await readFile(join(dir, 'sequence', 'bill-script-alert-1-script.html'), 'utf8');
  assert.match(page, /<tbody>\n<tr class="bad"><td>1<\/td>/, 'the only exchange, wire #2, is number 1 of its scenario');
  assert.match(page, /<tspan [^>]*>1\. GET customerBill: 201<\/tspan>/);
});

test('trace.json and flows.json round-trip', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  await writeRunReports(dir, { exchanges, flows, scenarios });
  const trace = JSON.parse(await readFile(join(dir, 'trace.json'), 'utf8'));
  assert.deepEqual(trace, [{ ...exchanges[0], steps: ['7.1'] }, ...exchanges.slice(1)], 'the exchanges as recorded, labelled with the steps they fulfil');
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
  assert.match(index, /<a href="sequence\/order-connectivity\.html">Order connectivity<\/a><\/td><td>passed<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>—<\/td>/);
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

test('the index groups scenarios by figure in figure order, names each figure, explains every column and links the run files', async (t) => {
  const dir = await tempDir();
  t.after(() => rm(dir, { recursive: true, force: true }));
  const byFigure: ScenarioSummary[] = [
    { name: 'Settle the converged offer', status: 'passed', exchanges: 3, invalid: 0, flowsOk: true, figures: [11] },
    { name: 'Split billing', status: 'passed', exchanges: 3, invalid: 0, flowsOk: false, figures: [8] },
    { name: 'Order connectivity', status: 'passed', exchanges: 3, invalid: 0, flowsOk: true, figures: [7] },
    { name: 'Bad input', status: 'passed', exchanges: 1, invalid: 1, flowsOk: true },
  ];
  await writeRunIndex(dir, { scenarios: byFigure });
  const index = await readFile(join(dir, 'index.html'), 'utf8');
  const headings = [...index.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1]);
  assert.deepEqual(headings, [
    'What the columns mean',
    'Figure 7 — Product setup and billing',
    'Figure 8 — Service use and split billing',
    'Figure 11 — Ordering and delivering the converged offer',
    'Other scenarios (no documented figure)',
  ]);
  assert.ok(
    index.indexOf('Order connectivity') < index.indexOf('Split billing') && index.indexOf('Split billing') < index.indexOf('Settle the converged offer'),
  );
  assert.match(index, /Split billing<\/a><\/td><td>passed<\/td><td>3<\/td><td>0<\/td><td>0<\/td><td><span class="ko">not as documented<\/span><\/td>/);
  for (const column of ['scenario', 'result', 'exchanges', 'invalid', 'dead letters', 'documented steps']) {
    assert.match(index, new RegExp(`<th>${column}</th>`));
    assert.match(index, new RegExp(`<dt>${column}</dt><dd>.{20,}</dd>`), `the legend explains "${column}"`);
  }
  for (const file of ['cucumber.html', 'junit.xml', 'trace.json', 'flows.json']) assert.match(index, new RegExp(`<a class="run-file" href="${file}">`));
});
