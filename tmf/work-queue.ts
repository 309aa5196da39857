import { committed, type Store } from '../core/store.ts';
import { afterFailure, pause, type RetryPolicy } from './retry.ts';

/** The book-keeping every piece of owed work carries (an event to deliver, an effect to carry out). */
export interface QueuedWork {
  /** Lanes run side by side; within a lane work is done in order (an event stream per subscription). */
  lane: string;
  /** Simulated time it became owed: the retry horizon counts from here. */
  owedAt: string;
  /** Tries so far, every burst counted. */
  attempts: number;
  /** Failed rounds (bursts) so far: the backoff exponent. */
  rounds: number;
  /** Simulated time of the next round. */
  nextAttemptAt: string;
  /** `dead`: given up after the horizon, kept with its last error until redelivered. */
  state: 'pending' | 'delivered' | 'dead';
  lastError?: string;
}

/** Does one piece of work; may return a change to commit together with marking it done. */
export type Attempt<D, W> = (work: W, timeoutMs: number) => Promise<((draft: D) => void) | void>;

export interface WorkQueueOptions<D, W extends QueuedWork> {
  /** The list in the store's data (and in a draft) where the work is kept. */
  readonly list: (data: D) => W[];
  readonly idOf: (work: W) => string;
  readonly attempt: Attempt<D, W>;
  readonly policy: RetryPolicy;
  /** How many done entries to keep for inspection (the oldest are pruned once the list has grown by a quarter of it). */
  readonly retainDone: number;
}

/**
 * Persistent, retried work, tried in the order it was owed: while every try answers promptly the queue
 * is strictly sequential (so the same run gives the same trace); a try that takes longer than
 * `patienceMs` is left running and the next lane goes ahead, so a listener that hangs or is down delays
 * nobody else by more than that. Within a lane (an event stream per subscription) work stays in order.
 * A burst of quick tries, then backoff in simulated time up to a horizon, then the dead letter. Entries
 * live in the actor's store, so a restart resumes them; time only moves when the clock does, so retries
 * are driven by advancing the simulated clock, never by waiting.
 */
export class WorkQueue<D extends object, W extends QueuedWork> {
  readonly #store: Store<D>;
  readonly #options: WorkQueueOptions<D, W>;
  /** The try in flight per lane. */
  readonly #inFlight = new Map<string, Promise<void>>();
  #dispatching: Promise<void> | undefined;
  #again = false;
  #paused: boolean;
  /** How long the list may grow before done entries are pruned again (see `prune`). */
  #pruneAtLength = 0;

  /** A paused queue keeps its work until `resume` (e.g. until the handlers it needs are registered). */
  constructor(store: Store<D>, options: WorkQueueOptions<D, W>, paused = false) {
    this.#store = store;
    this.#options = options;
    this.#paused = paused;
    store.onCommit(() => this.kick());
  }

  resume(): void {
    this.#paused = false;
    this.kick();
  }

  get #now(): Date {
    return new Date((this.#store.data as { clock?: string }).clock ?? Date.now());
  }

  /** Starts trying what is due (a no-op while paused; re-scans when already dispatching). */
  kick(): void {
    if (this.#paused) return;
    this.#again = true;
    if (this.#dispatching || this.#nextDue() === undefined) return;
    this.#dispatching = this.#dispatch().finally(() => {
      this.#dispatching = undefined;
      if (this.#again) this.kick(); // asked for while the dispatch was finishing
    });
  }

  /** Resolves once nothing is due and no try is in flight (work scheduled for later stays pending). */
  async drain(): Promise<void> {
    for (;;) {
      this.kick();
      const running = [...(this.#dispatching ? [this.#dispatching] : []), ...this.#inFlight.values()];
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /** Whether any work is due now or in flight. */
  get busy(): boolean {
    return this.#dispatching !== undefined || this.#inFlight.size > 0 || (!this.#paused && this.#nextDue() !== undefined);
  }

  /** Puts dead work (all of it, or the given ids) back in its lane with a fresh horizon; call in an update. */
  redeliver(draft: D, now: Date, ids?: readonly string[]): string[] {
    const revived = this.#options.list(draft).filter((w) => w.state === 'dead' && (!ids || ids.includes(this.#options.idOf(w))));
    for (const work of revived) {
      Object.assign(work, { state: 'pending', rounds: 0, owedAt: now.toISOString(), nextAttemptAt: now.toISOString() });
    }
    return revived.map(this.#options.idOf);
  }

  /** The first due work, in the order owed, that heads its lane and whose lane has no try in flight. */
  #nextDue(): W | undefined {
    const now = this.#now.getTime();
    const seen = new Set<string>();
    for (const work of this.#options.list(this.#store.data)) {
      if (work.state !== 'pending' || seen.has(work.lane)) continue;
      seen.add(work.lane); // only a lane's head counts: its followers wait behind it
      if (!this.#inFlight.has(work.lane) && isDue(work, now)) return work;
    }
    return undefined;
  }

  async #dispatch(): Promise<void> {
    while (this.#again) {
      this.#again = false;
      for (let next = this.#nextDue(); next; next = this.#nextDue()) {
        const lane = next.lane;
        const trying = this.#tryAndRecord(next).finally(() => {
          this.#inFlight.delete(lane);
          this.kick();
        });
        this.#inFlight.set(lane, trying);
        await Promise.race([trying, pause(this.#options.policy.patienceMs)]);
      }
    }
  }

  async #tryAndRecord(head: W): Promise<void> {
    const { tries, error, commit } = await this.#burst(head);
    const id = this.#options.idOf(head);
    await this.#store.update((draft) => {
      const list = this.#options.list(draft);
      // Found in the list as the update found it: reading a draft's elements drafts every one of them
      // (a few hundred kept for inspection), and each draft is work to finish.
      const at = committed(list).findIndex((w) => this.#options.idOf(w) === id);
      const entry = at >= 0 ? list[at] : undefined;
      if (entry?.state !== 'pending') return;
      entry.attempts += tries;
      if (error === undefined) {
        commit?.(draft);
        entry.state = 'delivered';
        delete entry.lastError;
        // Pruned again once the list has grown by a quarter of what it keeps: looking at every entry
        // kept (a few hundred, and every pending one) and moving them all cost each delivery that much.
        if (list.length >= this.#pruneAtLength) {
          prune(list, this.#options.retainDone, at);
          this.#pruneAtLength = list.length + Math.floor(this.#options.retainDone / 4);
        }
        return;
      }
      entry.lastError = error;
      entry.rounds += 1;
      const next = afterFailure(this.#options.policy, id, entry.rounds, new Date(entry.owedAt), this.#now);
      if ('dead' in next) entry.state = 'dead';
      else entry.nextAttemptAt = next.retryAt.toISOString();
    });
  }

  async #burst(work: W): Promise<{ tries: number; error?: string; commit?: (draft: D) => void }> {
    const { burst, burstDelayMs, timeoutMs } = this.#options.policy;
    let error = '';
    for (let tries = 1; tries <= Math.max(1, burst); tries++) {
      try {
        const commit = await this.#options.attempt(work, timeoutMs);
        return { tries, commit: commit ?? undefined };
      } catch (e) {
        error = (e as Error).message || String(e);
        if (tries < burst) await pause(burstDelayMs * 2 ** (tries - 1));
      }
    }
    return { tries: Math.max(1, burst), error };
  }
}

/** New work is due at once; a retry when the simulated clock reaches it. */
const isDue = (work: QueuedWork, now: number) => work.rounds === 0 || Date.parse(work.nextAttemptAt) <= now;

/**
 * Drops the oldest done entries beyond `keep`, in place (pending and dead work is never pruned). The
 * entries are read as the update found them, but for the one at `justDelivered`: no other is drafted.
 */
function prune(list: QueuedWork[], keep: number, justDelivered: number): void {
  const found = committed(list);
  const delivered: number[] = [];
  for (let i = 0; i < found.length; i++) if (i === justDelivered || found[i].state === 'delivered') delivered.push(i);
  const dropped = delivered.slice(0, Math.max(0, delivered.length - keep));
  // The last first, so that the places of the others stay where they were.
  for (let k = dropped.length - 1; k >= 0; k--) list.splice(dropped[k], 1);
}

/** The fields a new piece of work starts with. */
export function freshWork(lane: string, now: Date): QueuedWork {
  return { lane, owedAt: now.toISOString(), attempts: 0, rounds: 0, nextAttemptAt: now.toISOString(), state: 'pending' };
}
