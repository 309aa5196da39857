/** What decides a verdict: who called which operation (the schemas it is held to), the status, and both bodies' bytes. */
export interface VerdictInputs {
  readonly from: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly request: Buffer | undefined;
  readonly response: Buffer;
}

/**
 * A verdict with the bytes it was given for. When the same bytes come again, the caller may keep these
 * bytes instead of its own copy: a body polled again and again is then held in memory once, however many
 * exchanges recorded it, and each new copy is garbage at once (cheap for the garbage collector).
 */
export interface Remembered<V> {
  readonly request: Buffer | undefined;
  readonly response: Buffer;
  readonly verdict: V;
}

/**
 * The last verdict per operation and status, kept with the bytes it was given for (the verdict is shared by
 * every exchange that gets it: treat it as immutable). The judgement is a pure
 * function of these inputs, so the same bytes on the same operation get the same verdict: a body polled
 * again and again (a list read by a dashboard or a load test) is compared byte for byte (a memcmp, far
 * cheaper than parsing and validating it) instead of judged again. Any other byte is judged afresh: every
 * exchange still gets its own full verdict. At most `capacity` operations and `maxBytes` bytes of bodies
 * are remembered (oldest out first), so memory stays bounded however long the run.
 */
export class VerdictMemo<V> {
  readonly #remembered = new Map<string, Remembered<V>>();
  readonly #capacity: number;
  readonly #maxBytes: number;
  #bytes = 0;
  #hits = 0;

  constructor(capacity = 1000, maxBytes = 64 * 2 ** 20) {
    this.#capacity = capacity;
    this.#maxBytes = maxBytes;
  }

  /** How many verdicts were reused (for the benchmarks). */
  get hits(): number {
    return this.#hits;
  }

  /**
   * The verdict for `inputs`, with the bytes it is remembered for (equal to the inputs'): remembered when
   * the very same bytes came on the same operation, `judge()`d otherwise.
   */
  verdict(inputs: VerdictInputs, judge: () => V): Remembered<V> {
    const key = `${inputs.from} ${inputs.method} ${inputs.status} ${inputs.path}`;
    const known = this.#remembered.get(key);
    if (known && sameBytes(known.request, inputs.request) && known.response.equals(inputs.response)) {
      this.#hits++;
      return known;
    }
    const verdict = judge();
    if (known) this.#forget(key, known);
    const remembered = { request: inputs.request, response: inputs.response, verdict };
    this.#remembered.set(key, remembered);
    this.#bytes += sizeOf(remembered);
    for (const [oldest, entry] of this.#remembered) {
      if (this.#remembered.size <= this.#capacity && this.#bytes <= this.#maxBytes) break;
      this.#forget(oldest, entry);
    }
    return remembered;
  }

  #forget(key: string, entry: Remembered<V>): void {
    this.#remembered.delete(key);
    this.#bytes -= sizeOf(entry);
  }
}

const sizeOf = (entry: Remembered<unknown>) => (entry.request?.length ?? 0) + entry.response.length;

function sameBytes(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}
