import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where an actor keeps its data: in memory (tests) or in a JSON file (`cch up`). */
export type StorageOption = { readonly kind: 'memory' } | { readonly kind: 'file'; readonly path: string };

/**
 * A lowdb database with serialized, all-or-nothing updates.
 *
 * Each update works on a copy of the data and replaces it only when the mutation and the write both
 * succeed, so a domain rule that throws half-way changes nothing, and a crash loses at most the update
 * in flight (lowdb's file adapter writes to a temporary file and renames it, so the file is never torn).
 */
export class Store<T extends object> {
  readonly #db: Low<T>;
  readonly #defaults: () => T;
  #queue: Promise<unknown> = Promise.resolve();

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
      const draft = structuredClone(this.#db.data);
      const result = mutate(draft);
      const previous = this.#db.data;
      this.#db.data = draft;
      try {
        await this.#db.write();
      } catch (error) {
        this.#db.data = previous;
        throw error;
      }
      return result;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Back to the defaults (the control API's reset). */
  reset(): Promise<void> {
    return this.update((draft) => {
      for (const key of Object.keys(draft)) delete (draft as Record<string, unknown>)[key];
      Object.assign(draft, this.#defaults());
    });
  }
}

function fileAdapter<T>(path: string): JSONFile<T> {
  mkdirSync(dirname(path), { recursive: true });
  return new JSONFile<T>(path);
}
