/**
 * Fleet ingestion through the real path, at two sizes with the growth ratio (prints, asserts nothing):
 * the CSP started alone on its file store (the durable store a party runs with; STORE=memory for the
 * memory store), the fleet's subscriptions set up at its domain level, then every car's month of usage
 * sent over HTTP as NDJSON usage batches to the batch extension (about 3,000 records a request, 2 in flight),
 * mediated (rated and split), and the month billed through the control API. Each size runs in a process
 * of its own, so its RSS (peak, sampled) is its own. Wall and CPU seconds are both printed: on a shared
 * machine the wall clock says more about the neighbours than about the code. The CPU seconds are the
 * process's, so they include the cars' side (generating and sending the records).
 * FLEET_SMALL / FLEET_LARGE are cars, FLEET_RECORDS_PER_CAR records each (defaults: 3,334 and 33,334
 * cars of 30 records, about 100 k and 1 M records); FLEET_CARS=N runs one size only. Setting up 33,334
 * cars takes minutes (the CSP finds a consumer by scanning its customers), so FLEET_SMALL=334
 * FLEET_LARGE=3334 FLEET_RECORDS_PER_CAR=300 gives the same record counts from fewer accounts.
 * Other benches call `fleetRun` / `fleetGrowth`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
const RECORDS_PER_CAR = Number(process.env.FLEET_RECORDS_PER_CAR ?? 30);
/** About 3,000 lines a request, whatever the records per car. */
const CARS_PER_BATCH = Math.max(1, Math.round(3000 / RECORDS_PER_CAR));
const CONCURRENCY = 2;

export interface FleetRun {
  readonly cars: number;
  readonly store: 'file' | 'memory';
  readonly records: number;
  readonly ingestSeconds: number;
  readonly billSeconds: number;
  /** CPU seconds (user + system) of the process during ingestion and during the bill run. */
  readonly ingestCpuSeconds: number;
  readonly billCpuSeconds: number;
  readonly rated: number;
  readonly bills: number;
  readonly peakRssMiB: number;
}

type StoreKind = FleetRun['store'];
const storeKind = (): StoreKind => (process.env.STORE === 'memory' ? 'memory' : 'file');
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

async function runOne(cars: number, store: StoreKind): Promise<FleetRun> {
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const dir = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
  const storage = store === 'file' ? { kind: 'file' as const, path: join(dir, 'csp.json') } : { kind: 'memory' as const };
  const csp = await startCsp({ storage, secret: SECRET, peers: {}, callbacks: {}, seed: 1 }, 0);
  const cspStore = csp.runtime.store as unknown as { update<R>(f: (d: CspData) => R): Promise<R>; data: CspData };
  // Set up on plain data, then stored whole: the domain's set-up shares objects between places, which
  // an update's draft must not.
  const seeded = structuredClone(cspStore.data) as CspData;
  const products = onboardFleetAtCsp(seeded, cars);
  await cspStore.update((draft) => Object.assign(draft, seeded));
  const car = new TmfClient(csp.url, bootstrapKey(SECRET, 'driver', 'csp'), 600_000);
  const harness = new TmfClient(csp.url, harnessKey(SECRET, 'csp'), 600_000);
  let records = 0;
  let next = 0;
  const started = performance.now();
  const ingestCpu = process.cpuUsage();
  const worker = async () => {
    for (let first = next++ * CARS_PER_BATCH; first < cars; first = next++ * CARS_PER_BATCH) {
      const batch = products.slice(first, first + CARS_PER_BATCH).flatMap((product, i) => carRecords(product, first + i, RECORDS_PER_CAR));
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
  const ingestCpuSeconds = cpuSeconds(ingestCpu);
  const t = performance.now();
  const billCpu = process.cpuUsage();
  await harness.request('PUT', '/control/clock', { now: '2026-02-01T00:00:00Z' });
  const { bills } = await harness.post<{ bills: unknown[] }>('/control/billing-run', { period: '2026-01' });
  const billSeconds = (performance.now() - t) / 1000;
  const billCpuSeconds = cpuSeconds(billCpu);
  const rated = items(cspStore.data, 'TMF635', 'usage').filter((u) => u.status === 'billed' || u.status === 'rated').length;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  await csp.stop();
  rmSync(dir, { recursive: true, force: true });
  return {
    cars,
    store,
    records,
    ingestSeconds,
    billSeconds,
    ingestCpuSeconds,
    billCpuSeconds,
    rated,
    bills: bills.length,
    peakRssMiB: Math.round(peak / 2 ** 20),
  };
}

const wall = (r: FleetRun) => r.ingestSeconds + r.billSeconds;
const cpu = (r: FleetRun) => r.ingestCpuSeconds + r.billCpuSeconds;

/** One line of figures of a run. */
export const fleetLine = (r: FleetRun) =>
  `${String(r.records).padStart(9)} records (${r.cars} cars, ${r.rated} rated, ${r.bills} bills, ${r.store} store): ` +
  `ingest ${r.ingestSeconds.toFixed(1)} s (cpu ${r.ingestCpuSeconds.toFixed(1)} s) + bill run ${r.billSeconds.toFixed(1)} s (cpu ${r.billCpuSeconds.toFixed(1)} s) = ` +
  `${(r.records / wall(r)).toFixed(0)} records/s wall, ${(r.records / cpu(r)).toFixed(0)} records/cpu-s, peak rss ${r.peakRssMiB} MiB`;

/** The fleet run of `cars` cars in a process of its own (so that its RSS is its own). */
export async function fleetRun(cars: number, store: StoreKind = storeKind()): Promise<FleetRun> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', import.meta.filename], {
    env: { ...process.env, FLEET_CARS: String(cars), STORE: store },
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as FleetRun;
}

/** Both sizes, printed as they finish, then the growth ratio (time on the wall and in CPU, memory). */
export async function fleetGrowth(sizes: readonly [number, number], store: StoreKind = storeKind(), print = console.log): Promise<FleetRun[]> {
  print(`== fleet through the usage batch extension (${store} store) ==`);
  const runs: FleetRun[] = [];
  for (const cars of sizes) {
    runs.push(await fleetRun(cars, store));
    print(fleetLine(runs.at(-1)!));
  }
  const [small, large] = runs;
  print(
    `growth: ${(large.records / small.records).toFixed(1)} × the data took ${(wall(large) / wall(small)).toFixed(1)} × the wall time, ` +
      `${(cpu(large) / cpu(small)).toFixed(1)} × the CPU time and ${(large.peakRssMiB / small.peakRssMiB).toFixed(1)} × the memory`,
  );
  return runs;
}

if (import.meta.filename === process.argv[1]) {
  if (process.env.FLEET_CARS) console.log(JSON.stringify(await runOne(Number(process.env.FLEET_CARS), storeKind())));
  else await fleetGrowth([Number(process.env.FLEET_SMALL ?? 3_334), Number(process.env.FLEET_LARGE ?? 33_334)]);
}
