import { ACTOR_IDS } from './core/actor-ids.ts';
import { startAlone } from './harness/cli/up.ts';
import { conformance } from './test/support/conformance-run.ts';
const body = async () => {
  const c0 = process.cpuUsage(); const t0 = performance.now();
  const parties = await Promise.all(ACTOR_IDS.map(async (a) => (await startAlone(a, 0, undefined)).actor));
  const run = await conformance(parties.map((p) => `${p.id}=${p.url}`), ['--latency-budget-ms', '5000', '--figure', '7,9']);
  const c = process.cpuUsage(c0);
  console.log(process.env.MODE, 'wall', (performance.now() - t0).toFixed(0), 'cpu', ((c.user + c.system) / 1e6).toFixed(2), 'code', run.code);
  await Promise.all(parties.map((p) => p.stop()));
};
if (process.env.MODE === 'test') { const { test } = await import('node:test'); test('x', body); } else { await body(); }
