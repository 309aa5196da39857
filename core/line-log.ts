import { closeSync, existsSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The live part of a log, as the store that owns it remembers it: the lines from byte `from` to byte
 * `to`. What lies beyond `to` was written by an update that did not commit (a kill between the log's
 * write and the store's), and is cut off when the log is opened; what lies before `from` was cleared.
 */
export interface LogMark {
  readonly from: number;
  readonly to: number;
}

export const EMPTY_MARK: LogMark = { from: 0, to: 0 };

/** Where a line is in its log: its owner keeps these, not the line. */
export interface LineAt {
  readonly offset: number;
  /** Its length without the newline (bytes in a file, characters in memory). */
  readonly length: number;
}

/**
 * An append-only log of text lines kept outside the heap, written in step with a store's updates:
 * lines are staged during an update, written by `flush` before the store writes its own changes (which
 * record the new mark), and kept by `commit` or taken back by `abort`. A line is read back by where it
 * is, so its owner keeps only offsets in memory.
 */
export interface LineLog {
  /** The committed mark. */
  readonly mark: LogMark;
  /** Stages a line (without its newline); returns where it is, readable at once. */
  append(line: string): LineAt;
  /** Stages the clearing of every line: the next mark starts where the log ends. */
  clear(): void;
  /** The line at `at` (committed or staged). */
  read(at: LineAt): string;
  /** Every live line, oldest first, with where it is. */
  replay(each: (line: string, at: LineAt) => void): void;
  /** Whether anything is staged. */
  readonly dirty: boolean;
  /** Writes what is staged; returns the mark the store must record for it to count. */
  flush(): LogMark;
  /** The store recorded the mark: what was flushed is committed. */
  commit(): void;
  /** The update failed: what was staged or flushed is gone. */
  abort(): void;
  close(): void;
}

/** A file log writes an update's lines once this many are staged, rather than hold them all until the flush. */
const WRITE_AHEAD_BYTES = 2 ** 20;

/** What the two logs share: staging and the marks. */
abstract class StagedLog implements LineLog {
  #mark: LogMark;
  /** Staged lines by offset, until written (or committed, in memory) or aborted. */
  protected readonly staged = new Map<number, string>();
  #stagedEnd: number;
  /** Where the lines written ahead of the commit end (the committed end when none are). */
  #writtenEnd: number;
  #stagedBytes = 0;
  #clearedAt: number | undefined;
  #flushed: LogMark | undefined;
  /** Staged bytes written ahead, before the flush: an update of many lines holds few of them in memory. */
  readonly #writeAheadBytes: number;

  protected constructor(mark: LogMark, writeAheadBytes: number) {
    this.#mark = mark;
    this.#stagedEnd = mark.to;
    this.#writtenEnd = mark.to;
    this.#writeAheadBytes = writeAheadBytes;
  }

  get mark(): LogMark {
    return this.#mark;
  }

  get dirty(): boolean {
    return this.staged.size > 0 || this.#writtenEnd > this.#mark.to || this.#clearedAt !== undefined;
  }

  /** Where the lines that may be read from the log's own storage end (written ahead included). */
  protected get writtenEnd(): number {
    return this.#writtenEnd;
  }

  append(line: string): LineAt {
    const offset = this.#stagedEnd;
    const length = this.sizeOf(line);
    this.staged.set(offset, line);
    this.#stagedEnd += length + 1;
    this.#stagedBytes += length + 1;
    if (this.#stagedBytes >= this.#writeAheadBytes) this.#writeStaged();
    return { offset, length };
  }

  /** Writes what is staged after what was written: beyond the mark, it counts only once the store commits it. */
  #writeStaged(): void {
    if (this.staged.size > 0) this.write(this.#writtenEnd, [...this.staged.values()]);
    this.staged.clear();
    this.#writtenEnd = this.#stagedEnd;
    this.#stagedBytes = 0;
  }

  clear(): void {
    this.#clearedAt = this.#stagedEnd;
  }

  read(at: LineAt): string {
    return this.staged.get(at.offset) ?? this.readCommitted(at);
  }

  flush(): LogMark {
    if (!this.dirty) return this.#mark;
    if (this.#writeAheadBytes !== Number.POSITIVE_INFINITY) this.#writeStaged();
    this.#flushed = { from: this.#clearedAt ?? this.#mark.from, to: this.#stagedEnd };
    return this.#flushed;
  }

  commit(): void {
    if (this.#flushed) {
      this.kept(this.#flushed);
      this.#mark = this.#flushed;
    }
    this.#reset();
  }

  abort(): void {
    if (this.#writtenEnd > this.#mark.to) this.undo(this.#mark.to);
    this.#reset();
  }

  #reset(): void {
    this.staged.clear();
    this.#stagedBytes = 0;
    this.#stagedEnd = this.#mark.to;
    this.#writtenEnd = this.#mark.to;
    this.#clearedAt = undefined;
    this.#flushed = undefined;
  }

  abstract replay(each: (line: string, at: LineAt) => void): void;
  abstract close(): void;
  /** The line's length in the log, without its newline. */
  protected abstract sizeOf(line: string): number;
  /** A line of the log's own storage (committed, or written ahead of the commit). */
  protected abstract readCommitted(at: LineAt): string;
  /** Writes `lines` from `at` on. */
  protected abstract write(at: number, lines: readonly string[]): void;
  /** Forgets what was written from `at` on. */
  protected abstract undo(at: number): void;
  /** The flushed lines are committed (the memory log keeps them from here on). */
  protected kept(_mark: LogMark): void {}
}

/** A log in a file: NDJSON, read back by offset (one positional read a line). */
export class FileLineLog extends StagedLog {
  readonly #fd: number;

  /** Opens the log at `path` with the store's mark: anything beyond it is cut off. */
  constructor(path: string, mark: LogMark) {
    super(mark, WRITE_AHEAD_BYTES);
    mkdirSync(dirname(path), { recursive: true });
    if (!existsSync(path)) writeFileSync(path, '');
    this.#fd = openSync(path, 'r+');
    const size = fstatSync(this.#fd).size;
    if (size < mark.to) throw new Error(`${path} holds ${size} bytes, but its store has committed ${mark.to}: the log is not the store's`);
    if (size > mark.to) ftruncateSync(this.#fd, mark.to);
  }

  protected sizeOf(line: string): number {
    return Buffer.byteLength(line);
  }

  protected readCommitted({ offset, length }: LineAt): string {
    if (offset < this.mark.from || offset + length > this.writtenEnd) throw new Error(`no line at offset ${offset}`);
    const buffer = Buffer.allocUnsafe(length);
    readSync(this.#fd, buffer, 0, length, offset);
    return buffer.toString('utf8');
  }

  replay(each: (line: string, at: LineAt) => void): void {
    const chunk = Buffer.allocUnsafe(8 * 2 ** 20);
    let carry = Buffer.alloc(0);
    let carryAt = this.mark.from;
    for (let at = this.mark.from; at < this.mark.to; ) {
      const read = readSync(this.#fd, chunk, 0, Math.min(chunk.length, this.mark.to - at), at);
      at += read;
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let start = 0;
      for (let newline = bytes.indexOf(10, start); newline >= 0; newline = bytes.indexOf(10, start)) {
        each(bytes.toString('utf8', start, newline), { offset: carryAt + start, length: newline - start });
        start = newline + 1;
      }
      carryAt += start;
      carry = Buffer.from(bytes.subarray(start));
    }
  }

  protected write(at: number, lines: readonly string[]): void {
    // One write of a few megabytes at most (a batch's records).
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    for (let written = 0; written < bytes.length; ) written += writeSync(this.#fd, bytes, written, bytes.length - written, at + written);
  }

  protected undo(at: number): void {
    ftruncateSync(this.#fd, at);
  }

  close(): void {
    closeSync(this.#fd);
  }
}

/** A log in memory (the memory store's): the same staging and marks, the lines in a map. */
export class MemoryLineLog extends StagedLog {
  readonly #lines = new Map<number, string>();

  constructor() {
    // Kept until the commit: what is not committed is never in the map.
    super(EMPTY_MARK, Number.POSITIVE_INFINITY);
  }

  protected sizeOf(line: string): number {
    return line.length;
  }

  protected readCommitted({ offset }: LineAt): string {
    const line = this.#lines.get(offset);
    if (line === undefined) throw new Error(`no line at offset ${offset}`);
    return line;
  }

  replay(each: (line: string, at: LineAt) => void): void {
    for (const [offset, line] of this.#lines) if (offset >= this.mark.from) each(line, { offset, length: line.length });
  }

  protected write(): void {}

  protected undo(): void {}

  protected override kept(mark: LogMark): void {
    for (const [offset, line] of this.staged) this.#lines.set(offset, line);
    if (mark.from > this.mark.from) for (const offset of this.#lines.keys()) if (offset < mark.from) this.#lines.delete(offset);
  }

  close(): void {}
}
