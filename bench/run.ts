/**
 * Benchmarks (not tests): prints figures, asserts nothing. `npm run bench`.
 * - figure 7 end to end: time per run of the whole flow through the wire;
 * - wire throughput: sequential GET productOffering through the recorder;
 */
import { performance } from 'node:perf_hooks';
import { startEcosystem } from '../harness/ecosystem.ts';
import { driveFigure7 } from '../harness/drive/figure7.ts';
import { resetAll } from '../harness/drive/settle.ts';
import { bootstrapKey } from '../tmf/auth.ts';
import { TmfClient } from '../tmf/client.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);

const ecosystem = await startEcosystem();
try {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await resetAll(ecosystem);
    const start = performance.now();
    await driveFigure7(ecosystem);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`figure 7 end to end: ${RUNS} runs, median ${times[Math.floor(RUNS / 2)].toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);

  const client = new TmfClient(ecosystem.wireUrl('car-manufacturer', 'csp'), bootstrapKey(ecosystem.secret, 'car-manufacturer', 'csp'));
  const start = performance.now();
  for (let i = 0; i < REQUESTS; i++) await client.list('TMF620', 'productOffering', { lifecycleStatus: 'Launched' });
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `wire throughput: ${REQUESTS} GET productOffering in ${seconds.toFixed(2)} s = ${(REQUESTS / seconds).toFixed(0)} req/s (recorded and validated)`,
  );
  console.log(`memory: rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB after ${ecosystem.recorder.exchanges.length} recorded exchanges`);
} finally {
  await ecosystem.stop();
}
