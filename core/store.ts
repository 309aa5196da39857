import { createDraft, current, enablePatches, finishDraft, isDraft, original, type Patch, setAutoFreeze } from 'immer';
import { Low, Memory } from 'lowdb';
import { AppendFile, type Change } from './append-file.ts';
import { type InPlace, InPlaceWrites, throughDraft } from './in-place.ts';

/** The in-place writes of the update each draft belongs to. */
const writesOfDraft = new WeakMap<object, InPlace>();

/**
 * Where an update writes a container that only grows and that many updates write (the journal, the
 * owners index, the keys of events seen and effects owed): in place, as `inPlace` does, so that an
 * update costs what it adds rather than a copy of everything held. Outside an update (plain data in a
 * test), through the data itself.
 */
export const inPlaceOf = (draft: object): InPlace => writesOfDraft.get(draft) ?? throughDraft(draft);

/**
 * Data kept beside the store, outside its document (a ledger too large for memory), written in step
 * with its updates: what an update staged there is written by `prepare` before the store writes its
 * own changes — `prepare` records in the draft what the store must remember of it (how far the ledger
 * goes) — then kept by `commit`, or taken back by `abort` when the update fails. A kill between the
 * two writes leaves the ledger longer than the store says, and the ledger is cut back to it on opening.
 */
export interface StorePart<T> {
  prepare(draft: T): void;
  commit(): void;
  abort(): void;
  /** The store is reset to its defaults: the part empties too, in the same update. */
  clear(): void;
}

/** Where an actor keeps its data: in memory (tests) or in a JSON file (`cch up`). */
export type StorageOption = { readonly kind: 'memory' } | { readonly kind: 'file'; readonly path: string };

/**
 * A lowdb database with serialized, all-or-nothing updates.
 *
 * Each update works on a draft of the data and replaces it only when the mutation and the write both
 * succeed, so a domain rule that throws half-way changes nothing, and a crash loses at most the update
 * in flight. Drafts share structure with the data (Immer): an update copies only what it changes, so
 * its cost does not grow with everything the actor holds (bench/store-update.ts). The file store
 * appends the update's changes (Immer's patches) to the file rather than rewriting it, and rewrites
 * it whole only when the changes outgrow it (core/append-file.ts).
 */
export class Store<T extends object> {
  readonly #db: Low<T>;
  readonly #defaults: () => T;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #commitListeners: Array<() => void> = [];
  readonly #parts: StorePart<T>[] = [];

  /** The file adapter when changes are appended (the file store); none in memory. */
  readonly #appends: AppendFile<T> | undefined;

  private constructor(db: Low<T>, defaults: () => T) {
    this.#db = db;
    this.#defaults = defaults;
    this.#appends = db.adapter instanceof AppendFile ? db.adapter : undefined;
  }

  /** lowdb's node preset silently picks memory when NODE_ENV=test, so the adapter is chosen explicitly. */
  static async open<T extends object>(option: StorageOption, defaults: () => T): Promise<Store<T>> {
    const adapter = option.kind === 'memory' ? new Memory<T>() : new AppendFile<T>(option.path, { minCompactBytes: compactBytesFromEnv() });
    const db = new Low<T>(adapter, defaults());
    const stored = await adapter.read(); // not Low's read, which keeps its defaults when there is nothing stored
    db.data = { ...defaults(), ...(stored ?? {}) };
    if (!stored || !(adapter instanceof AppendFile) || adapter.due)
      await db.write(); // a new file holds the seeded defaults from the start
    else
      adapter.append(
        Object.entries(db.data)
          .filter(([key]) => !(key in stored))
          .map(([key, value]) => ({ op: 'add', path: [key], value })),
      );
    return new Store(db, defaults);
  }

  /** The current data. Treat as read-only: change it through `update`. */
  get data(): Readonly<T> {
    return this.#db.data;
  }

  /** Runs `mutate` on a draft and commits it; updates run one at a time, in call order. */
  update<R>(mutate: (draft: T, inPlace: InPlace) => R): Promise<R> {
    const run = this.#queue.then(async () => {
      const previous = this.#db.data;
      const draft = createDraft(previous) as T;
      const inPlace = new InPlaceWrites(previous);
      writesOfDraft.set(draft, inPlace);
      let changes: Patch[] = [];
      let result: R;
      try {
        result = detached(mutate(draft, inPlace));
        for (const part of this.#parts) part.prepare(draft);
        this.#db.data = finishDraft(draft, this.#appends ? (patches) => (changes = patches) : undefined) as T;
        inPlace.checkKept(this.#db.data);
        if (!this.#appends) await this.#db.write();
        // The in-place writes first: the draft's changes were made to containers that already held them.
        else this.#appends.append([...inPlace.changes, ...(changes as Change[])]);
      } catch (error) {
        inPlace.undo();
        for (const part of this.#parts) part.abort();
        this.#db.data = previous;
        throw error;
      }
      for (const part of this.#parts) part.commit();
      // The update is stored; a compaction that fails leaves the file as it was and is tried again later.
      if (this.#appends?.due) await this.#db.write().catch(() => undefined);
      for (const listener of this.#commitListeners) listener();
      return result;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Keeps `part` in step with every update from now on. */
  attach(part: StorePart<T>): void {
    this.#parts.push(part);
  }

  /** Calls `listener` after every committed update (e.g. to start work the update made due). */
  onCommit(listener: () => void): void {
    this.#commitListeners.push(listener);
  }

  /** Back to the defaults (the control API's reset). */
  reset(): Promise<void> {
    return this.update((draft) => {
      for (const key of Object.keys(draft)) Reflect.deleteProperty(draft, key);
      Object.assign(draft, this.#defaults());
      for (const part of this.#parts) part.clear();
    });
  }
}

/** CCH_STORE_COMPACT_BYTES: how far appended changes may grow a file before it is rewritten whole (default 8 MiB). */
function compactBytesFromEnv(): number | undefined {
  const bytes = Number(process.env.CCH_STORE_COMPACT_BYTES);
  return process.env.CCH_STORE_COMPACT_BYTES && Number.isInteger(bytes) && bytes >= 0 ? bytes : undefined;
}

// Stored data is plain JSON that callers treat as read-only; freezing it would only cost time.
setAutoFreeze(false);
enablePatches();

/** What an update returns, or writes in place, may hold parts of its draft, which die with it: plain values instead. */
export function detached<R>(value: R): R {
  if (isDraft(value)) return current(value as object) as R;
  if (Array.isArray(value)) return value.map(detached) as R;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, detached(v)])) as R;
  }
  return value;
}

/**
 * The committed data an update's draft started from, to read without drafting what is read (valid
 * while the update changes what it reads only in place, as a usage batch does).
 */
export const committed = <T extends object>(draft: T): T => (isDraft(draft) ? (original(draft as never) as T) : draft);
