/**
 * kill -9 during a usage batch: what the CSP acknowledged is kept, and the batch sent again after the
 * restart rates nothing twice (the lines stored before the crash come back as duplicates). The CSP runs
 * on its file store, told to compact as soon as appended changes outweigh the file, so the batch's
 * updates are appended, compacted and killed between.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { readAppendFile } from '../core/append-file.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parsePeriodId } from '../core/billing-period.ts';
import { PARTY_API, type UsageBatchSummary } from '../core/party-api.ts';
import { usageRecords } from '../actors/driver/domain/usage-records.ts';
import { LINES_PER_UPDATE } from '../actors/csp/processes/usage-batch.ts';
import { bootstrapKey } from '../tmf/auth.ts';
import { TmfClient } from '../tmf/client.ts';
import type { CspData } from '../actors/csp/store.ts';
import { UsageBook } from '../actors/csp/usage-book/book.ts';
import { killCch, startCch, stopCch } from './support/cch-process.ts';
import { CRASH_SECRET, seedCspFile } from './support/crash-scenario.ts';

const JANUARY = parsePeriodId('2026-01');
const CARS = 200;

const recordsOf = (products: readonly string[], sessions: number, firstRecord: number) =>
  products.flatMap((subscription, i) =>
    usageRecords({
      subscription,
      vehicleId: `VIN${i}`,
      period: JANUARY,
      infotainmentMB: 6000,
      telematicsMB: 50,
      sessions: { infotainment: sessions, telematics: sessions / 2 },
      seed: 3 + i,
      firstRecord,
    }),
  );
const idOf = (record: Record<string, unknown>) => String((record.usageCharacteristic as { value: unknown }[])[0].value);

test('kill -9 in the middle of a usage batch loses nothing acknowledged and, sent again, rates nothing twice', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cch-crash-batch-'));
  const products = seedCspFile(dir, CARS);
  const file = join(dir, 'csp.json');
  const start = async () => {
    const { child, output } = await startCch(['up', '--only', 'csp', '--port', '0', '--data', dir], /Ctrl-C/, {
      CCH_SECRET: CRASH_SECRET,
      CCH_STORE_COMPACT_BYTES: '0',
    });
    return { child, car: new TmfClient(/(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1], bootstrapKey(CRASH_SECRET, 'driver', 'csp'), 120_000) };
  };
  const acknowledged = recordsOf(products.slice(0, 10), 2, 1001);
  const interrupted = recordsOf(products, 20, 1);
  assert.ok(interrupted.length > LINES_PER_UPDATE, 'the batch spans more than one store update');

  let csp = await start();
  const first = await csp.car.postLines<UsageBatchSummary>(PARTY_API.usageBatch, acknowledged);
  assert.equal(first.accepted, acknowledged.length);
  const stored = () =>
    existsSync(file) ? readAppendFile<{ journal: { type: string }[] }>(file)!.journal.filter((j) => j.type === 'usage.batch-ingested').length : 0;
  const sending = csp.car.postLines<UsageBatchSummary>(PARTY_API.usageBatch, interrupted).then(
    () => 'answered',
    () => 'cut off',
  );
  // The CSP dies once the batch's first store update is on disk (or when it answers, if that comes first).
  let answered = false;
  void sending.then(() => (answered = true));
  while (!answered && stored() < 2) await new Promise((resolve) => setTimeout(resolve, 20));
  await killCch(csp.child);
  const fate = await sending;

  csp = await start();
  try {
    const again = await csp.car.postLines<UsageBatchSummary>(PARTY_API.usageBatch, interrupted);
    assert.equal(again.rejected, 0);
    assert.equal(again.accepted + again.duplicates, interrupted.length);
    if (fate === 'cut off')
      assert.ok(again.duplicates > 0 && again.accepted > 0, `part of the batch was stored before the crash (${again.duplicates} duplicates)`);
    const repeat = await csp.car.postLines<UsageBatchSummary>(PARTY_API.usageBatch, acknowledged);
    assert.equal(repeat.duplicates, acknowledged.length, 'the batch acknowledged before the crash is all there');
  } finally {
    await stopCch(csp.child);
  }
  // The usage book as the CSP would open it again: up to what its store committed.
  const book = UsageBook.open({ kind: 'file', path: file }, readAppendFile<CspData>(file)!.usageLedger.log);
  const usages = [...book.all()];
  book.close();
  const kept = usages.map((u) => String((u.usageCharacteristic as { value: unknown }[])[0].value));
  assert.equal(kept.length, new Set(kept).size, 'no record kept twice');
  assert.deepEqual(new Set(kept), new Set([...acknowledged, ...interrupted].map(idOf)));
  assert.ok(usages.every((u) => u.status === 'rated'));
});
