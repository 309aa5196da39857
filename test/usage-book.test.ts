/**
 * The CSP's usage book: records kept beside the store, in step with its updates — staged in an update,
 * kept when it commits, taken back when it fails, cut back to the store's mark after a kill — with the
 * billing marks laid over the records it reads back.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readAppendFile } from '../core/append-file.ts';
import { Store, type StorageOption } from '../core/store.ts';
import { cspDefaults, type CspData } from '../actors/csp/store.ts';
import { UsageBook } from '../actors/csp/usage-book/book.ts';
import { moveUsageIntoBook } from '../actors/csp/usage-book/from-document.ts';
import { matchesFilters } from '../tmf/query.ts';
import type { Usage } from '../tmf/resources.ts';

const START = new Date('2026-01-01T00:00:00Z');

/** A rated record of `shares` payers, each paying `amounts[i]` EUR, on account `acc-<i>`. */
const rated = (n: number, amounts: readonly number[], usageDate = '2026-01-10T10:00:00Z'): Usage => ({
  id: `usage-${n}`,
  href: `/tmf-api/usageManagement/v4/usage/usage-${n}`,
  '@type': 'Usage',
  status: 'rated',
  usageType: 'infotainment',
  usageDate,
  usageCharacteristic: [
    { name: 'recordId', value: `VIN1-${n}` },
    { name: 'chargeableMB', valueType: 'number', value: 12.5 },
  ],
  ratedProductUsage: amounts.map((value, i) => ({
    '@type': 'RatedProductUsage',
    isBilled: false,
    taxExcludedRatingAmount: { unit: 'EUR', value },
    productRef: { id: 'product-1', href: '/p/product-1' },
    payerRole: i === 0 ? 'buyer' : 'thirdPartyPayer',
    billingAccount: { id: `acc-${i}`, href: `/b/acc-${i}` },
  })),
});

/** A CSP store with its book attached, as the CSP opens them. */
async function openCsp(storage: StorageOption): Promise<{ store: Store<CspData>; book: UsageBook }> {
  const store = await Store.open<CspData>(storage, () => cspDefaults(START));
  const book = UsageBook.open(storage, store.data.usageLedger.log);
  store.attach(book);
  return { store, book };
}

const filed = (): StorageOption => ({ kind: 'file', path: join(mkdtempSync(join(tmpdir(), 'usage-book-')), 'csp.json') });

describe('the usage book', () => {
  it('keeps what an update added, with its owner, and knows the record ids it received', async () => {
    const { store, book } = await openCsp({ kind: 'memory' });
    await store.update((draft) => {
      book.add(draft, rated(1, [0.3, 0.7]), 'car-manufacturer');
      book.add(draft, rated(2, [0]), undefined);
    });
    assert.deepEqual(
      [...book.all()].map((u) => u.id),
      ['usage-1', 'usage-2'],
    );
    assert.equal(book.ownerOf(undefined, rated(1, [])), 'car-manufacturer');
    assert.equal(book.ownerOf(undefined, rated(2, [])), undefined);
    assert.equal(book.receivedAs('VIN1-2'), 'usage-2');
    assert.equal(book.receivedAs('VIN1-3'), undefined);
    assert.deepEqual(book.get(undefined, 'usage-1'), rated(1, [0.3, 0.7]));
  });

  it('takes back everything an update staged when the update fails: records, record ids, owners, shares', async () => {
    const { store, book } = await openCsp(filed());
    await store.update((draft) => book.add(draft, rated(1, [1]), 'car-manufacturer'));
    await assert.rejects(
      store.update((draft) => {
        book.add(draft, rated(2, [2]), 'car-manufacturer');
        book.replace(draft, { ...rated(1, [5]), description: 'changed' }, 'someone-else');
        book.markBilled(book.unbilledByAccount(new Date('2026-02-01T00:00:00Z')).get('acc-0') ?? []);
        throw new Error('a rule refused the update');
      }),
      /refused/,
    );
    assert.deepEqual(
      [...book.all()].map((u) => u.id),
      ['usage-1'],
    );
    assert.deepEqual(book.get(undefined, 'usage-1'), rated(1, [1]));
    assert.equal(book.ownerOf(undefined, rated(1, [])), 'car-manufacturer');
    assert.equal(book.receivedAs('VIN1-2'), undefined);
    assert.deepEqual(book.statusCounts(), { rated: 1 });
    const rows = book.unbilledByAccount(new Date('2026-02-01T00:00:00Z')).get('acc-0') ?? [];
    assert.deepEqual(
      rows.map((row) => book.share(row).minorUnits),
      [100],
      'the share of the version kept, unbilled',
    );
  });

  it('reads a record billed once every share is, each billed share marked, and lists unbilled shares by account', async () => {
    const { store, book } = await openCsp({ kind: 'memory' });
    await store.update((draft) => {
      book.add(draft, rated(1, [0.3, 0.7]), undefined);
      book.add(draft, rated(2, [1.25]), undefined);
      book.add(draft, rated(3, [4], '2026-02-03T00:00:00Z'), undefined);
    });
    const end = new Date('2026-02-01T00:00:00Z');
    const byAccount = book.unbilledByAccount(end);
    assert.deepEqual(
      byAccount.get('acc-0')?.map((row) => [book.share(row).usage, book.share(row).minorUnits]),
      [
        ['usage-1', 30],
        ['usage-2', 125],
      ],
      "February's record waits for February",
    );
    await store.update(() => book.markBilled(byAccount.get('acc-0') ?? []));
    assert.equal(book.get(undefined, 'usage-2')?.status, 'billed');
    const split = book.get(undefined, 'usage-1')!;
    assert.equal(split.status, 'rated', 'one of its two shares is still to bill');
    assert.deepEqual(
      split.ratedProductUsage?.map((s) => s.isBilled),
      [true, false],
    );
    assert.deepEqual(book.statusCounts(), { rated: 2, billed: 1 });
    assert.ok(
      (book.unbilledByAccount(end).get('acc-0') ?? []).every((row) => !book.isUnbilled(row)),
      'billed shares are unbilled no more',
    );
  });

  it('is read again after a restart as it was committed: versions, billing marks, deletions', async () => {
    const storage = filed();
    const first = await openCsp(storage);
    await first.store.update((draft) => {
      first.book.add(draft, rated(1, [0.3, 0.7]), 'car-manufacturer');
      first.book.add(draft, rated(2, [1]), undefined);
    });
    await first.store.update((draft) => first.book.replace(draft, { ...rated(2, [2]), description: 'second version' }));
    await first.store.update(() => first.book.markBilled(first.book.unbilledByAccount(new Date('2026-02-01T00:00:00Z')).get('acc-1') ?? []));
    await first.store.update((draft) => first.book.remove(draft, 'usage-2'));
    const before = [...first.book.all()];
    first.book.close();

    const again = await openCsp(storage);
    assert.deepEqual([...again.book.all()], before);
    assert.equal(again.book.get(undefined, 'usage-1')?.ratedProductUsage?.[1].isBilled, true);
    assert.equal(again.book.get(undefined, 'usage-2'), undefined, 'deleted');
    assert.equal(again.book.receivedAs('VIN1-2'), 'usage-2', 'a deleted record id is still one received');
    assert.equal(again.book.ownerOf(undefined, rated(1, [])), 'car-manufacturer');
    again.book.close();
  });

  it('after a kill between its write and the store’s, is cut back to what the store committed', async () => {
    const storage = filed();
    const { store, book } = await openCsp(storage);
    await store.update((draft) => book.add(draft, rated(1, [1]), undefined));
    // The book's part of an update written, the store's never: the store's mark stays where it was.
    book.add(undefined, rated(2, [2]), undefined);
    book.prepare(cspDefaults(START));
    book.close();
    const path = storage.kind === 'file' ? storage.path : '';
    const again = UsageBook.open(storage, readAppendFile<CspData>(path)!.usageLedger.log);
    assert.deepEqual(
      [...again.all()].map((u) => u.id),
      ['usage-1'],
    );
    assert.equal(again.receivedAs('VIN1-2'), undefined);
    again.close();
  });

  it('is emptied with its store by a reset, in the same update', async () => {
    const storage = filed();
    const { store, book } = await openCsp(storage);
    await store.update((draft) => book.add(draft, rated(1, [1]), undefined));
    await store.reset();
    assert.deepEqual([...book.all()], []);
    assert.equal(book.receivedAs('VIN1-1'), undefined);
    await store.update((draft) => book.add(draft, rated(1, [1]), undefined));
    book.close();
    const again = await openCsp(storage);
    assert.deepEqual(
      [...again.book.all()].map((u) => u.id),
      ['usage-1'],
      'what was cleared stays cleared after a restart',
    );
    again.book.close();
  });

  it('pages through its records without the deleted ones, as a list of all of them would', async () => {
    const { store, book } = await openCsp({ kind: 'memory' });
    await store.update((draft) => {
      for (let n = 1; n <= 7; n++) book.add(draft, rated(n, [1]), undefined);
    });
    await store.update((draft) => book.remove(draft, 'usage-3'));
    const ids = (usages: readonly Usage[]) => usages.map((u) => u.id);
    const all = ids([...book.all()]);
    assert.deepEqual(all, ['usage-1', 'usage-2', 'usage-4', 'usage-5', 'usage-6', 'usage-7']);
    for (const [offset, limit] of [
      [0, 2],
      [2, 3],
      [5, 10],
      [6, 1],
      [1, undefined],
    ] as const) {
      const { page, total } = book.page(undefined, offset, limit)!;
      assert.equal(total, 6);
      assert.deepEqual(ids(page), all.slice(offset, limit === undefined ? undefined : offset + limit), `offset ${offset}, limit ${limit}`);
    }
  });

  it('pages through the records of a status from its index, as a filtered list of all of them would; other filters it leaves to the list', async () => {
    const { store, book } = await openCsp({ kind: 'memory' });
    await store.update((draft) => {
      for (let n = 1; n <= 9; n++) book.add(draft, n % 3 === 0 ? { ...rated(n, [1]), status: 'received', ratedProductUsage: [] } : rated(n, [1]), undefined);
    });
    // Record 4's only share billed: it reads `billed`.
    await store.update(() => book.markBilled([...book.unbilledByAccount(new Date('2027-01-01')).get('acc-0')!].slice(2, 3)));
    await store.update((draft) => book.remove(draft, 'usage-5'));
    const everyRecord = [...book.all()];
    for (const filters of [
      [{ path: 'status', values: ['rated'] }],
      [{ path: 'status', values: ['received', 'billed'] }],
      [{ path: 'status', values: ['rated'], op: 'ne' as const }],
      [{ path: 'status', values: ['nothing'] }],
    ]) {
      const passing = everyRecord.filter((u) => matchesFilters(u, filters)).map((u) => u.id);
      assert.ok(passing.length > 0 || filters[0].values[0] === 'nothing');
      for (const [offset, limit] of [
        [0, 2],
        [1, undefined],
      ] as const) {
        const { page, total } = book.page(undefined, offset, limit, filters)!;
        assert.equal(total, passing.length, JSON.stringify(filters));
        assert.deepEqual(
          page.map((u) => u.id),
          passing.slice(offset, limit === undefined ? undefined : offset + limit),
          `${JSON.stringify(filters)} offset ${offset}, limit ${limit}`,
        );
      }
    }
    assert.deepEqual(
      everyRecord.filter((u) => u.status === 'billed').map((u) => u.id),
      ['usage-4'],
    );
    assert.equal(book.page(undefined, 0, 2, [{ path: 'usageType', values: ['infotainment'] }]), undefined);
  });

  it('takes in the records an older store kept in its document, with their owners, once', async () => {
    const storage = filed();
    const older = await Store.open<CspData>(storage, () => cspDefaults(START));
    await older.update((draft) => {
      draft.resources['TMF635.usage'] = [rated(1, [1]), rated(2, [2])];
      draft.owners[rated(1, []).href] = 'car-manufacturer';
    });
    const { store, book } = await openCsp(storage);
    assert.equal(await moveUsageIntoBook(store, book), 2);
    assert.deepEqual([...book.all()], [rated(1, [1]), rated(2, [2])]);
    assert.equal(book.ownerOf(undefined, rated(1, [])), 'car-manufacturer');
    assert.equal(store.data.resources['TMF635.usage'], undefined, 'no longer in the document');
    assert.equal(store.data.owners[rated(1, []).href], undefined);
    assert.equal(await moveUsageIntoBook(store, book), 0, 'moved once');
    book.close();
    const again = await openCsp(storage);
    assert.equal(again.book.size, 2, 'the move is stored with the book');
    again.book.close();
  });

  it('refuses a share that is not a whole number of minor units, and keeps nothing of the update', async () => {
    const { store, book } = await openCsp({ kind: 'memory' });
    await assert.rejects(
      store.update((draft) => book.add(draft, rated(1, [0.125]), undefined)),
      /0.125 EUR is not a whole number of minor units/,
    );
    assert.equal(book.size, 0);
  });
});
