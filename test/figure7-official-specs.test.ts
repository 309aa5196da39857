import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEcosystem, type Ecosystem } from '../harness/ecosystem.ts';
import { driveFigure7 } from '../harness/drive/figure7.ts';
import { checkAll } from '../harness/official-specs/check.ts';
import { loadOfficialSpecs, specsDirFromEnv } from '../harness/official-specs/load.ts';

// The second opinion: every payload of a figure 7 run, checked against the official TMF files.
let ecosystem: Ecosystem;
before(async () => {
  ecosystem = await startEcosystem();
  await driveFigure7(ecosystem);
});
after(() => ecosystem.stop());

test('every recorded payload of the figure 7 run follows the official specification files', () => {
  const specs = loadOfficialSpecs(specsDirFromEnv());
  const flow = ecosystem.recorder.exchanges.filter((e) => e.kind === 'call' || e.kind === 'notification');
  assert.ok(flow.some((e) => e.operation === 'POST productOrder'), 'the run ordered');
  assert.ok(flow.some((e) => e.operation === 'GET appliedCustomerBillingRate'), 'the run fetched bill items');
  const { checked, issues } = checkAll(specs, flow);
  assert.ok(checked >= 5, `at least the order, catalog and bill exchanges were checked (checked ${checked})`);
  assert.deepEqual(issues.map((i) => `#${i.seq} ${i.api} ${i.definition} ${i.where} ${i.path} ${i.rule}: ${i.message}`), []);
});

test('the project schemas found every payload of the figure 7 run valid too', () => {
  const invalid = ecosystem.recorder.exchanges.filter((e) => !e.valid).map((e) => `#${e.seq} ${e.operation} ${JSON.stringify(e.errors)}`);
  assert.deepEqual(invalid, []);
});
