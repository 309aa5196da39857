/**
 * Scale figures in one run (prints, asserts nothing): the wire's cost (direct vs through the wire, req/s
 * and p50/p99), fleet ingestion (NDJSON batches over HTTP), mediation and billing on the file store at
 * two sizes with records/s, CPU, RSS and the growth ratio (bench/fleet.ts, each size in a process of its
 * own), and, with BENCH_SUITE=1, the time of `npm test`. FLEET_SMALL / FLEET_LARGE are cars
 * (FLEET_RECORDS_PER_CAR records each, 30 by default; defaults: about 100 k and 1 M records).
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fleetGrowth } from './fleet.ts';
import { benchWire } from './wire.ts';

const FLEET_SMALL = Number(process.env.FLEET_SMALL ?? 3_334);
const FLEET_LARGE = Number(process.env.FLEET_LARGE ?? 33_334);

function npmTestSeconds(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) =>
    spawn('npm', ['test'], { stdio: 'ignore' }).once('exit', (code) =>
      code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`npm test exited with ${code}`)),
    ),
  );
}

const say = (line: string) => console.log(line);
say('== the wire ==');
await benchWire(say);
say('');
// Through the real ingestion path (HTTP batches) on the file store, each size in a process of its own.
await fleetGrowth([FLEET_SMALL, FLEET_LARGE], 'file', say);
if (process.env.BENCH_SUITE === '1') {
  say('\n== npm test ==');
  say(`npm test: ${(await npmTestSeconds()).toFixed(0)} s`);
}
