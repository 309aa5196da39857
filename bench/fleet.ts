/**
 * Fleet ingestion through the real path, at two sizes with the growth ratio (prints, asserts nothing):
 * the CSP runs as `cch up --only csp` runs it — a process of its own, on its file store and usage book —
 * with the fleet's subscriptions seeded into its store file (onboarding is not what is measured); this
 * process plays the cars: every car's month of usage sent over HTTP as NDJSON usage batches to the
 * batch extension (about 3,000 records a request, 4 in flight (FLEET_CONCURRENCY)), mediated (rated and split) by the CSP,
 * then the month billed through its control API, and finally the CSP killed (-9) and started again on its
 * files: how long it takes, and whether its books held. The CSP's CPU seconds and peak RSS are read from
 * /proc (Linux): they are the party's own, the cars' side is not in them. Wall seconds are printed too:
 * on a shared machine they say more about the neighbours than about the code.
 * FLEET_SMALL / FLEET_LARGE are cars, FLEET_RECORDS_PER_CAR records each (defaults: 334 and 3,334 cars
 * of 300 records, about 100 k and 1 M records); FLEET_CARS=N runs one size only.
 * Other benches call `fleetRun` / `fleetGrowth`.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cspDefaults } from '../actors/csp/store.ts';
import { PARTY_API, type UsageBatchSummary } from '../core/party-api.ts';
import { type PartyProcess, startPartyProcesses } from '../harness/party-processes.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';
import { TmfClient } from '../tmf/client.ts';
import { carRecords, onboardFleetAtCsp, START } from './support/fleet-setup.ts';
import { cpuSecondsOf, peakRssMiBOf } from './support/proc.ts';

const SECRET = 'bench-fleet';
const RECORDS_PER_CAR = Number(process.env.FLEET_RECORDS_PER_CAR ?? 300);
/** About 3,000 lines a request, whatever the records per car. */
const CARS_PER_BATCH = Math.max(1, Math.round(3000 / RECORDS_PER_CAR));
const CONCURRENCY = Number(process.env.FLEET_CONCURRENCY ?? 4);

export interface FleetRun {
  readonly cars: number;
  readonly records: number;
  readonly ingestSeconds: number;
  readonly billSeconds: number;
  /** CPU seconds (user + system) of the CSP's process during ingestion and during the bill run. */
  readonly ingestCpuSeconds: number;
  readonly billCpuSeconds: number;
  readonly rated: number;
  readonly bills: number;
  /** The CSP process's peak resident memory (VmHWM). */
  readonly peakRssMiB: number;
  /** CPU seconds of this process (the cars: generating and sending the records) during ingestion. */
  readonly carsCpuSeconds: number;
  /** After the bill run, the CSP killed (-9) and started again on its files. */
  readonly restart: Restart;
}

/** What a kill -9 after the bill run left: how long the CSP took to start again, and whether its books held. */
interface Restart {
  readonly seconds: number;
  /** The records by status after the restart are those before the kill. */
  readonly nothingLost: boolean;
  /** The first batch sent again: every line a duplicate, nothing rated twice. */
  readonly duplicatesOfResent: number;
  readonly resent: number;
}

/** CPU seconds the CSP has used so far: the bench runs where /proc is (Linux). */
function cpuOf(pid: number): number {
  const seconds = cpuSecondsOf(pid);
  if (seconds === undefined) throw new Error(`no /proc/${pid}/stat: the fleet bench reads the CSP's CPU from /proc (Linux)`);
  return seconds;
}

/** The CSP's store file with the fleet's subscriptions: what `cch up --only csp --data DIR` opens. */
function seedCsp(dir: string, cars: number): string[] {
  const data = cspDefaults(START);
  const products = onboardFleetAtCsp(data, cars);
  writeFileSync(join(dir, 'csp.json'), JSON.stringify(data));
  return products;
}

/** Every car's month, in batches of CARS_PER_BATCH cars, CONCURRENCY batches in flight; returns the records sent. */
async function sendFleet(csp: TmfClient, products: readonly string[]): Promise<number> {
  let records = 0;
  let next = 0;
  const worker = async () => {
    for (let first = next++ * CARS_PER_BATCH; first < products.length; first = next++ * CARS_PER_BATCH) {
      const batch = products.slice(first, first + CARS_PER_BATCH).flatMap((product, i) => carRecords(product, first + i, RECORDS_PER_CAR));
      // A batch may be sent again (its stored lines come back as duplicates): once, if a kept-alive
      // connection was closed under it.
      const send = () => csp.postLines<UsageBatchSummary>(PARTY_API.usageBatch, batch);
      const answer = await send().catch(send);
      if (answer.accepted + answer.duplicates !== batch.length || answer.rejected > 0)
        throw new Error(`batch at car ${first}: ${JSON.stringify(answer).slice(0, 300)}`);
      records += batch.length;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return records;
}

const summaryOf = async (harness: TmfClient) => (await harness.request<{ byStatus: Record<string, number> }>('GET', '/control/usage-summary')).body.byStatus;

/** Kills the CSP (-9), starts it again on its files, and checks that its books held. */
async function killAndRestart(dir: string, killed: PartyProcess, products: readonly string[]): Promise<{ party: PartyProcess; restart: Restart }> {
  const before = await summaryOf(new TmfClient(killed.url, harnessKey(SECRET, 'csp'), 600_000));
  const exited = new Promise<void>((resolve) => {
    const poll = () => (existsSync(`/proc/${killed.pid}`) ? setTimeout(poll, 20) : resolve());
    poll();
  });
  process.kill(killed.pid, 'SIGKILL');
  await exited;
  const started = performance.now();
  const [party] = await startPartyProcesses(['csp'], dir, SECRET, 600_000);
  const seconds = (performance.now() - started) / 1000;
  const after = await summaryOf(new TmfClient(party.url, harnessKey(SECRET, 'csp'), 600_000));
  const batch = products.slice(0, CARS_PER_BATCH).flatMap((product, i) => carRecords(product, i, RECORDS_PER_CAR));
  const again = await new TmfClient(party.url, bootstrapKey(SECRET, 'driver', 'csp'), 600_000).postLines<UsageBatchSummary>(PARTY_API.usageBatch, batch);
  return {
    party,
    restart: { seconds, nothingLost: JSON.stringify(after) === JSON.stringify(before), duplicatesOfResent: again.duplicates, resent: batch.length },
  };
}

/** The fleet run of `cars` cars against a CSP process of its own. */
export async function fleetRun(cars: number): Promise<FleetRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
  const products = seedCsp(dir, cars);
  let [party] = await startPartyProcesses(['csp'], dir, SECRET);
  try {
    const car = new TmfClient(party.url, bootstrapKey(SECRET, 'driver', 'csp'), 600_000);
    const harness = new TmfClient(party.url, harnessKey(SECRET, 'csp'), 600_000);
    const started = performance.now();
    const cpuBefore = cpuOf(party.pid);
    const carsCpu = process.cpuUsage();
    const records = await sendFleet(car, products);
    const carsUsed = process.cpuUsage(carsCpu);
    const ingestSeconds = (performance.now() - started) / 1000;
    const ingestCpuSeconds = cpuOf(party.pid) - cpuBefore;
    const t = performance.now();
    await harness.request('PUT', '/control/clock', { now: '2026-02-01T00:00:00Z' });
    const { bills } = await harness.post<{ bills: unknown[] }>('/control/billing-run', { period: '2026-01' });
    const billSeconds = (performance.now() - t) / 1000;
    const billCpuSeconds = cpuOf(party.pid) - cpuBefore - ingestCpuSeconds;
    const peakRssMiB = peakRssMiBOf(party.pid);
    const byStatus = await summaryOf(harness);
    const rated = (byStatus.rated ?? 0) + (byStatus.billed ?? 0);
    const carsCpuSeconds = (carsUsed.user + carsUsed.system) / 1e6;
    const killed = await killAndRestart(dir, party, products);
    party = killed.party;
    return {
      cars,
      records,
      ingestSeconds,
      billSeconds,
      ingestCpuSeconds,
      billCpuSeconds,
      rated,
      bills: bills.length,
      peakRssMiB,
      carsCpuSeconds,
      restart: killed.restart,
    };
  } finally {
    await party.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const wall = (r: FleetRun) => r.ingestSeconds + r.billSeconds;
const cpu = (r: FleetRun) => r.ingestCpuSeconds + r.billCpuSeconds;

/** One line of figures of a run. */
export const fleetLine = (r: FleetRun) =>
  `${String(r.records).padStart(9)} records (${r.cars} cars, ${r.rated} rated, ${r.bills} bills): ` +
  `ingest ${r.ingestSeconds.toFixed(1)} s (CSP cpu ${r.ingestCpuSeconds.toFixed(1)} s) + bill run ${r.billSeconds.toFixed(1)} s (CSP cpu ${r.billCpuSeconds.toFixed(1)} s) = ` +
  `${(r.records / wall(r)).toFixed(0)} records/s wall, ${(r.records / cpu(r)).toFixed(0)} records/CSP-cpu-s, CSP peak rss ${r.peakRssMiB} MiB ` +
  `(the cars: ${r.carsCpuSeconds.toFixed(1)} s cpu); kill -9, then started again in ${r.restart.seconds.toFixed(1)} s: ` +
  `${r.restart.nothingLost ? 'nothing lost' : 'RECORDS CHANGED'}, a batch sent again ${r.restart.duplicatesOfResent}/${r.restart.resent} duplicates`;

/** Both sizes, printed as they finish, then the growth ratio (time on the wall and in CPU, memory). */
export async function fleetGrowth(sizes: readonly [number, number], print = console.log): Promise<FleetRun[]> {
  print('== fleet through the usage batch extension (the CSP in its own process, file store and usage book) ==');
  const runs: FleetRun[] = [];
  for (const cars of sizes) {
    runs.push(await fleetRun(cars));
    print(fleetLine(runs.at(-1)!));
  }
  const [small, large] = runs;
  print(
    `growth: ${(large.records / small.records).toFixed(1)} × the data took ${(wall(large) / wall(small)).toFixed(1)} × the wall time, ` +
      `${(cpu(large) / cpu(small)).toFixed(1)} × the CSP's CPU time and ${(large.peakRssMiB / small.peakRssMiB).toFixed(1)} × its memory`,
  );
  return runs;
}

if (import.meta.filename === process.argv[1]) {
  if (process.env.FLEET_CARS) console.log(fleetLine(await fleetRun(Number(process.env.FLEET_CARS))));
  else await fleetGrowth([Number(process.env.FLEET_SMALL ?? 334), Number(process.env.FLEET_LARGE ?? 3_334)]);
}
