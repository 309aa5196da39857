/** How the queue measures its slices and comes back for the rest (the event loop's, by default). */
export interface SliceClock {
  now(): number;
  later(run: () => void): void;
}

const EVENT_LOOP: SliceClock = { now: () => performance.now(), later: (run) => setImmediate(run) };

/**
 * Work queued to run after the caller is answered (the wire's judging): it runs in slices of at most
 * `sliceMs` (each slice does at least one item), and between slices the event loop takes the forwards
 * that came in meanwhile, so that no call waits behind a whole batch of judging. `drain()` runs what is
 * left at once, in order: a reader of the record drains first and finds every item done.
 */
export class SettleQueue<T> {
  #items: T[] = [];
  #next = 0;
  #scheduled = false;
  readonly #work: (item: T) => void;
  readonly #sliceMs: number;
  readonly #clock: SliceClock;

  /**
   * `sliceMs`: a quarter of a millisecond by default. Judging a fresh 9 KB list (parse and ajv) takes
   * 50–60 µs, so a slice does a few such exchanges, or dozens whose verdict is reused.
   */
  constructor(work: (item: T) => void, sliceMs = 0.25, clock: SliceClock = EVENT_LOOP) {
    this.#work = work;
    this.#sliceMs = sliceMs;
    this.#clock = clock;
  }

  /** How many items wait. */
  get size(): number {
    return this.#items.length - this.#next;
  }

  push(item: T): void {
    this.#items.push(item);
    if (!this.#scheduled) {
      this.#scheduled = true;
      this.#clock.later(() => this.#slice());
    }
  }

  /** Runs every waiting item now, in the order they came. */
  drain(): void {
    while (this.size > 0) this.#runNext();
    this.#reset();
  }

  #slice(): void {
    this.#scheduled = false;
    if (this.size === 0) return; // a reader drained it meanwhile
    const until = this.#clock.now() + this.#sliceMs;
    do this.#runNext();
    while (this.size > 0 && this.#clock.now() < until);
    this.#reset();
    if (this.size > 0) {
      this.#scheduled = true;
      this.#clock.later(() => this.#slice());
    }
  }

  #runNext(): void {
    const item = this.#items[this.#next];
    // Taken off before the work runs: work that reads the record (and so drains) does not see it again.
    this.#items[this.#next++] = undefined as T;
    this.#work(item);
  }

  /** Forgets the items done: at once when none waits, otherwise once they are most of the array. */
  #reset(): void {
    if (this.size > 0 && (this.#next < 1024 || this.#next * 2 < this.#items.length)) return;
    this.#items = this.#items.slice(this.#next);
    this.#next = 0;
  }
}
