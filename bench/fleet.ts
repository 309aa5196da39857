/**
 * Fleet ingestion through the real path, at two sizes with the growth ratio (prints, asserts nothing):
 * the CSP started alone (memory store; STORE=file for its lowdb file), the fleet's subscriptions set up
 * at its domain level, then every car's month of usage sent over HTTP as NDJSON usage batches to the
 * batch extension (100 cars a request, 2 in flight), mediated (rated and split), and the month billed
 * through the control API. Each size runs in a process of its own, so its RSS (peak, sampled) is its own.
 * FLEET_SMALL / FLEET_LARGE are cars, 30 records each (defaults: about 100 k and 1 M records);
 * FLEET_CARS=N runs one size only.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { startCsp } from '../actors/csp/index.ts';
import type { CspData } from '../actors/csp/store.ts';
import { PARTY_API, type UsageBatchSummary } from '../core/party-api.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';
import { TmfClient } from '../tmf/client.ts';
import { items } from '../tmf/data.ts';
import { carRecords, onboardFleetAtCsp } from './support/fleet-setup.ts';

const SECRET = 'bench-fleet';
const CARS_PER_BATCH = 100;
const CONCURRENCY = 2;

interface FleetRun {
  readonly cars: number;
  readonly records: number;
  readonly ingestSeconds: number;
  readonly billSeconds: number;
  readonly rated: number;
  readonly bills: number;
  readonly peakRssMiB: number;
}

async function runOne(cars: number): Promise<FleetRun> {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const storage =
    process.env.STORE === 'file' ? { kind: 'file' as const, path: join(mkdtempSync(join(tmpdir(), 'bench-fleet-')), 'csp.json') } : { kind: 'memory' as const };
  const csp = await startCsp({ storage, secret: SECRET, peers: {}, callbacks: {}, seed: 1 }, 0);
  const store = csp.runtime.store as unknown as { update<R>(f: (d: CspData) => R): Promise<R>; data: CspData };
  // Set up on plain data, then stored whole: the domain's set-up shares objects between places, which
  // an update's draft must not.
  const seeded = structuredClone(store.data) as CspData;
  const products = onboardFleetAtCsp(seeded, cars);
  await store.update((draft) => Object.assign(draft, seeded));
  const car = new TmfClient(csp.url, bootstrapKey(SECRET, 'driver', 'csp'), 600_000);
  const harness = new TmfClient(csp.url, harnessKey(SECRET, 'csp'), 600_000);
  let records = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let first = next++ * CARS_PER_BATCH; first < cars; first = next++ * CARS_PER_BATCH) {
      const batch = products.slice(first, first + CARS_PER_BATCH).flatMap((product, i) => carRecords(product, first + i));
      // A batch may be sent again (its stored lines come back as duplicates): once, if a kept-alive
      // connection was closed under it.
      const send = () => car.postLines<UsageBatchSummary>(PARTY_API.usageBatch, batch);
      const answer = await send().catch(send);
      if (answer.accepted + answer.duplicates !== batch.length || answer.rejected > 0)
        throw new Error(`batch at car ${first}: ${JSON.stringify(answer).slice(0, 300)}`);
      records += batch.length;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ingestSeconds = (performance.now() - started) / 1000;
  const t = performance.now();
  await harness.request('PUT', '/control/clock', { now: '2026-02-01T00:00:00Z' });
  const { bills } = await harness.post<{ bills: unknown[] }>('/control/billing-run', { period: '2026-01' });
  const billSeconds = (performance.now() - t) / 1000;
  const rated = items(store.data, 'TMF635', 'usage').filter((u) => u.status === 'billed' || u.status === 'rated').length;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await csp.stop();
  return { cars, records, ingestSeconds, billSeconds, rated, bills: bills.length, peakRssMiB: Math.round(peak / 2 ** 20) };
}

const line = (r: FleetRun) => {
  const seconds = r.ingestSeconds + r.billSeconds;
  return `${String(r.records).padStart(9)} records (${r.cars} cars, ${r.rated} rated, ${r.bills} bills): ingest ${r.ingestSeconds.toFixed(1)} s + bill run ${r.billSeconds.toFixed(1)} s = ${(r.records / seconds).toFixed(0)} records/s, peak rss ${r.peakRssMiB} MiB`;
};

async function inOwnProcess(cars: number): Promise<FleetRun> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', import.meta.filename], {
    env: { ...process.env, FLEET_CARS: String(cars) },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as FleetRun;
}

if (process.env.FLEET_CARS) {
  console.log(JSON.stringify(await runOne(Number(process.env.FLEET_CARS))));
} else {
  const sizes = [Number(process.env.FLEET_SMALL ?? 3_334), Number(process.env.FLEET_LARGE ?? 33_334)];
  console.log(`== fleet through the usage batch extension (${process.env.STORE === 'file' ? 'file' : 'memory'} store) ==`);
  const runs: FleetRun[] = [];
  for (const cars of sizes) {
    runs.push(await inOwnProcess(cars));
    console.log(line(runs.at(-1)!));
  }
  const [small, large] = runs;
  const time = (r: FleetRun) => r.ingestSeconds + r.billSeconds;
  console.log(
    `growth: ${(large.records / small.records).toFixed(1)} × the data took ${(time(large) / time(small)).toFixed(1)} × the time and ${(large.peakRssMiB / small.peakRssMiB).toFixed(1)} × the memory`,
  );
}
