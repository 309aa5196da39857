import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDraft, finishDraft } from 'immer';
import { findBy, findIndexBy } from '../tmf/data.ts';

// findBy: an element by its id through an index kept per list across its versions (each update makes a
// new array with the same first element), always giving the answer a scan would.

interface Item {
  readonly id: string;
  readonly externalId: string;
  note?: string;
}

const item = (n: number): Item => ({ id: `id-${n}`, externalId: `ext-${n}` });
const itemsUpTo = (n: number) => Array.from({ length: n }, (_, i) => item(i));

/** Elements whose `id` counts its reads: how much of a list a lookup looked at. */
function counted(list: Item[]): { list: Item[]; reads: () => number } {
  let reads = 0;
  const wrapped = list.map((e) => {
    const { id, ...rest } = e;
    return Object.defineProperty({ ...rest }, 'id', {
      enumerable: true,
      get: () => {
        reads++;
        return id;
      },
    }) as Item;
  });
  return { list: wrapped, reads: () => reads };
}

test('finds an element by id or by another key, and nothing for a value no element has', () => {
  const list = itemsUpTo(5);
  assert.equal(findBy(list, 'id', 'id-3'), list[3]);
  assert.equal(findBy(list, 'externalId', 'ext-4'), list[4]);
  assert.equal(findBy(list, 'id', 'id-9'), undefined);
  assert.equal(findIndexBy([] as Item[], 'id', 'id-0'), -1);
});

test("a list's next version (a new array, the same first element) is found through the index it had, extended by what was added", () => {
  const { list, reads } = counted(itemsUpTo(1_000));
  assert.equal(findIndexBy(list, 'id', 'id-10'), 10);
  const grown = [...list, ...counted([item(1_000)]).list];
  const before = reads();
  assert.equal(findIndexBy(grown, 'id', 'id-1000'), 1_000);
  assert.ok(reads() - before < 10, `the lookup read ${reads() - before} ids of the 1,000 it had indexed`);
  assert.equal(findIndexBy(grown, 'id', 'id-500'), 500);
  assert.equal(findIndexBy(grown, 'externalId', 'ext-1000'), 1_000, 'a second key is indexed over the whole list');
});

test('in an update, an element added by it is found, and what is found is the draft', () => {
  const base = itemsUpTo(3);
  findBy(base, 'id', 'id-0');
  const draft = createDraft(base);
  draft.push(item(3));
  findBy(draft, 'id', 'id-3')!.note = 'added';
  findBy(draft, 'id', 'id-1')!.note = 'changed';
  const next = finishDraft(draft);
  assert.deepEqual(
    next.map((e) => e.note),
    [undefined, 'changed', undefined, 'added'],
  );
  assert.equal(findBy(next, 'id', 'id-3')?.note, 'added');
});

test('after elements are removed or replaced, the answer is still the scan answer', () => {
  const list = itemsUpTo(10);
  findBy(list, 'id', 'id-9');
  const shorter = list.filter((e) => e.id !== 'id-2');
  assert.equal(findIndexBy(shorter, 'id', 'id-9'), 8);
  assert.equal(findIndexBy(shorter, 'id', 'id-2'), -1);
  const replaced = [...list];
  replaced[4] = item(42);
  replaced.push(item(4));
  assert.equal(findIndexBy(replaced, 'id', 'id-4'), 10, 'moved to the end');
  assert.equal(findIndexBy(replaced, 'id', 'id-42'), 4, 'a new element where another was');
});

test('an element given its value after the list was indexed (an order, its external id) is found, in an update too', () => {
  const list = itemsUpTo(5).map((e) => ({ ...e, externalId: '' }));
  assert.equal(findBy(list, 'externalId', 'csp-42'), undefined);
  const next = [...list];
  next[3] = { ...next[3], externalId: 'csp-42' };
  assert.equal(findIndexBy(next, 'externalId', 'csp-42'), 3);
  const draft = createDraft(next);
  assert.equal(findBy(draft, 'externalId', 'csp-42')?.id, 'id-3');
  finishDraft(draft);
});
