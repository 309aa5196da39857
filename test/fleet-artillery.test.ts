/**
 * The fleet's load scenario on Artillery (load/artillery/fleet.yml), run locally at small size: the
 * processor generates each batch with the project's usage generator and checks the CSP's answers; the
 * CSP's books then reconcile with every record the scenario sent.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { endMonth } from '../harness/drive/figure8.ts';
import { startEcosystem, type Ecosystem } from '../harness/ecosystem.ts';
import { type FleetFile, fleetBatchRecords, recordIdOf } from '../harness/fleet/batch.ts';
import { onboardFleet } from '../harness/fleet/onboard.ts';
import { silent } from '../harness/fleet/progress.ts';
import { readBooks, reconcile } from '../harness/fleet/reconcile.ts';
import { bootstrapKey } from '../tmf/auth.ts';

const SECRET = 'fleet-artillery';
const CARS = 20;
const CARS_PER_BATCH = 5;
const ROOT = join(import.meta.dirname, '..');
let ecosystem: Ecosystem;

before(async () => {
  ecosystem = await startEcosystem({ secret: SECRET, timeoutMs: 120_000 });
});
after(() => ecosystem.stop());

test("the Artillery scenario sends a fleet's month through the usage batch extension; every record is rated once and the bills add up", async () => {
  const fleet: FleetFile = { month: '2026-01', cars: await onboardFleet(ecosystem, CARS, '2026-01', silent) };
  const dir = mkdtempSync(join(tmpdir(), 'fleet-artillery-'));
  const fleetFile = join(dir, 'fleet.json');
  writeFileSync(fleetFile, JSON.stringify(fleet));
  const batches = CARS / CARS_PER_BATCH;
  const report = join(dir, 'report.json');
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules/artillery/bin/run'),
      'run',
      '--quiet',
      '--output',
      report,
      '--target',
      ecosystem.wireUrl('driver', 'csp'),
      '--overrides',
      JSON.stringify({ config: { phases: [{ duration: 1, arrivalCount: batches }] } }),
      join(ROOT, 'load/artillery/fleet.yml'),
    ],
    {
      env: {
        ...process.env,
        ARTILLERY_DISABLE_TELEMETRY: 'true',
        CCH_FLEET_FILE: fleetFile,
        CCH_CARS_PER_BATCH: String(CARS_PER_BATCH),
        CCH_CAR_KEY: bootstrapKey(SECRET, 'driver', 'csp'),
      },
      maxBuffer: 1 << 24,
    },
  );
  const counters = (JSON.parse(readFileSync(report, 'utf8')) as { aggregate: { counters: Record<string, number> } }).aggregate.counters;
  const sent = fleetBatchRecords(fleet, 0, CARS).map(recordIdOf);
  assert.equal(counters['fleet.records_sent'], sent.length);
  assert.equal(counters['fleet.records_accepted'], sent.length);
  assert.equal(counters['fleet.batches_failed'] ?? 0, 0);
  assert.equal(counters['http.codes.200'], batches);

  await endMonth(ecosystem, fleet.month);
  const check = reconcile(sent, await readBooks(ecosystem.control('csp')));
  assert.deepEqual(check.findings, []);
  assert.equal(check.ratedOnce, sent.length);
});
