import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEcosystem, type Ecosystem } from '../harness/ecosystem.ts';
import type { Exchange } from '../harness/exchange.ts';
import { checkAll } from '../harness/official-specs/check.ts';
import { loadOfficialSpecs, specsDirFromEnv } from '../harness/official-specs/load.ts';
import { FIGURE_RUNS, runFigure } from '../web/figure-runs.ts';

// The second opinion: every payload of a run of each figure, checked against the official TMF files — 100 %, no accepted deviation.
const FIGURES = [7, 8, 9, 10, 11] as const;

let ecosystem: Ecosystem;
const traces = new Map<number, Exchange[]>();

before(async () => {
  ecosystem = await startEcosystem();
  for (const figure of FIGURES) {
    ecosystem.recorder.startScenario(`figure ${figure}`);
    await runFigure(ecosystem, FIGURE_RUNS[figure]!);
    traces.set(
      figure,
      ecosystem.recorder.exchangesOf(`figure ${figure}`).filter((e) => e.kind === 'call' || e.kind === 'notification'),
    );
  }
});
after(() => ecosystem.stop());

for (const figure of FIGURES) {
  test(`every recorded payload of a figure ${figure} run follows the official specification files`, () => {
    const specs = loadOfficialSpecs(specsDirFromEnv());
    const flow = traces.get(figure)!;
    const { checked, issues } = checkAll(specs, flow);
    assert.ok(checked >= 5, `the run's exchanges were checked (checked ${checked} of ${flow.length})`);
    assert.deepEqual(
      issues.map((i) => `#${i.seq} ${i.api} ${i.definition} ${i.where} ${i.path} ${i.rule}: ${i.message}`),
      [],
    );
  });
}

test('the figure 7 run orders, and fetches its bill items', () => {
  const ops = traces.get(7)!.map((e) => e.operation);
  assert.ok(ops.includes('POST productOrder') && ops.includes('GET appliedCustomerBillingRate'));
});

test('the project schemas found every payload of every figure run valid too', () => {
  const invalid = [...traces.values()]
    .flat()
    .filter((e) => !e.valid)
    .map((e) => `#${e.seq} ${e.operation} ${JSON.stringify(e.errors)}`);
  assert.deepEqual(invalid, []);
});
