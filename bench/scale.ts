/**
 * Scale figures in one run (prints, asserts nothing): the wire's cost (direct vs through the wire, req/s
 * and p50/p99), fleet mediation and billing at two sizes with records/s, RSS and the growth ratio
 * (each size in a process of its own, so RSS is its own), and, with BENCH_SUITE=1, the time of `npm test`.
 * FLEET_SMALL / FLEET_LARGE are cars (30 records each; defaults: about 100 k and 1 M records).
 */
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { benchWire } from './wire.ts';

const FLEET_SMALL = Number(process.env.FLEET_SMALL ?? 3_334);
const FLEET_LARGE = Number(process.env.FLEET_LARGE ?? 33_334);

interface FleetFigures {
  readonly cars: number;
  readonly records: number;
  readonly seconds: number;
  readonly rssMiB: number;
}

/** bench/fleet-billing.ts at one size: its printed record count, mediation + bill run time and RSS. */
async function fleet(cars: number): Promise<FleetFigures> {
  const script = join(import.meta.dirname, 'fleet-billing.ts');
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, FLEET: String(cars) },
    maxBuffer: 1 << 20,
  });
  const mediation = /(\d+) usage records .* mediated in ([\d.]+) s/.exec(stdout);
  const billing = /bill run of \d+ bills in ([\d.]+) s.*rss (\d+) MiB/.exec(stdout);
  if (!mediation || !billing) throw new Error(`unexpected output of fleet-billing.ts: ${stdout}`);
  return { cars, records: Number(mediation[1]), seconds: Number(mediation[2]) + Number(billing[1]), rssMiB: Number(billing[2]) };
}

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
say('\n== fleet mediation and bill run (domain level, no HTTP) ==');
const small = await fleet(FLEET_SMALL);
const large = await fleet(FLEET_LARGE);
for (const f of [small, large])
  say(
    `${String(f.records).padStart(9)} records (${f.cars} cars): ${f.seconds.toFixed(1).padStart(6)} s = ${(f.records / f.seconds).toFixed(0).padStart(7)} records/s, rss ${f.rssMiB} MiB`,
  );
say(
  `growth: ${(large.records / small.records).toFixed(1)} × the data took ${(large.seconds / small.seconds).toFixed(1)} × the time and ${(large.rssMiB / small.rssMiB).toFixed(1)} × the memory`,
);
if (process.env.BENCH_SUITE === '1') {
  say('\n== npm test ==');
  say(`npm test: ${(await npmTestSeconds()).toFixed(0)} s`);
}
