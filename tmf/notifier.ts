import { servedId, type ApiId } from './apis.ts';
import { type BaseData, type Entity, nextId } from './data.ts';
import { listenerName } from './events.ts';
import type { Store } from '../core/store.ts';
import { valuesAt } from './query.ts';

/** How hard the notifier tries before it gives an event up (kept in the outbox as failed). */
export interface DeliveryPolicy {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly timeoutMs: number;
}

export const DEFAULT_DELIVERY: DeliveryPolicy = { attempts: 5, baseDelayMs: 20, timeoutMs: 5000 };

/** Sends one event; resolves when the listener answered 2xx, rejects otherwise. */
export type EventSender = (url: string, subscriber: string, body: Record<string, unknown>, timeoutMs: number) => Promise<void>;

export interface EventToPublish {
  readonly api: ApiId;
  readonly eventType: string;
  /** The key under `event`, e.g. `productOrder`. */
  readonly resource: string;
  readonly entity: Entity;
  readonly fieldPath?: readonly string[];
}

/**
 * The hub's sending side, built on a transactional outbox: an event is written in the same store update
 * as the change it reports, then delivered in order with retries and exponential backoff. A restart
 * delivers what was still pending; a delivery that keeps failing stays visible as `failed`.
 */
export class Notifier {
  readonly #store: Store<BaseData>;
  readonly #actor: string;
  readonly #send: EventSender;
  readonly #policy: DeliveryPolicy;
  #running: Promise<void> | undefined;

  constructor(store: Store<BaseData>, actor: string, send: EventSender, policy: DeliveryPolicy = DEFAULT_DELIVERY) {
    this.#store = store;
    this.#actor = actor;
    this.#send = send;
    this.#policy = policy;
  }

  /**
   * Adds the event to the outbox of `draft` for every matching subscription (of the entity's owner and
   * readers, when it has an owner). Call inside `store.update`.
   */
  enqueue(draft: BaseData, now: Date, event: EventToPublish): void {
    // An entity one party owns is news only for that party and its readers: no other subscription hears of it.
    const owner = draft.owners[event.entity.href];
    const hears = (party: string) => owner === undefined || party === owner || (draft.readers[event.entity.href] ?? []).includes(party);
    for (const sub of draft.subscriptions.filter((s) => s.api === event.api && hears(s.subscriber))) {
      const body = {
        eventId: `${this.#actor}-${nextId(draft, 'evt')}`,
        eventTime: now.toISOString(),
        eventType: event.eventType,
        timeOcurred: now.toISOString(),
        domain: event.api,
        title: event.eventType,
        ...(event.fieldPath ? { fieldPath: event.fieldPath.join(',') } : {}),
        event: { [event.resource]: servedId(event.api, event.entity) },
      };
      if (!matchesQuery(sub.query, body)) continue;
      draft.outbox.push({
        eventId: body.eventId,
        subscriptionId: sub.id,
        callback: sub.callback,
        subscriber: sub.subscriber,
        eventName: listenerName(event.eventType),
        body,
        attempts: 0,
        state: 'pending',
      });
    }
  }

  /** Starts delivering pending events (no-op when already delivering). */
  kick(): void {
    this.#running ??= this.#deliverAll().finally(() => {
      this.#running = undefined;
    });
  }

  /** Resolves when the outbox has nothing pending: every event delivered or given up. */
  async drain(): Promise<void> {
    this.kick();
    while (this.#running) await this.#running;
  }

  async #deliverAll(): Promise<void> {
    for (;;) {
      const next = this.#store.data.outbox.find((e) => e.state === 'pending');
      if (!next) return;
      const outcome = await this.#deliver(next.callback, next.subscriber, next.eventName, next.body);
      await this.#store.update((draft) => {
        const entry = draft.outbox.find((e) => e.eventId === next.eventId && e.subscriptionId === next.subscriptionId);
        if (!entry) return;
        entry.attempts += outcome.attempts;
        entry.state = outcome.error ? 'failed' : 'delivered';
        if (outcome.error) entry.lastError = outcome.error;
      });
    }
  }

  async #deliver(callback: string, subscriber: string, eventName: string, body: Record<string, unknown>): Promise<{ attempts: number; error?: string }> {
    const url = `${callback.replace(/\/$/, '')}/listener/${eventName}`;
    let error = '';
    for (let attempt = 1; attempt <= this.#policy.attempts; attempt++) {
      try {
        await this.#send(url, subscriber, body, this.#policy.timeoutMs);
        return { attempts: attempt };
      } catch (e) {
        error = (e as Error).message;
        if (attempt < this.#policy.attempts) await sleep(this.#policy.baseDelayMs * 2 ** (attempt - 1));
      }
    }
    return { attempts: this.#policy.attempts, error };
  }
}

/** A hub query such as `eventType=A,B&event.productOrder.state=completed`. Empty matches all. */
export function matchesQuery(query: string, body: Record<string, unknown>): boolean {
  const params = new URLSearchParams(query ?? '');
  for (const [key, value] of params) {
    const wanted = value.split(',');
    if (!valuesAt(body, key).some((found) => wanted.includes(String(found)))) return false;
  }
  return true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
