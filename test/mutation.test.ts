import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runMutations } from './support/mutation.ts';
import { PARTNER_FAULTS } from './support/partner-faults.ts';

// The mutation suite: partner faults planted one at a time by a proxy in front of a real simulated
// party; the conformance probes must name each at its rule, and find nothing in the faithful party.

test('the suite plants at least 30 faults across at least three parties', () => {
  assert.ok(PARTNER_FAULTS.length >= 30, `${PARTNER_FAULTS.length} faults`);
  assert.ok(new Set(PARTNER_FAULTS.map((f) => f.party)).size >= 3);
});

test('every planted fault is caught with a finding naming its rule, and the faithful parties give none', async () => {
  const run = await runMutations();
  assert.equal(run.results.length, PARTNER_FAULTS.length, 'every fault was run');
  const missed = run.results
    .filter((r) => !r.caught)
    .map((r) => `${r.fault.party}: ${r.fault.name} (expected "${r.fault.rule}", got: ${r.failures.map((f) => f.rule).join('; ') || 'no failure'})`);
  assert.deepEqual(missed, []);
  for (const r of run.results)
    assert.ok(
      r.failures.filter((f) => f.rule === r.fault.rule).every((f) => f.exchange && f.message),
      `${r.fault.name}: the finding shows its exchange and says what was wrong`,
    );
  const falseAlarms = Object.entries(run.faithful).flatMap(([party, findings]) => findings.map((f) => `${party} ${f.operation}: ${f.rule}: ${f.message}`));
  assert.deepEqual(falseAlarms, []);
});
