import { Router, type Request } from 'express';
import { storedId, type ApiId } from './apis.ts';
import { callerOf } from './auth.ts';
import { type BaseData, nextId, setOf } from './data.ts';
import { badRequest, forbidden, notFound } from './errors.ts';
import { eventSubject, eventTypeOf } from './events.ts';
import type { Resource, ResourceName } from './resources.ts';
import { validateBody } from './validation.ts';
import { inPlaceOf, type Store } from '../core/store.ts';

/** POST /hub and DELETE /hub/{id} of one API: who wants to hear about its events. */
export function hubRouter<D extends BaseData>(api: ApiId, store: Store<D>): Router {
  const router = Router();
  // TMF630: the same callback and query from the same subscriber is the same subscription (201, then 200).
  router.post('/hub', async (req, res) => {
    validateBody('Hub_Create', req.body);
    const caller = callerOf(res);
    const callback = String(req.body.callback);
    const query = String(req.body.query ?? '');
    const { sub, created } = await store.update((draft) => {
      const known = draft.subscriptions.find((s) => s.api === api && s.subscriber === caller.party && s.callback === callback && s.query === query);
      if (known) return { sub: known, created: false };
      const fresh = { id: nextId(draft, `hub-${api}`), api, callback, query, subscriber: caller.party };
      draft.subscriptions.push(fresh);
      return { sub: fresh, created: true };
    });
    res.status(created ? 201 : 200).json({ id: sub.id, callback: sub.callback, query: sub.query });
  });
  router.delete('/hub/:id', async (req, res) => {
    const caller = callerOf(res);
    const removed = await store.update((draft) => {
      const index = draft.subscriptions.findIndex(
        (s) => s.id === req.params.id && s.api === api && (s.subscriber === caller.party || caller.party === 'harness'),
      );
      return index < 0 ? undefined : draft.subscriptions.splice(index, 1)[0];
    });
    if (!removed) throw notFound('hub subscription', req.params.id);
    res.status(204).end();
  });
  return router;
}

/** The envelope a listener receives. */
export interface EventEnvelope {
  eventId: string;
  eventTime: string;
  eventType: string;
  event: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * The resource an event carries, typed by its collection (`eventResource(event, 'TMF623', 'slaViolation')`),
 * or `undefined` when the event carries no such resource. The listener validated the event and the
 * resource against that resource's schema before any handler runs: this is the events' validated edge.
 */
export function eventResource<A extends ApiId, R extends ResourceName<A>>(event: EventEnvelope, _api: A, resource: R): Resource<A, R> | undefined {
  const carried = event.event[resource];
  return (typeof carried === 'object' && carried !== null ? storedId(carried) : undefined) as Resource<A, R> | undefined;
}

/**
 * Handles one event. It may return a change to commit together with marking the event handled (e.g.
 * owing an effect), so that a crash in between neither loses nor doubles it.
 */
export type EventHandler = (event: EventEnvelope, req: Request) => Promise<EventOutcome> | EventOutcome;
export type EventOutcome = void | ((draft: BaseData) => void);

/**
 * The handlers of several capabilities of one party as one listener: where two handle the same event
 * type (a settlement note's state change is figure 9's payment and figure 11's revision), each runs, in
 * order, and their commits are made together.
 */
export function mergeHandlers(...maps: readonly Readonly<Record<string, EventHandler>>[]): Record<string, EventHandler> {
  const merged: Record<string, EventHandler[]> = {};
  for (const map of maps) for (const [type, handler] of Object.entries(map)) (merged[type] ??= []).push(handler);
  return Object.fromEntries(
    Object.entries(merged).map(([type, handlers]) => [
      type,
      async (event: EventEnvelope, req: Request): Promise<EventOutcome> => {
        const commits: ((draft: BaseData) => void)[] = [];
        for (const handler of handlers) {
          const commit = await handler(event, req);
          if (typeof commit === 'function') commits.push(commit);
        }
        return commits.length === 0
          ? undefined
          : (draft) => {
              for (const commit of commits) commit(draft);
            };
      },
    ]),
  );
}

/**
 * POST /listener/{eventName}: validates the envelope, ignores an event id already handled (so a retried
 * delivery is harmless), and hands the event to the actor's handler. An event is marked as seen only
 * after its handler succeeded, so a failed handling is retried by the sender.
 */
export function listenerRouter<D extends BaseData>(
  store: Store<D>,
  handlers: Readonly<Record<string, EventHandler>>,
  mayNotify: (party: string, api: ApiId) => boolean = () => true,
): Router {
  const router = Router();
  // A redelivery arriving while the first delivery is still being handled (the sender timed out) waits
  // for that handling and shares its outcome instead of running the handler a second time.
  const inFlight = new Map<string, Promise<void>>();
  router.post('/listener/:eventName', async (req, res) => {
    const eventType = eventTypeOf(String(req.params.eventName));
    // Only a party this actor subscribed to, and only for the API subscribed to, may tell it of events.
    const subject = eventSubject(eventType);
    const sender = callerOf(res).party;
    if (!subject || !mayNotify(sender, subject.api)) {
      throw forbidden(`${sender} may not send ${eventType}: no subscription was made with it for ${subject?.api ?? 'this event'}`);
    }
    validateBody('Event', req.body);
    const envelope = req.body as EventEnvelope;
    if (envelope.eventType !== eventType) {
      throw badRequest('Event type mismatch', `Listener ${req.params.eventName} received an event of type ${envelope.eventType}`);
    }
    if (setOf(store.data.seenEvents).has(envelope.eventId)) {
      res.status(204).end();
      return;
    }
    let handling = inFlight.get(envelope.eventId);
    if (!handling) {
      handling = (async () => {
        const commit = await handlers[eventType]?.(envelope, req);
        await store.update((draft) => {
          if (typeof commit === 'function') commit(draft);
          inPlaceOf(draft).push(['seenEvents'], envelope.eventId);
        });
      })().finally(() => inFlight.delete(envelope.eventId));
      inFlight.set(envelope.eventId, handling);
    }
    await handling;
    res.status(204).end();
  });
  return router;
}
