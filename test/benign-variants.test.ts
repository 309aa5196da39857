import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFinding } from './support/conformance-run.ts';
import { benignVariants } from './support/benign-variants.ts';
import { runMutations } from './support/mutation.ts';

// Never fail a partner for what the standard allows: what a partner may do otherwise than the simulated
// parties (extensions, another attribute order, +00:00, a declared subtype, fuller error bodies), planted
// one at a time in front of a real party, gives the conformance probes nothing to fail.

test('what the standard allows, done otherwise than the simulated parties, fails no conformance check', { timeout: 120_000 }, async () => {
  const run = await runMutations(benignVariants(['csp', 'car-manufacturer']));
  assert.equal(run.results.length, 12, 'every variant was run');
  const failed = run.results.flatMap((r) => r.failures.map((f) => `${r.fault.party} · ${r.fault.name}: ${describeFinding(f)}`));
  assert.deepEqual(failed, []);
  const falseAlarms = Object.entries(run.faithful).flatMap(([party, findings]) => findings.map((f) => `${party}: ${describeFinding(f)}`));
  assert.deepEqual(falseAlarms, []);
});
