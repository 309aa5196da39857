/**
 * `cch fleet` at small size: a fleet onboarded through figures 7–8, its month of usage sent to the CSP's
 * mediation as usage batches, billed, then reconciled through the CSP's TMF APIs — and a planted double
 * rating or a bill that is not the sum of its items is caught.
 */
import assert from 'node:assert/strict';
import type { Usage } from '../tmf/resources.ts';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CspData } from '../actors/csp/store.ts';
import { startEcosystem, type Ecosystem } from '../harness/ecosystem.ts';
import { RECORDS_PER_CAR } from '../harness/fleet/drive.ts';
import { fleetMonth, reconcileFleet, type FleetMonth } from '../harness/fleet/run.ts';
import { collection } from '../tmf/data.ts';
import { USAGE_BOOK } from '../actors/csp/usage-book/book.ts';
import { runCch, startCch, stopCch } from './support/cch-process.ts';

const CARS = 200;
let ecosystem: Ecosystem;
let month: FleetMonth;

const csp = () => ecosystem.local.csp!.runtime.store as unknown as { update<R>(f: (draft: CspData) => R): Promise<R> };
/** Where the CSP keeps its usage records. */
const usageBook = () => ecosystem.local.csp!.runtime.shelf(USAGE_BOOK)!;

before(async () => {
  // A batch is one request that answers once every line is stored: generous on a loaded machine.
  ecosystem = await startEcosystem({ secret: 'fleet-test', timeoutMs: 120_000 });
  month = await fleetMonth(ecosystem, { cars: CARS, month: '2026-01', carsPerBatch: 50, concurrency: 2 });
});
after(() => ecosystem.stop());

test('a fleet of 200 cars: every record sent is rated once with shares that add up, and every bill is the sum of its items', async () => {
  assert.equal(month.cars.length, CARS);
  assert.equal(new Set(month.cars.map((c) => c.subscription)).size, CARS, 'each car has a subscription of its own');
  assert.equal(month.drive.records, CARS * RECORDS_PER_CAR);
  assert.deepEqual([month.drive.accepted, month.drive.duplicates, month.drive.rejected], [CARS * RECORDS_PER_CAR, 0, 0]);
  assert.equal(month.drive.batches, CARS / 50);
  assert.ok(month.drive.latencyMs.p50 > 0 && month.drive.latencyMs.p99 >= month.drive.latencyMs.p50);
  const check = await reconcileFleet(ecosystem, month);
  assert.deepEqual(check.findings, []);
  assert.ok(check.ok);
  assert.equal(check.ratedOnce, CARS * RECORDS_PER_CAR);
  assert.ok(check.billsChecked >= 2, 'the OEM and the fleet keeper are billed');
});

test('a record rated twice is found, and so is a bill that is not the sum of its items', async () => {
  const twice = await csp().update((draft) => {
    const copy = [...usageBook().all(draft)].find((u) => u.status === 'billed') as Usage;
    usageBook().add(draft, { ...copy, id: 'usage-planted', href: copy.href.replace(copy.id, 'usage-planted') }, undefined);
    return (copy.usageCharacteristic as { name: string; value: string }[]).find((c) => c.name === 'recordId')!.value;
  });
  let check = await reconcileFleet(ecosystem, month);
  assert.equal(check.ok, false);
  assert.deepEqual(check.findings, [`record ${twice} is rated 2 times (${(await idsOf(twice)).join(', ')})`]);

  await csp().update((draft) => {
    usageBook().remove(draft, 'usage-planted');
    const bill = collection(draft, 'TMF678', 'customerBill')[0];
    bill.taxExcludedAmount = {
      ...(bill.taxExcludedAmount as { unit: string; value: number }),
      value: (bill.taxExcludedAmount as { value: number }).value + 0.01,
    };
  });
  check = await reconcileFleet(ecosystem, month);
  assert.equal(check.ok, false);
  assert.equal(check.findings.length, 1);
  assert.match(check.findings[0], /^bill bill-0001: taxExcludedAmount .* but its \d+ items add up to /);
});

async function idsOf(recordId: string): Promise<string[]> {
  return [...usageBook().all(ecosystem.local.csp!.runtime.store.data)]
    .filter((u) => (u.usageCharacteristic as { name: string; value: unknown }[]).some((c) => c.name === 'recordId' && c.value === recordId))
    .map((u) => u.id);
}

test('cch fleet prints its progress, throughput, latency and verdict, and exits 0 when the books reconcile', async () => {
  const { code, output } = await runCch(['fleet', '--cars', '3', '--month', '2026-01', '--report-dir', mkdtempSync(join(tmpdir(), 'cch-fleet-'))]);
  assert.equal(code, 0, output);
  assert.match(output, /usage +\[#+\] 3\/3/);
  assert.match(output, /usage: 90 records in 1 batches, .* records\/s; accepted 90, duplicates 0, rejected 0/);
  assert.match(output, /batch latency: p50 \d+ ms, p95 \d+ ms, p99 \d+ ms/);
  assert.match(output, /reconciliation: 90\/90 records rated once with shares that add up, 2 bills checked: OK/);
});

test("cch fleet --actor csp=URL loads a partner's CSP bound by URL: the fleet's records land in that CSP's books, and reconcile", async () => {
  const data = mkdtempSync(join(tmpdir(), 'cch-fleet-partner-'));
  const { child, output: started } = await startCch(['up', '--only', 'csp', '--port', '0', '--data', data], /Ctrl-C/);
  try {
    const url = /: (http:\/\/127\.0\.0\.1:\d+)\n/.exec(started)![1];
    const reportDir = mkdtempSync(join(tmpdir(), 'cch-fleet-'));
    const { code, output } = await runCch(['fleet', '--cars', '3', '--month', '2026-01', '--actor', `csp=${url}`, '--report-dir', reportDir]);
    assert.equal(code, 0, output);
    assert.match(output, new RegExp(`CSP at ${url}\\b`));
    assert.match(output, /reconciliation: 90\/90 records rated once with shares that add up, 2 bills checked: OK/);
    const book = readdirSync(data).find((name) => name.endsWith('.usage.ndjson'));
    assert.ok(book, `the partner's CSP keeps a usage book in ${data}: ${readdirSync(data).join(', ')}`);
    const recordIds = readFileSync(join(data, book), 'utf8').match(/"name":"recordId","value":"[^"]+"/g) ?? [];
    assert.equal(new Set(recordIds).size, 90, "every record the fleet sent is in the partner's book");
  } finally {
    await stopCch(child);
  }
});
