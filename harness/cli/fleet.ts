import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseBindings } from '../bindings.ts';
import { startEcosystem } from '../ecosystem.ts';
import { startPartyProcesses } from '../party-processes.ts';
import { DEFAULT_SECRET } from '../../actors/kit/config.ts';
import { fleetMonth, reconcileFleet, type FleetMonth } from '../fleet/run.ts';
import type { Reconciliation } from '../fleet/reconcile.ts';
import { progressBar } from '../fleet/progress.ts';
import { onboardFleet } from '../fleet/onboard.ts';
import type { FleetFile } from '../fleet/batch.ts';
import { RECORDS_PER_CAR } from '../fleet/drive.ts';
import { MAX_FLEET_CARS } from '../../actors/driver/processes/fleet.ts';
import { type Args, one } from './args.ts';

/** How long one usage batch may take. */
const BATCH_TIMEOUT_MS = 300_000;

/** `cch fleet`: a fleet's month of usage through the CSP's mediation and bill run, then reconciled; exit 1 when it does not reconcile. */
export async function fleet(args: Args): Promise<number> {
  const cars = whole(args, 'cars', undefined, 1, 1_000_000);
  const month = one(args, 'month') ?? '';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`--month must be YYYY-MM, got '${month}'`);
  const carsPerBatch = whole(args, 'cars-per-batch', 100, 1, MAX_FLEET_CARS);
  const concurrency = whole(args, 'concurrency', 2, 1, 64);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const fleetFile = one(args, 'fleet-file');
  if (args.flags.has('onboard-only') && !fleetFile)
    throw new Error('--onboard-only needs --fleet-file FILE, where the onboarded fleet is written for a load generator');
  const bindings = parseBindings(args.options.get('actor') ?? []);
  const unsupported = Object.keys(bindings).filter((id) => id !== 'csp');
  if (unsupported.length > 0) throw new Error(`cch fleet loads a CSP: --actor binds only csp=URL, not ${unsupported.join(', ')}`);
  const reportDir = resolve(one(args, 'report-dir') ?? 'reports/fleet');
  mkdirSync(reportDir, { recursive: true });
  const secret = process.env.CCH_SECRET ?? DEFAULT_SECRET;
  // The simulated CSP runs as `cch up` runs it: a process of its own, on its file store and usage book
  // (a fleet's records do not belong in the harness's heap), and on a core of its own. Its data starts
  // afresh in the report folder.
  const cspData = join(reportDir, 'csp-data');
  rmSync(cspData, { recursive: true, force: true });
  const csp = bindings.csp ? undefined : (await startPartyProcesses(['csp'], cspData, secret))[0];
  // The wire keeps the latest exchanges in memory (64 MiB of them: nothing here reads them back) and spills
  // the rest: a fleet's traffic does not fit. A batch is one request, answered once every line is
  // stored: the wire and the parties wait for it.
  const ecosystem = await startEcosystem({
    bindings: csp ? { ...bindings, csp: { kind: 'remote', url: csp.url } } : bindings,
    secret,
    timeoutMs: BATCH_TIMEOUT_MS,
    trace: { retain: 2000, maxBytes: 64 * 2 ** 20, spillTo: join(reportDir, 'trace.ndjson') },
  }).catch(async (error: unknown) => {
    await csp?.stop();
    throw error;
  });
  try {
    say(`Fleet of ${cars} cars (${cars * RECORDS_PER_CAR} usage records) for ${month}; CSP at ${ecosystem.actorUrls.csp}`);
    const write = (text: string) => process.stdout.write(text);
    const progress = (label: string, total: number) => progressBar(label.padEnd(10), total, write, Boolean(process.stdout.isTTY));
    if (args.flags.has('onboard-only')) {
      const onboarded = await onboardFleet(ecosystem, cars, month, progress('onboarding', cars));
      writeFileSync(fleetFile!, JSON.stringify({ month, cars: onboarded } satisfies FleetFile));
      say(`${onboarded.length} cars onboarded at ${ecosystem.actorUrls.csp}; the fleet is in ${fleetFile} (see load/artillery/fleet.yml)`);
      return 0;
    }
    const result = await fleetMonth(ecosystem, { cars, month, carsPerBatch, concurrency, progress });
    if (fleetFile) writeFileSync(fleetFile, JSON.stringify({ month, cars: result.cars } satisfies FleetFile));
    const reconciliation = await reconcileFleet(ecosystem, result);
    report(result, reconciliation, say);
    return reconciliation.ok ? 0 : 1;
  } finally {
    await ecosystem.stop();
    await csp?.stop();
  }
}

function report(month: FleetMonth, check: Reconciliation, say: (line: string) => void): void {
  const { drive } = month;
  say(`onboarding: ${month.cars.length} cars in ${month.onboardingSeconds.toFixed(1)} s`);
  say(
    `usage: ${drive.records} records in ${drive.batches} batches, ${drive.seconds.toFixed(1)} s = ${Math.round(drive.records / drive.seconds)} records/s; ` +
      `accepted ${drive.accepted}, duplicates ${drive.duplicates}, rejected ${drive.rejected}`,
  );
  say(`batch latency: p50 ${drive.latencyMs.p50} ms, p95 ${drive.latencyMs.p95} ms, p99 ${drive.latencyMs.p99} ms, max ${drive.latencyMs.max} ms`);
  for (const r of drive.refusals) say(`  refused: ${r}`);
  say(`bill run: ${month.billingSeconds.toFixed(1)} s; rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`);
  say(
    `reconciliation: ${check.ratedOnce}/${check.recordsSent} records rated once with shares that add up, ${check.billsChecked} bills checked: ${check.ok ? 'OK' : 'DOES NOT RECONCILE'}`,
  );
  for (const f of check.findings) say(`  ✖ ${f}`);
}

function whole(args: Args, name: string, fallback: number | undefined, min: number, max: number): number {
  const raw = one(args, name);
  if (raw === undefined) {
    if (fallback === undefined) throw new Error(`--${name} is required (a whole number from ${min} to ${max})`);
    return fallback;
  }
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, got '${raw}'`);
  return Number(raw);
}
