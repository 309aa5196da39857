import type { Adapter } from 'lowdb';
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * One change to the stored data, at a path of keys from its root: Immer's patch operations (`add`,
 * `replace`, `remove`) and two of the file's own for writing a large array or object in pieces.
 */
export type Change =
  | { readonly op: 'add' | 'replace'; readonly path: readonly (string | number)[]; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: readonly (string | number)[] }
  | { readonly op: 'push'; readonly path: readonly (string | number)[]; readonly values: readonly unknown[] }
  | { readonly op: 'assign'; readonly path: readonly (string | number)[]; readonly value: Record<string, unknown> };

/** Changes of one update written per line, so that no line approaches a string's maximum length. */
const CHANGES_PER_LINE = 2000;
/** Elements or keys per change when a large array or object is written whole, and a line's length then. */
const PIECE = 1000;
const LINE_CHARS = 4 * 2 ** 20;
/** The file is rewritten whole once what was appended since outgrows what was written whole, and this. */
export const MIN_COMPACT_BYTES = 8 * 2 ** 20;

/**
 * A lowdb adapter that appends changes instead of rewriting the file: the file is NDJSON, each line a
 * list of changes; an update's last line has no `more` mark, so an update whose last line a kill cut
 * off (or never wrote) is dropped whole on reading — a torn tail loses exactly the update in flight.
 * `write` (the whole data, as pieces that rebuild it) goes to a temporary file renamed over the log:
 * a compaction that a kill interrupts leaves the previous file as it was. Appending costs what the
 * update changed, not what the file holds; compaction is amortised (the log at most doubles the file).
 */
export class AppendFile<T extends object> implements Adapter<T> {
  readonly #path: string;
  readonly #minCompactBytes: number;
  /** Bytes written whole by the last compaction (or read on open), and appended since. */
  #baseBytes = 0;
  #appendedBytes = 0;
  /** Read from a file of plain JSON (lowdb's JSON file, a seed written by hand): to be rewritten as changes. */
  #whole = false;

  constructor(path: string, options: { readonly minCompactBytes?: number } = {}) {
    this.#path = path;
    this.#minCompactBytes = options.minCompactBytes ?? MIN_COMPACT_BYTES;
    mkdirSync(dirname(path), { recursive: true });
  }

  /** The data the file holds (null when there is no file); a torn last update is dropped and cut off the file. */
  async read(): Promise<T | null> {
    if (!existsSync(this.#path)) return null;
    if (isWholeJson(this.#path)) {
      this.#whole = true;
      return JSON.parse(readFileSync(this.#path, 'utf8')) as T;
    }
    const { data, goodBytes, totalBytes } = replay(this.#path);
    if (goodBytes < totalBytes) {
      const fd = openSync(this.#path, 'r+');
      ftruncateSync(fd, goodBytes);
      closeSync(fd);
    }
    this.#baseBytes = goodBytes;
    this.#appendedBytes = 0;
    return data as T | null;
  }

  /** Writes the whole data (a new file, or a compaction): to a temporary file, then renamed over the log. */
  async write(data: T): Promise<void> {
    const temporary = `${this.#path}.tmp`;
    const fd = openSync(temporary, 'w');
    let bytes = 0;
    try {
      for (const line of wholeLines(data as Record<string, unknown>)) bytes += writeSync(fd, line);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.#path);
    this.#whole = false;
    this.#baseBytes = bytes;
    this.#appendedBytes = 0;
  }

  /** Appends one update's changes; nothing is appended for an update that changed nothing. */
  append(changes: readonly Change[]): void {
    if (changes.length === 0) return;
    // Opened per update (a few microseconds): a file replaced under the store is noticed, never written blind.
    const fd = openSync(this.#path, 'a');
    const before = fstatSync(fd).size;
    try {
      for (let at = 0; at < changes.length; at += CHANGES_PER_LINE) {
        const last = at + CHANGES_PER_LINE >= changes.length;
        const line = `${JSON.stringify(last ? { changes: changes.slice(at) } : { changes: changes.slice(at, at + CHANGES_PER_LINE), more: true })}\n`;
        this.#appendedBytes += writeSync(fd, line);
      }
    } catch (error) {
      ftruncateSync(fd, before); // the update is not stored: none of its lines may stay to join the next one's
      throw error;
    } finally {
      closeSync(fd);
    }
  }

  /** True once the appended changes outweigh the whole data last written: time to `write` it whole again. */
  get due(): boolean {
    return this.#whole || this.#appendedBytes > Math.max(this.#baseBytes, this.#minCompactBytes);
  }
}

/** The data an append file holds, for tests and tools that read a party's file (null when absent). */
export function readAppendFile<T>(path: string): T | null {
  if (!existsSync(path)) return null;
  return isWholeJson(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : (replay(path).data as T | null);
}

/** A file of changes starts with its first line's `changes`; anything else is one JSON document. */
function isWholeJson(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(12);
    const read = readSync(fd, head);
    return read > 0 && !head.subarray(0, read).toString('utf8').startsWith('{"changes":'.slice(0, read));
  } finally {
    closeSync(fd);
  }
}

function replay(path: string): { data: unknown; goodBytes: number; totalBytes: number } {
  const root: { data?: unknown } = {};
  let pending: Change[] = [];
  let goodBytes = 0;
  let totalBytes = 0;
  for (const { line, end } of linesOf(path)) {
    totalBytes = end;
    let entry: { changes: Change[]; more?: boolean };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      break; // a torn line: the update it belongs to was never committed
    }
    pending.push(...entry.changes);
    if (entry.more) continue;
    for (const change of pending) apply(root, change);
    pending = [];
    goodBytes = end;
  }
  return { data: root.data ?? null, goodBytes, totalBytes: Math.max(totalBytes, goodBytes) };
}

/** The file's lines with the byte offset after each, read in blocks (a file may exceed a string's length). */
function* linesOf(path: string): Generator<{ line: string; end: number }> {
  const fd = openSync(path, 'r');
  const block = Buffer.alloc(4 * 2 ** 20);
  let carry: Buffer[] = [];
  let offset = 0;
  try {
    for (let read = readSync(fd, block); read > 0; read = readSync(fd, block)) {
      let start = 0;
      for (let nl = block.indexOf(10, start); nl >= 0 && nl < read; nl = block.indexOf(10, start)) {
        const piece = block.subarray(start, nl);
        const line = carry.length > 0 ? Buffer.concat([...carry, piece]).toString('utf8') : piece.toString('utf8');
        offset += (carry.length > 0 ? carry.reduce((n, b) => n + b.length, 0) : 0) + piece.length + 1;
        carry = [];
        start = nl + 1;
        yield { line, end: offset };
      }
      if (start < read) carry.push(Buffer.from(block.subarray(start, read)));
    }
    // A last line without its newline was cut off by a kill, even if what was written parses: torn.
    if (carry.length > 0) yield { line: '', end: offset + carry.reduce((n, b) => n + b.length, 0) };
  } finally {
    closeSync(fd);
  }
}

/** Applies one change to the data under `root.data` (a path of [] is the data itself). */
function apply(root: { data?: unknown }, change: Change): void {
  const path = ['data', ...change.path];
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const key = path.at(-1)!;
  if (change.op === 'push') (parent[key] as unknown[]).push(...change.values);
  else if (change.op === 'assign') Object.assign(parent[key] as object, change.value);
  else if (Array.isArray(parent) && key !== 'length') {
    const index = Number(key);
    if (change.op === 'add') parent.splice(index, 0, change.value);
    else if (change.op === 'replace') parent[index] = change.value;
    else parent.splice(index, 1);
  } else if (change.op === 'remove') delete parent[key];
  else parent[key] = change.value;
}

/** The whole data as lines of changes: large arrays and objects (a collection, an index) in pieces. */
function* wholeLines(data: Record<string, unknown>): Generator<string> {
  const changes: Change[] = [{ op: 'replace', path: [], value: {} }];
  const piecesOf = function* (path: (string | number)[], value: unknown): Generator<Change> {
    if (Array.isArray(value) && value.length > PIECE) {
      yield { op: 'replace', path, value: [] };
      for (let at = 0; at < value.length; at += PIECE) yield { op: 'push', path, values: value.slice(at, at + PIECE) };
    } else if (isPlainObject(value) && path.length < 3 && Object.keys(value).length > 1) {
      yield { op: 'replace', path, value: {} };
      const keys = Object.keys(value);
      if (keys.length > PIECE)
        for (let at = 0; at < keys.length; at += PIECE)
          yield { op: 'assign', path, value: Object.fromEntries(keys.slice(at, at + PIECE).map((k) => [k, value[k]])) };
      else for (const key of keys) yield* piecesOf([...path, key], value[key]);
    } else yield { op: 'replace', path, value };
  };
  for (const key of Object.keys(data)) changes.push(...piecesOf([key], data[key]));
  // Lines of about LINE_CHARS each: the whole data may be far longer than a string can be.
  let line: string[] = [];
  let chars = 0;
  for (const [i, change] of changes.entries()) {
    const text = JSON.stringify(change);
    line.push(text);
    chars += text.length;
    const last = i === changes.length - 1;
    if (!last && chars < LINE_CHARS) continue;
    yield `{"changes":[${line.join(',')}]${last ? '' : ',"more":true'}}\n`;
    line = [];
    chars = 0;
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
