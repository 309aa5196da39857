import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_START, SimulatedClock } from '../core/clock.ts';
import { Store } from '../core/store.ts';
import { readAppendFile } from '../core/append-file.ts';

/** A small actor database: a list, a counter and a nested record. */
interface Data {
  names: string[];
  counter: number;
  settings: { mode: string };
}

const defaults = (): Data => ({ names: [], counter: 0, settings: { mode: 'normal' } });
const memory = () => Store.open<Data>({ kind: 'memory' }, defaults);

describe('Store', () => {
  it('starts from the defaults', async () => {
    const store = await memory();
    assert.deepEqual(store.data, defaults());
  });

  it('commits a mutation and returns its result', async () => {
    const store = await memory();
    const result = await store.update((draft) => {
      draft.names.push('a');
      draft.counter += 1;
      return draft.counter;
    });
    assert.equal(result, 1);
    assert.deepEqual(store.data, { names: ['a'], counter: 1, settings: { mode: 'normal' } });
  });

  it('returns parts of the draft as plain values that outlive the update and do not touch the data', async () => {
    const store = await memory();
    const { settings, names } = await store.update((draft) => {
      draft.settings.mode = 'busy';
      draft.names.push('a');
      return { settings: draft.settings, names: draft.names };
    });
    assert.deepEqual([settings.mode, names], ['busy', ['a']], 'readable after the update');
    settings.mode = 'changed outside';
    names.push('b');
    assert.deepEqual(store.data, { names: ['a'], counter: 0, settings: { mode: 'busy' } }, 'the stored data is not the returned value');
  });

  it('shares what an update does not change: the untouched parts are the same objects as before', async () => {
    const store = await memory();
    const before = store.data.settings;
    await store.update((draft) => {
      draft.counter += 1;
    });
    assert.equal(store.data.settings, before);
  });

  it('is all-or-nothing: a mutation that throws half-way changes nothing', async () => {
    const store = await memory();
    await store.update((draft) => {
      draft.names.push('kept');
    });
    const before = structuredClone(store.data);
    await assert.rejects(
      store.update((draft) => {
        draft.names.push('lost');
        draft.settings.mode = 'broken';
        draft.counter = 99;
        throw new Error('domain rule refused');
      }),
      /domain rule refused/,
    );
    assert.deepEqual(store.data, before);
  });

  it('keeps working after a failed update', async () => {
    const store = await memory();
    await assert.rejects(
      store.update(() => {
        throw new Error('first fails');
      }),
    );
    await store.update((draft) => {
      draft.counter = 7;
    });
    assert.equal(store.data.counter, 7);
  });

  it("serializes updates in call order, each seeing the previous one's result", async () => {
    const store = await memory();
    const seen: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.update((draft) => {
          seen.push(draft.counter);
          draft.counter += 1;
          draft.names.push(`n${i}`);
        }),
      ),
    );
    assert.deepEqual(
      seen,
      Array.from({ length: 50 }, (_, i) => i),
    );
    assert.equal(store.data.counter, 50);
    assert.deepEqual(
      store.data.names,
      Array.from({ length: 50 }, (_, i) => `n${i}`),
    );
  });

  it('reset restores the defaults', async () => {
    const store = await memory();
    await store.update((draft) => {
      draft.names.push('x');
      draft.settings.mode = 'other';
      (draft as unknown as Record<string, unknown>).extra = 'added by a later version';
    });
    await store.reset();
    assert.deepEqual(store.data, defaults());
  });
});

describe('Store on a file', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cch-store-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every committed update across a restart (reopening the same path)', async () => {
    const path = join(dir, 'nested', 'actor.json');
    const store = await Store.open<Data>({ kind: 'file', path }, defaults);
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        store.update((draft) => {
          draft.names.push(name);
          draft.counter += 1;
        }),
      ),
    );
    const reopened = await Store.open<Data>({ kind: 'file', path }, defaults);
    assert.deepEqual(reopened.data, { names: ['a', 'b', 'c'], counter: 3, settings: { mode: 'normal' } });
  });

  it('writes concurrent updates one after the other, so the file ends with all of them', async () => {
    const path = join(dir, 'concurrent.json');
    const store = await Store.open<Data>({ kind: 'file', path }, defaults);
    const names = Array.from({ length: 30 }, (_, i) => `n${i}`);
    await Promise.all(
      names.map((name) =>
        store.update((draft) => {
          draft.names.push(name);
        }),
      ),
    );
    assert.deepEqual(readAppendFile<Data>(path)!.names, names);
  });

  it('changes nothing, in memory either, when the write fails', async () => {
    const path = join(dir, 'unwritable.json');
    const store = await Store.open<Data>({ kind: 'file', path }, defaults);
    await store.update((draft) => {
      draft.counter = 1;
    });
    // A directory where the file was: the adapter's rename onto it fails.
    await rm(path);
    await mkdir(path);
    await assert.rejects(
      store.update((draft) => {
        draft.counter = 2;
      }),
    );
    assert.equal(store.data.counter, 1);
  });

  it('writes nothing for a failed update', async () => {
    const path = join(dir, 'failed.json');
    const store = await Store.open<Data>({ kind: 'file', path }, defaults);
    await store.update((draft) => {
      draft.counter = 1;
    });
    await assert.rejects(
      store.update((draft) => {
        draft.counter = 2;
        throw new Error('refused');
      }),
    );
    assert.equal(readAppendFile<Data>(path)!.counter, 1);
    assert.equal((await Store.open<Data>({ kind: 'file', path }, defaults)).data.counter, 1);
  });

  it('fills in defaults a file written by an older version lacks', async () => {
    const path = join(dir, 'older.json');
    const older = await Store.open<Pick<Data, 'names'>>({ kind: 'file', path }, () => ({ names: [] }));
    await older.update((draft) => {
      draft.names.push('old');
    });
    const newer = await Store.open<Data>({ kind: 'file', path }, defaults);
    assert.deepEqual(newer.data, { names: ['old'], counter: 0, settings: { mode: 'normal' } });
  });

  it('persists a reset', async () => {
    const path = join(dir, 'reset.json');
    const store = await Store.open<Data>({ kind: 'file', path }, defaults);
    await store.update((draft) => {
      draft.names.push('gone after reset');
    });
    await store.reset();
    assert.deepEqual((await Store.open<Data>({ kind: 'file', path }, defaults)).data, defaults());
  });
});

describe('SimulatedClock', () => {
  it('starts at the default start, or where told', () => {
    assert.equal(new SimulatedClock().now().toISOString(), DEFAULT_START.toISOString());
    assert.equal(new SimulatedClock(new Date('2026-03-01T00:00:00Z')).now().toISOString(), '2026-03-01T00:00:00.000Z');
  });

  it('moves only when told: advance and set', () => {
    const clock = new SimulatedClock(new Date('2026-01-01T00:00:00Z'));
    clock.advance(90_000);
    assert.equal(clock.now().toISOString(), '2026-01-01T00:01:30.000Z');
    clock.set(new Date('2026-02-01T00:00:00Z'));
    assert.equal(clock.now().toISOString(), '2026-02-01T00:00:00.000Z');
  });

  it('hands out copies: changing a returned date does not move the clock', () => {
    const clock = new SimulatedClock(new Date('2026-01-01T00:00:00Z'));
    clock.now().setUTCFullYear(2030);
    assert.equal(clock.now().toISOString(), '2026-01-01T00:00:00.000Z');
  });

  it('refuses to go backwards or to an invalid date', () => {
    const clock = new SimulatedClock();
    assert.throws(() => clock.advance(-1), /forward/);
    assert.throws(() => clock.advance(Number.NaN), /forward/);
    assert.throws(() => clock.set(new Date('not a date')), /invalid/);
    assert.equal(clock.now().toISOString(), DEFAULT_START.toISOString());
  });
});
