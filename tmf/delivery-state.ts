import type { BaseData } from './data.ts';
import type { QueuedWork } from './work-queue.ts';

/** One dead letter, as the state dump, the dashboard and the reports show it. */
export interface DeadLetter {
  /** `event`: an outbox entry (id: its eventId); `effect`: an owed effect (id: its key). */
  readonly kind: 'event' | 'effect';
  readonly id: string;
  /** Where it was going: the subscriber and event type, or the effect's kind. */
  readonly what: string;
  readonly owedAt: string;
  readonly attempts: number;
  readonly lastError?: string;
}

/** How a party's owed work stands: waiting (with its next try), dead-lettered with the last error. */
export interface DeliveryState {
  readonly pendingEvents: number;
  readonly pendingEffects: number;
  /** Earliest simulated time a pending retry is due, if any. */
  readonly nextRetryAt?: string;
  readonly deadLetters: readonly DeadLetter[];
}

export function deliveryState(data: Readonly<BaseData>): DeliveryState {
  const pending = (list: readonly QueuedWork[]) => list.filter((w) => w.state === 'pending');
  const waiting = [...pending(data.outbox), ...pending(data.owed)].map((w) => w.nextAttemptAt).sort();
  const dead = (w: QueuedWork) => w.state === 'dead';
  return {
    pendingEvents: pending(data.outbox).length,
    pendingEffects: pending(data.owed).length,
    ...(waiting.length ? { nextRetryAt: waiting[0] } : {}),
    deadLetters: [
      ...data.outbox.filter(dead).map((e) => ({
        kind: 'event' as const,
        id: e.eventId,
        what: `${String(e.body.eventType)} → ${e.subscriber} (${e.subscriptionId})`,
        owedAt: e.owedAt,
        attempts: e.attempts,
        lastError: e.lastError,
      })),
      ...data.owed
        .filter(dead)
        .map((e) => ({ kind: 'effect' as const, id: e.key, what: e.kind, owedAt: e.owedAt, attempts: e.attempts, lastError: e.lastError })),
    ],
  };
}
