import { createDraft, current, finishDraft, isDraft, setAutoFreeze } from 'immer';
import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where an actor keeps its data: in memory (tests) or in a JSON file (`cch up`). */
export type StorageOption = { readonly kind: 'memory' } | { readonly kind: 'file'; readonly path: string };

/**
 * A lowdb database with serialized, all-or-nothing updates.
 *
 * Each update works on a draft of the data and replaces it only when the mutation and the write both
 * succeed, so a domain rule that throws half-way changes nothing, and a crash loses at most the update
 * in flight (lowdb's file adapter writes to a temporary file and renames it, so the file is never torn).
 * Drafts share structure with the data (Immer): an update copies only what it changes, so its cost does
 * not grow with everything the actor holds (bench/store-update.ts).
 */
export class Store<T extends object> {
  readonly #db: Low<T>;
  readonly #defaults: () => T;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #commitListeners: Array<() => void> = [];

  private constructor(db: Low<T>, defaults: () => T) {
    this.#db = db;
    this.#defaults = defaults;
  }

  /** lowdb's node preset silently picks memory when NODE_ENV=test, so the adapter is chosen explicitly. */
  static async open<T extends object>(option: StorageOption, defaults: () => T): Promise<Store<T>> {
    const adapter = option.kind === 'memory' ? new Memory<T>() : fileAdapter<T>(option.path);
    const db = new Low<T>(adapter, defaults());
    await db.read();
    db.data = { ...defaults(), ...(db.data ?? {}) };
    await db.write(); // a new file holds the seeded defaults from the start
    return new Store(db, defaults);
  }

  /** The current data. Treat as read-only: change it through `update`. */
  get data(): Readonly<T> {
    return this.#db.data;
  }

  /** Runs `mutate` on a draft and commits it; updates run one at a time, in call order. */
  update<R>(mutate: (draft: T) => R): Promise<R> {
    const run = this.#queue.then(async () => {
      const draft = createDraft(this.#db.data) as T;
      const result = detached(mutate(draft));
      const previous = this.#db.data;
      this.#db.data = finishDraft(draft) as T;
      try {
        await this.#db.write();
      } catch (error) {
        this.#db.data = previous;
        throw error;
      }
      for (const listener of this.#commitListeners) listener();
      return result;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Calls `listener` after every committed update (e.g. to start work the update made due). */
  onCommit(listener: () => void): void {
    this.#commitListeners.push(listener);
  }

  /** Back to the defaults (the control API's reset). */
  reset(): Promise<void> {
    return this.update((draft) => {
      for (const key of Object.keys(draft)) delete (draft as Record<string, unknown>)[key];
      Object.assign(draft, this.#defaults());
    });
  }
}

// Stored data is plain JSON that callers treat as read-only; freezing it would only cost time.
setAutoFreeze(false);

/** What an update returns may hold parts of its draft, which die with it: hand back plain values. */
function detached<R>(value: R): R {
  if (isDraft(value)) return current(value as object) as R;
  if (Array.isArray(value)) return value.map(detached) as R;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, detached(v)])) as R;
  }
  return value;
}

function fileAdapter<T>(path: string): JSONFile<T> {
  mkdirSync(dirname(path), { recursive: true });
  return new JSONFile<T>(path);
}
