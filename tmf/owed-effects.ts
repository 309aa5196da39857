import { isDraft, original } from 'immer';
import { inPlaceOf, type Store } from '../core/store.ts';
import type { BaseData, OwedEffect } from './data.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.ts';
import { freshWork, WorkQueue } from './work-queue.ts';
import { setOf } from './data.ts';

/**
 * Carries out one owed effect. It may return a change to commit in the same update that marks the
 * effect done, so a local effect happens exactly once; an effect on a peer must be idempotent there
 * (it carries the effect's key, e.g. as the id of an inbox message).
 */
export type EffectHandler<D extends BaseData = BaseData> = (
  args: Record<string, unknown>,
  effect: Readonly<OwedEffect>,
) => Promise<((draft: D) => void) | void>;

/** Done effects kept for inspection. */
const RETAIN_DONE = 100;

/**
 * The general "owed effect" outbox: a party records what it owes in the same store update as the change
 * that causes it, and a handler per kind carries it out, retried like event delivery (burst, backoff in
 * simulated time, dead letter) and resumed after a restart. Killed at any moment, the party loses none
 * and, with idempotent handlers, duplicates none.
 */
export class OwedEffects<D extends BaseData> extends WorkQueue<D, OwedEffect> {
  readonly #handlers = new Map<string, EffectHandler<D>>();

  /** Paused until `resume`: a restarted party carries out what it owes once every handler is registered. */
  constructor(store: Store<D>, policy: Partial<RetryPolicy> = {}) {
    super(
      store,
      {
        list: (data) => data.owed,
        idOf: (effect) => effect.key,
        attempt: (effect) => {
          const handler = this.#handlers.get(effect.kind);
          if (!handler) throw new Error(`no handler for owed effect '${effect.kind}'`);
          return handler(effect.args, effect);
        },
        policy: { ...DEFAULT_RETRY, ...policy },
        retainDone: RETAIN_DONE,
      },
      true,
    );
  }

  /** Declares how effects of `kind` are carried out (before the actor starts serving). */
  register(kind: string, handler: EffectHandler<D>): void {
    this.#handlers.set(kind, handler);
  }

  /**
   * Records in `draft` that `kind` is owed with `args`, once per `key` (default: kind and args). Lanes
   * (default: the kind) keep effects in order; different lanes proceed independently.
   */
  owe(draft: D, now: Date, kind: string, args: Record<string, unknown>, options: { key?: string; lane?: string } = {}): boolean {
    const key = options.key ?? `${kind}:${JSON.stringify(args)}`;
    if (isOwed(draft.owedKeys, key)) return false;
    inPlaceOf(draft).push(['owedKeys'], key);
    draft.owed.push({ ...freshWork(options.lane ?? kind, now), key, kind, args });
    return true;
  }
}

/**
 * Whether `key` was ever owed, without scanning every key ever owed (a bill run owes one notice per
 * bill: a scan per notice would grow with the square of the fleet).
 */
const isOwed = (owedKeys: string[], key: string): boolean => setOf(isDraft(owedKeys) ? (original(owedKeys) as string[]) : owedKeys).has(key);
