import { servedId, type ApiId } from './apis.ts';
import { type BaseData, type Entity, type OutboxEntry, nextId } from './data.ts';
import { listenerName } from './events.ts';
import { stampLastUpdate } from './last-update.ts';
import type { Store } from '../core/store.ts';
import { filterOf, matchesFilters } from './query.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.ts';
import { freshWork, WorkQueue } from './work-queue.ts';

/** How hard the notifier tries before it dead-letters an event (any field left out keeps its default). */
export type DeliveryPolicy = Partial<RetryPolicy> & {
  /** Delivered entries kept in the outbox for inspection; older ones are pruned (once the outbox has grown by a quarter of it). */
  readonly retainDelivered?: number;
};

export const DEFAULT_RETAIN_DELIVERED = 200;

/** Sends one event; resolves when the listener answered 2xx, rejects otherwise. */
export type EventSender = (url: string, subscriber: string, body: Record<string, unknown>, timeoutMs: number) => Promise<void>;

export interface EventToPublish {
  readonly api: ApiId;
  readonly eventType: string;
  /** The key under `event`, e.g. `productOrder`. */
  readonly resource: string;
  readonly entity: Entity;
  readonly fieldPath?: readonly string[];
  /** The entity's owner, for an entity kept outside the store's document (whose owners index does not hold it). */
  readonly owner?: string;
}

/**
 * The hub's sending side, built on a transactional outbox: an event is written in the same store update
 * as the change it reports, then delivered by one queue per subscription (in order within it, none
 * waiting for another), retried with backoff in simulated time and dead-lettered after the horizon.
 * A restart resumes what was still pending.
 */
export class Notifier<D extends BaseData = BaseData> extends WorkQueue<D, OutboxEntry> {
  readonly #actor: string;

  constructor(store: Store<D>, actor: string, send: EventSender, policy: DeliveryPolicy = {}) {
    super(store, {
      list: (data) => data.outbox,
      idOf: (entry) => entry.eventId,
      attempt: (entry, timeoutMs) => send(`${entry.callback.replace(/\/$/, '')}/listener/${entry.eventName}`, entry.subscriber, entry.body, timeoutMs),
      policy: { ...DEFAULT_RETRY, ...policy },
      retainDone: policy.retainDelivered ?? DEFAULT_RETAIN_DELIVERED,
    });
    this.#actor = actor;
  }

  /**
   * Adds the event to the outbox of `draft` for every matching subscription (of the entity's owner and
   * readers, when it has an owner). Call inside `store.update`.
   */
  enqueue(draft: BaseData, now: Date, event: EventToPublish): void {
    // A deleted entity is gone; any other event reports a change the entity's lastUpdate must show.
    const entity = event.eventType.endsWith('DeleteEvent') ? event.entity : stampLastUpdate(draft, event.api, event.resource, event.entity, now);
    // An entity one party owns is news only for that party and its readers: no other subscription hears of it.
    const owner = event.owner ?? draft.owners[event.entity.href];
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
        event: { [event.resource]: servedId(event.api, entity) },
      };
      if (!matchesQuery(sub.query, body)) continue;
      draft.outbox.push({
        ...freshWork(sub.id, now),
        eventId: body.eventId,
        subscriptionId: sub.id,
        callback: sub.callback,
        subscriber: sub.subscriber,
        eventName: listenerName(event.eventType),
        body,
      });
    }
  }
}

/** What a write needs of a party's notifier, whatever the party's data: to queue an event and wake the sender. */
export type EventOutbox = Pick<Notifier, 'enqueue' | 'kick'>;

/**
 * A hub query such as `eventType=A,B&event.productOrder.state=completed`; empty matches all. It reads as a
 * list's filters do (tmf/query.ts): an operator as a last segment (`event.productOrder.orderDate.gt=…`),
 * dates as instants, and a parameter repeated as any of its values, so `eventType=A&eventType=B` hears both.
 */
export function matchesQuery(query: string, body: Record<string, unknown>): boolean {
  const params = new URLSearchParams(query ?? '');
  return matchesFilters(
    body,
    [...new Set(params.keys())].map((key) => filterOf(key, params.getAll(key))),
  );
}
