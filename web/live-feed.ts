import type { Exchange } from '../harness/exchange.ts';
import { exchangeChunks } from '../harness/recorded-message.ts';

/** How far a reader of the live feed may fall behind, in bytes the harness holds for it, before exchanges are left out. */
export const FEED_BEHIND_BYTES = 4 * 2 ** 20;

/** Where a feed writes: an HTTP response (only what the feed uses of it). */
export interface FeedSink {
  readonly writableLength: number;
  cork(): void;
  uncork(): void;
  write(chunk: string | Uint8Array): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

/** The exchanges a reader was not sent while it lagged: how many, and the first and last seq among them. */
export interface Skipped {
  count: number;
  first: number;
  last: number;
}

/**
 * One reader's live feed of the wire: each exchange as one server-sent event (`event: exchange`), its
 * recorded bodies written as the very buffers recorded. A reader that takes less than the wire records
 * (a slow network, a tab the browser holds back, a wire under load) would make the harness hold every
 * event it has not taken, without bound, for as long as it lags. Past `behindBytes` the feed leaves the
 * exchanges out until the reader has taken what it holds, then tells it what it missed
 * (`event: skipped`, a `Skipped`) and goes on. The record keeps them all: the trace and the reports.
 */
export class LiveFeed {
  readonly #sink: FeedSink;
  readonly #behindBytes: number;
  #skipped: Skipped | undefined;

  constructor(sink: FeedSink, behindBytes = FEED_BEHIND_BYTES) {
    this.#sink = sink;
    this.#behindBytes = behindBytes;
  }

  send(exchange: Exchange): void {
    if (this.#skipped || this.#sink.writableLength > this.#behindBytes) {
      this.#skip(exchange.seq);
      return;
    }
    const sink = this.#sink;
    sink.cork();
    sink.write('event: exchange\ndata: ');
    for (const chunk of exchangeChunks(exchange, '\n\n')) sink.write(chunk);
    sink.uncork();
  }

  /** Counts a left-out exchange; the first one waits for the reader to take what it holds (past the budget, a write said so). */
  #skip(seq: number): void {
    if (this.#skipped) {
      this.#skipped.count++;
      this.#skipped.last = seq;
      return;
    }
    this.#skipped = { count: 1, first: seq, last: seq };
    this.#sink.once('drain', () => {
      const skipped = this.#skipped;
      this.#skipped = undefined;
      this.#sink.write(`event: skipped\ndata: ${JSON.stringify(skipped)}\n\n`);
    });
  }
}
