import { createHash } from 'node:crypto';

/**
 * How hard a party keeps trying to do what it owes (deliver an event, tell a peer something): a short
 * burst of quick tries for a blip, then exponential backoff with jitter in *simulated* time, for a long
 * horizon, after which the work is dead-lettered (kept, with its last error, until redelivered).
 */
export interface RetryPolicy {
  /** Quick tries in a row before backing off (real time between them: `burstDelayMs`). */
  readonly burst: number;
  readonly burstDelayMs: number;
  /** Time-out of one try, real time. */
  readonly timeoutMs: number;
  /** First backoff delay, simulated time; doubled after every failed round, capped at `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** How long after it was owed the work is given up (dead-lettered), simulated time. */
  readonly horizonMs: number;
  /** Seeds the jitter, so the same run schedules the same retries. */
  readonly seed: number;
  /**
   * How long (real time) a slow try holds up the work behind it before the next lane goes ahead: prompt
   * listeners are served strictly in order (a deterministic trace), a hanging one delays others by this.
   * A second: on a loaded machine a prompt listener's answer took over 250 ms, the lanes overlapped and
   * the same run gave a different trace.
   */
  readonly patienceMs: number;
}

const MINUTE = 60_000;
export const DEFAULT_RETRY: RetryPolicy = {
  burst: 3,
  burstDelayMs: 20,
  timeoutMs: 5000,
  baseDelayMs: MINUTE,
  maxDelayMs: 60 * MINUTE,
  horizonMs: 24 * 60 * MINUTE,
  seed: 7,
  patienceMs: 1000,
};

/** What a failed round leads to: another round at `at`, or the dead letter. */
export type AfterFailure = { readonly retryAt: Date } | { readonly dead: true };

/**
 * After `round` failed rounds (1 for the first), when to try again: `base · 2^(round-1)` capped, with
 * "equal jitter" (half fixed, half drawn) so that many failed deliveries do not retry in lockstep. The draw
 * hashes the seed with the work's id and round: deterministic, yet spread out. The last retry falls on
 * the horizon itself.
 */
export function afterFailure(policy: RetryPolicy, workId: string, round: number, owedAt: Date, now: Date): AfterFailure {
  const deadline = owedAt.getTime() + policy.horizonMs;
  if (now.getTime() >= deadline) return { dead: true };
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(round - 1, 40));
  const delay = ceiling / 2 + (ceiling / 2) * unitDraw(`${policy.seed}:${workId}:${round}`);
  return { retryAt: new Date(Math.min(deadline, now.getTime() + Math.max(1, Math.round(delay)))) };
}

/** A deterministic number in [0, 1) from a string. */
function unitDraw(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/** Resolves after `ms` of real time (the burst's short pause). */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
