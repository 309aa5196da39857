import { createWriteStream, statfsSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import type { Exchange } from './exchange.ts';
import { exchangeChunks, storedBytes, type WrittenBody } from './recorded-message.ts';

/**
 * The free space the trace leaves on its disk by default. The parties' stores are on the same disk
 * (`cch up`'s data folder), and the trace grows with every exchange: about 500 bytes for a body polled
 * again, and the body's size more for a new one (about 15 MB a second of small answers, each a new body,
 * at full load).
 */
export const TRACE_KEEPS_FREE_BYTES = 2 * 2 ** 30;

/** A body shorter than this is written again rather than referred to: a reference saves it no room. */
const SHORTEST_SHARED_BODY = 256;

type Side = 'request' | 'response';

/**
 * The wire's trace on disk (`trace.ndjson`): the exchanges that leave memory, one JSON exchange per
 * line, their bodies as the very buffers recorded, written a batch at a time. A body the wire recorded
 * as the very bytes of an earlier exchange (a list polled again and again: see VerdictMemo) is written
 * once: the later lines' message says `"sameBodyAs": <seq>` instead of `"body"`, the seq of the nearest
 * earlier line whose message on the same side holds it (harness/trace-reading.ts puts the bodies back).
 * A polled 9.4 KB list then costs the trace about 490 bytes a call rather than 9.6 KB (50 MB a second at
 * full load). It stops taking exchanges when its disk has less than `keepFreeBytes` free, rather than
 * fill it: a full disk would fail the parties' stores. It says so once, on stderr and in `stopped`.
 */
export class SpillFile {
  readonly #path: string;
  readonly #keepFreeBytes: number;
  #stream: WriteStream | undefined;
  #stopped: string | undefined;
  /** The bodies written so far, by side: the seq of the line that holds each. */
  #written = { request: new WeakMap<Buffer, number>(), response: new WeakMap<Buffer, number>() };
  readonly #writtenBody: WrittenBody = (where, message) => {
    const bytes = storedBytes(message);
    return bytes && this.#written[where].get(bytes);
  };

  constructor(path: string, keepFreeBytes = TRACE_KEEPS_FREE_BYTES) {
    this.#path = path;
    this.#keepFreeBytes = keepFreeBytes;
  }

  /** Why the file took no more exchanges, if it stopped. */
  get stopped(): string | undefined {
    return this.#stopped;
  }

  append(exchanges: readonly Exchange[]): void {
    if (exchanges.length === 0 || this.#stopped || this.#diskTooFull(exchanges[0])) return;
    const path = this.#path;
    this.#stream ??= createWriteStream(path, { flags: 'a' }).on('error', (error) =>
      process.stderr.write(`the wire cannot spill to ${path}: ${error.message}\n`),
    );
    // The recorded body buffers go out as they are, gathered into few writes (cork).
    const stream = this.#stream;
    stream.cork();
    for (const exchange of exchanges) {
      for (const chunk of exchangeChunks(exchange, '\n', this.#writtenBody)) stream.write(chunk);
      this.#wrote(exchange, 'request');
      this.#wrote(exchange, 'response');
    }
    stream.uncork();
  }

  /** Forgets which bodies are written (the seqs start again: a reference must not reach across). */
  forgetBodies(): void {
    this.#written = { request: new WeakMap(), response: new WeakMap() };
  }

  #wrote(exchange: Exchange, where: Side): void {
    const bytes = storedBytes(exchange[where]);
    if (bytes && bytes.length >= SHORTEST_SHARED_BODY && !this.#written[where].has(bytes)) this.#written[where].set(bytes, exchange.seq);
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    const stream = this.#stream;
    this.#stream = undefined;
    if (stream) await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }

  /** Checked once a batch (one system call for a hundred exchanges or more). */
  #diskTooFull(first: Exchange): boolean {
    const { bavail, bsize } = statfsSync(dirname(this.#path));
    const free = bavail * bsize;
    if (free >= this.#keepFreeBytes) return false;
    this.#stopped =
      `its disk has ${mebibytes(free)} free, less than the ${mebibytes(this.#keepFreeBytes)} it leaves for the parties' stores: ` +
      `the exchanges from seq ${first.seq} on are not in ${this.#path}`;
    process.stderr.write(`the wire stops writing its trace: ${this.#stopped}\n`);
    return true;
  }
}

const mebibytes = (bytes: number) => `${Math.floor(bytes / 2 ** 20)} MiB`;
