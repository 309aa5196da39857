import { runMutations } from '../test/support/mutation.ts';

/** Detection rate and false positives of the conformance probes against the planted partner faults. */
const started = performance.now();
const run = await runMutations();
const caught = run.results.filter((r) => r.caught).length;
const falsePositives = Object.values(run.faithful).reduce((n, f) => n + f.length, 0);
for (const r of run.results.filter((x) => !x.caught)) console.log(`missed: ${r.fault.party} ${r.fault.name}`);
console.log(
  `mutation suite: ${caught}/${run.results.length} faults caught (${((100 * caught) / run.results.length).toFixed(1)} %), ${falsePositives} false positives on the faithful parties, ${Math.round(performance.now() - started)} ms`,
);
