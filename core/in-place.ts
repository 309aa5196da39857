import type { Change } from './append-file.ts';
import { isContainer } from './plain-data.ts';

/** A path of keys from the data's root to an object or array. */
export type DataPath = readonly (string | number)[];

/**
 * Writes to a container too large to copy on every update (mediation's ledger of millions of usage
 * records, its dedupe index): made in place on the committed data instead of on the update's draft,
 * so an update costs what it writes, not what the container holds. The update stays all-or-nothing:
 * the store undoes them when the update fails and logs them as changes when it commits.
 */
export interface InPlace {
  /** `container[key] = value` on the container at `path`. */
  set(path: DataPath, key: string | number, value: unknown): void;
  /** Appends `value` to the array at `path`. */
  push(path: DataPath, value: unknown): void;
}

const at = (root: unknown, path: DataPath): Record<string | number, unknown> => {
  let node = root;
  for (const key of path) node = isContainer(node) ? node[key] : undefined;
  if (!isContainer(node)) throw new Error(`no object or array at ${path.join('.')}`);
  return node;
};

/** In-place writes done through a draft instead (the same calls where nothing is large: tests, one record). */
export const throughDraft = (draft: object): InPlace => ({
  set: (path, key, value) => {
    at(draft, path)[key] = value;
  },
  push: (path, value) => {
    const container = at(draft, path);
    if (!Array.isArray(container)) throw new Error(`no array at ${path.join('.')}`);
    container.push(value);
  },
});

/** The in-place writes of one update: what undoes them, the changes to log, the containers they touched. */
export class InPlaceWrites implements InPlace {
  readonly #root: object;
  readonly #undo: (() => void)[] = [];
  readonly changes: Change[] = [];
  readonly #touched = new Map<object, DataPath>();
  /** Per container, the change that set each key: a key set again in the same update changes it, adds none. */
  readonly #setChanges = new Map<object, Map<string | number, { op: 'add' | 'replace'; path: DataPath; value: unknown }>>();

  /** `root`: the committed data the update started from. */
  constructor(root: object) {
    this.#root = root;
  }

  set(path: DataPath, key: string | number, value: unknown): void {
    const container = this.#container(path);
    let sets = this.#setChanges.get(container);
    if (!sets) this.#setChanges.set(container, (sets = new Map()));
    const earlier = sets.get(key);
    if (earlier !== undefined) {
      // Undone by the first set's undo; logged once, with the last value (a batch sets a running total many times).
      container[key] = value;
      earlier.value = value;
      return;
    }
    const had = Object.hasOwn(container, key);
    const old = container[key];
    container[key] = value;
    this.#undo.push(() => {
      if (had) container[key] = old;
      else delete container[key];
    });
    const change = { op: had ? ('replace' as const) : ('add' as const), path: [...path, key], value };
    sets.set(key, change);
    this.changes.push(change);
  }

  push(path: DataPath, value: unknown): void {
    const container = this.#container(path);
    if (!Array.isArray(container)) throw new Error(`no array at ${path.join('.')}`);
    const length = container.length;
    container.push(value);
    this.#undo.push(() => {
      container.length = length;
    });
    this.changes.push({ op: 'push', path, values: [value] });
  }

  /** Takes back every write, newest first (the update failed). */
  undo(): void {
    for (const undo of this.#undo.reverse()) undo();
  }

  /**
   * Throws when a container written in place was also changed through the draft: the draft's copy
   * would replace it and drop the writes. Domain code writes a large container one way only.
   */
  checkKept(committed: object): void {
    for (const [container, path] of this.#touched)
      if (at(committed, path) !== container) throw new Error(`${path.join('.')} was changed both in place and through the draft`);
  }

  #container(path: DataPath): Record<string | number, unknown> {
    const container = at(this.#root, path);
    this.#touched.set(container, path);
    return container;
  }
}
