import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readAppendFile } from '../core/append-file.ts';
import { Store } from '../core/store.ts';
import { type BaseData, baseData, journal, setOwner } from '../tmf/data.ts';

interface Ledger {
  records: { id: string }[];
  seen: Record<string, string>;
  counter: number;
}

const defaults = (): Ledger => ({ records: [], seen: {}, counter: 0 });
const fileStore = async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'in-place-')), 'ledger.json');
  return { path, store: await Store.open<Ledger>({ kind: 'file', path }, defaults) };
};

describe('in-place writes of a store update (large containers not copied per update)', () => {
  it('are committed with the draft, stored in the file before its patches, and read back after a restart', async () => {
    const { path, store } = await fileStore();
    const before = store.data.records;
    await store.update((draft, inPlace) => {
      inPlace.push(['records'], { id: 'u1' });
      inPlace.set(['seen'], 'r1', 'u1');
      inPlace.set(['records', 0], 'id', 'u1b'); // a write to what was written in place
      draft.counter += 1;
    });
    assert.equal(store.data.records, before, 'the array was written in place, not copied');
    const expected = { records: [{ id: 'u1b' }], seen: { r1: 'u1' }, counter: 1 };
    assert.deepEqual(store.data, expected);
    assert.deepEqual(readAppendFile<Ledger>(path), expected);
    assert.deepEqual((await Store.open<Ledger>({ kind: 'file', path }, defaults)).data, expected);
  });

  it('log a key set many times in one update once, with its last value, and undo it to the value before the update', async () => {
    const { path, store } = await fileStore();
    await store.update((_draft, inPlace) => inPlace.set(['seen'], 'total', '1'));
    const appended = () => readFileSync(path, 'utf8').split('"total"').length - 1;
    const before = appended();
    await store.update((_draft, inPlace) => {
      for (let total = 2; total <= 500; total++) inPlace.set(['seen'], 'total', String(total));
    });
    assert.equal(store.data.seen.total, '500');
    assert.equal(appended(), before + 1, 'one change logged, not 499');
    assert.equal(readAppendFile<Ledger>(path)?.seen.total, '500');
    await assert.rejects(
      store.update((_draft, inPlace) => {
        inPlace.set(['seen'], 'total', '501');
        inPlace.set(['seen'], 'total', '502');
        throw new Error('refused');
      }),
    );
    assert.equal(store.data.seen.total, '500');
  });

  it('keep the journal and the owners index growing in place: an update adds to them without copying them, and what it journals outlives its draft', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'in-place-')), 'party.json');
    const store = await Store.open<BaseData>({ kind: 'file', path }, () => baseData(new Date('2026-01-01T00:00:00Z')));
    await store.update((draft) => {
      draft.resources.orders = [{ id: 'o1', href: '/o/o1', '@type': 'Order' }];
    });
    const [journalBefore, ownersBefore] = [store.data.journal, store.data.owners];
    await store.update((draft) => {
      const order = draft.resources.orders[0];
      order.state = 'completed';
      journal(draft, 'csp', new Date('2026-01-02T00:00:00Z'), 'order.completed', { order });
      setOwner(draft, order.href, 'car-manufacturer');
      setOwner(draft, order.href, 'someone-else', true);
    });
    assert.equal(store.data.journal, journalBefore, 'the journal was not copied');
    assert.equal(store.data.owners, ownersBefore, 'nor the owners index');
    assert.deepEqual(
      store.data.journal[0].data,
      { order: { id: 'o1', href: '/o/o1', '@type': 'Order', state: 'completed' } },
      'plain data, not a revoked draft',
    );
    assert.equal(store.data.owners['/o/o1'], 'car-manufacturer', 'an owner kept is not replaced');
    const again = readAppendFile<BaseData>(path)!;
    assert.deepEqual([again.journal, again.owners], [store.data.journal, store.data.owners]);
    await assert.rejects(
      store.update((draft) => {
        journal(draft, 'csp', new Date(), 'never', {});
        throw new Error('refused');
      }),
    );
    assert.equal(store.data.journal.length, 1, 'a failed update journals nothing');
  });

  it('are undone, newest first, when the update throws: neither memory nor file keeps them', async () => {
    const { path, store } = await fileStore();
    await store.update((_draft, inPlace) => inPlace.set(['seen'], 'r0', 'u0'));
    await assert.rejects(
      store.update((draft, inPlace) => {
        inPlace.push(['records'], { id: 'u1' });
        inPlace.set(['seen'], 'r0', 'changed');
        inPlace.set(['seen'], 'r1', 'u1');
        draft.counter = 5;
        throw new Error('refused half-way');
      }),
    );
    const expected = { records: [], seen: { r0: 'u0' }, counter: 0 };
    assert.deepEqual(store.data, expected);
    assert.deepEqual(readAppendFile<Ledger>(path), expected);
  });

  it('refuses an update that wrote a container both in place and through the draft (the draft would drop the writes)', async () => {
    const store = await Store.open<Ledger>({ kind: 'memory' }, defaults);
    await assert.rejects(
      store.update((draft, inPlace) => {
        inPlace.push(['records'], { id: 'u1' });
        draft.records.push({ id: 'u2' });
      }),
      /changed both in place and through the draft/,
    );
    assert.deepEqual(store.data, defaults());
  });
});
