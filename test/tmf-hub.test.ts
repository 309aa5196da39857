import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Store } from '../core/store.ts';
import { authenticate, HARNESS_BUNDLE, HARNESS_PARTY, type Credential } from '../tmf/auth.ts';
import { baseData, collection, items, type BaseData, type Entity } from '../tmf/data.ts';
import { tmfErrorHandler } from '../tmf/errors.ts';
import { hubRouter, listenerRouter, type EventEnvelope } from '../tmf/hub.ts';
import { matchesQuery, Notifier, type DeliveryPolicy, type EventSender, type EventToPublish } from '../tmf/notifier.ts';
import { validateEvent } from '../tmf/schemas/index.ts';
import { call, jsonApp, startApp, type RunningApp } from './support/http-app.ts';

const NOW = new Date('2026-01-05T12:30:00.000Z');
const CALLBACK = 'http://listener.test/partner-a';
const FAST: DeliveryPolicy = { burst: 5, burstDelayMs: 1, timeoutMs: 100 };
const MINUTE = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The store's clock is the simulated time the notifier schedules retries by; events are published at it.
const openStore = () => Store.open<BaseData>({ kind: 'memory' }, () => baseData(NOW));

const offering: Entity = {
  id: 'po-1',
  href: '/tmf-api/productCatalogManagement/v4/productOffering/po-1',
  '@type': 'ProductOffering',
  name: '5 GB',
  lifecycleStatus: 'Launched',
};

const createEvent = (entity: Entity = offering): EventToPublish => ({
  api: 'TMF620',
  eventType: 'ProductOfferingCreateEvent',
  resource: 'productOffering',
  entity,
});

interface Call {
  readonly url: string;
  readonly subscriber: string;
  readonly body: Record<string, unknown>;
}

/** A sender that records every attempt and fails the first `failures` of them. */
function recordingSender(failures = 0): { send: EventSender; calls: Call[] } {
  const calls: Call[] = [];
  const send: EventSender = async (url, subscriber, body) => {
    calls.push({ url, subscriber, body });
    if (calls.length <= failures) throw new Error(`listener down (attempt ${calls.length})`);
  };
  return { send, calls };
}

async function subscribe(store: Store<BaseData>, query = '', id = 'hub-1'): Promise<void> {
  await store.update((draft) => {
    draft.subscriptions.push({ id, api: 'TMF620', callback: CALLBACK, query, subscriber: 'partner-a' });
  });
}

const publish = (store: Store<BaseData>, notifier: Notifier, ...events: EventToPublish[]) =>
  store.update((draft) => {
    for (const event of events) notifier.enqueue(draft, NOW, event);
  });

describe('hubRouter', () => {
  let store: Store<BaseData>;
  let app: RunningApp;
  const credentials: readonly Credential[] = [
    { apiKey: 'key-a', party: 'partner-a', bundle: 'any' },
    { apiKey: 'key-b', party: 'partner-b', bundle: 'any' },
    { apiKey: 'key-harness', party: HARNESS_PARTY, bundle: HARNESS_BUNDLE },
  ];
  const send = (method: string, path: string, key: string, body?: unknown) => call(app.baseUrl, method, path, { key, body });

  beforeEach(async () => {
    store = await openStore();
    const web = jsonApp();
    web.use(
      authenticate((key) => credentials.find((c) => c.apiKey === key)),
      hubRouter('TMF620', store),
    );
    web.use(tmfErrorHandler);
    app = await startApp(web);
  });
  afterEach(async () => {
    await app.close();
  });

  it('POST /hub answers 201 with id, callback and query, and stores the subscriber', async () => {
    const res = await send('POST', '/hub', 'key-a', { callback: CALLBACK, query: 'eventType=ProductOfferingCreateEvent' });
    assert.equal(res.status, 201);
    assert.equal(typeof res.body.id, 'string');
    assert.deepEqual(res.body, { id: res.body.id, callback: CALLBACK, query: 'eventType=ProductOfferingCreateEvent' });
    assert.deepEqual(store.data.subscriptions, [
      { id: res.body.id, api: 'TMF620', callback: CALLBACK, query: 'eventType=ProductOfferingCreateEvent', subscriber: 'partner-a' },
    ]);
  });

  it('is idempotent: the same callback and query again is the same subscription (201, then 200); the query defaults to empty', async () => {
    const first = await send('POST', '/hub', 'key-a', { callback: CALLBACK });
    const again = await send('POST', '/hub', 'key-a', { callback: CALLBACK, query: '' });
    assert.equal(first.status, 201);
    assert.equal(first.body.query, '');
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
    const otherQuery = await send('POST', '/hub', 'key-a', { callback: CALLBACK, query: 'eventType=ProductOfferingCreateEvent' });
    const otherParty = await send('POST', '/hub', 'key-b', { callback: CALLBACK });
    assert.equal(otherQuery.status, 201);
    assert.equal(otherParty.status, 201);
    assert.equal(new Set([first.body.id, otherQuery.body.id, otherParty.body.id]).size, 3);
    assert.equal(store.data.subscriptions.length, 3);
  });

  it('refuses a callback that is not an absolute URL with 400', async () => {
    const res = await send('POST', '/hub', 'key-a', { callback: 'not a url' });
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'FLOW_RULE');
    assert.deepEqual(store.data.subscriptions, []);
  });

  it('DELETE /hub/{id} answers 204 and removes the subscription; again or unknown → 404', async () => {
    const { body } = await send('POST', '/hub', 'key-a', { callback: CALLBACK });
    const res = await send('DELETE', `/hub/${body.id}`, 'key-a');
    assert.equal(res.status, 204);
    assert.deepEqual(store.data.subscriptions, []);
    const again = await send('DELETE', `/hub/${body.id}`, 'key-a');
    assert.equal(again.status, 404);
    assert.equal(again.body['@type'], 'Error');
    assert.equal((await send('DELETE', '/hub/unknown', 'key-a')).status, 404);
  });

  it('lets only the subscriber (or the harness) delete a subscription', async () => {
    const { body } = await send('POST', '/hub', 'key-a', { callback: CALLBACK });
    assert.equal((await send('DELETE', `/hub/${body.id}`, 'key-b')).status, 404);
    assert.equal(store.data.subscriptions.length, 1);
    assert.equal((await send('DELETE', `/hub/${body.id}`, 'key-harness')).status, 204);
  });
});

describe('Notifier', () => {
  it("dates the change it announces: an actor's own update gets lastUpdate where the resource has one, in the store and the event", async () => {
    const store = await openStore();
    await subscribe(store);
    const { send, calls } = recordingSender();
    const notifier = new Notifier(store, 'csp', send, FAST);
    const changedAt = new Date('2026-02-03T10:00:00.000Z');
    await store.update((draft) => {
      const offerings = collection(draft, 'TMF620', 'productOffering');
      offerings.push({ ...offering, lastUpdate: NOW.toISOString() });
      offerings[0] = { ...offerings[0], lifecycleStatus: 'Retired' };
      notifier.enqueue(draft, changedAt, { api: 'TMF620', eventType: 'ProductOfferingStateChangeEvent', resource: 'productOffering', entity: offerings[0] });
      // A product order has no lastUpdate in its official schema: nothing is added to it.
      collection(draft, 'TMF622', 'productOrder').push({ id: 'o-1', href: '/o-1', '@type': 'ProductOrder', state: 'completed', productOrderItem: [] });
      notifier.enqueue(draft, changedAt, {
        api: 'TMF622',
        eventType: 'ProductOrderStateChangeEvent',
        resource: 'productOrder',
        entity: collection(draft, 'TMF622', 'productOrder')[0],
      });
    });
    await notifier.drain();
    assert.equal(items(store.data, 'TMF620', 'productOffering')[0].lastUpdate, changedAt.toISOString());
    assert.equal((calls[0].body.event as { productOffering: Entity }).productOffering.lastUpdate, changedAt.toISOString());
    assert.equal('lastUpdate' in items(store.data, 'TMF622', 'productOrder')[0], false);
  });

  it('delivers an event to <callback>/listener/<eventName> with a valid TMF envelope', async () => {
    const store = await openStore();
    await subscribe(store);
    const { send, calls } = recordingSender();
    const notifier = new Notifier(store, 'csp', send, FAST);
    await publish(store, notifier, createEvent());
    await notifier.drain();

    assert.equal(calls.length, 1);
    const [{ url, subscriber, body }] = calls;
    assert.equal(url, `${CALLBACK}/listener/productOfferingCreateEvent`);
    assert.equal(subscriber, 'partner-a');
    assert.equal(typeof body.eventId, 'string');
    assert.match(body.eventId as string, /^csp-/);
    assert.equal(body.eventTime, NOW.toISOString());
    assert.equal(body.eventType, 'ProductOfferingCreateEvent');
    assert.deepEqual(body.event, { productOffering: { ...offering, lastUpdate: NOW.toISOString() } });
    assert.deepEqual(validateEvent(body, 'request'), []);
    assert.deepEqual(
      store.data.outbox.map((e) => [e.state, e.attempts]),
      [['delivered', 1]],
    );
  });

  it('gives every event its own id and delivers events in order', async () => {
    const store = await openStore();
    await subscribe(store);
    const { send, calls } = recordingSender();
    const notifier = new Notifier(store, 'csp', send, FAST);
    const second = { ...offering, id: 'po-2' };
    await publish(store, notifier, createEvent(), createEvent(second));
    await notifier.drain();
    assert.deepEqual(
      calls.map((c) => (c.body.event as { productOffering: Entity }).productOffering.id),
      ['po-1', 'po-2'],
    );
    assert.notEqual(calls[0].body.eventId, calls[1].body.eventId);
  });

  it('keeps a callback with a trailing slash from doubling it', async () => {
    const store = await openStore();
    await store.update((draft) => {
      draft.subscriptions.push({ id: 'hub-1', api: 'TMF620', callback: `${CALLBACK}/`, query: '', subscriber: 'partner-a' });
    });
    const { send, calls } = recordingSender();
    const notifier = new Notifier(store, 'csp', send, FAST);
    await publish(store, notifier, createEvent());
    await notifier.drain();
    assert.equal(calls[0].url, `${CALLBACK}/listener/productOfferingCreateEvent`);
  });

  it('enqueues nothing without a subscription to that API', async () => {
    const store = await openStore();
    await store.update((draft) => {
      draft.subscriptions.push({ id: 'hub-1', api: 'TMF622', callback: CALLBACK, query: '', subscriber: 'partner-a' });
    });
    const notifier = new Notifier(store, 'csp', recordingSender().send, FAST);
    await publish(store, notifier, createEvent());
    assert.deepEqual(store.data.outbox, []);
  });

  it('writes the event with the change: an update that throws leaves no event in the outbox', async () => {
    const store = await openStore();
    await subscribe(store);
    const notifier = new Notifier(store, 'csp', recordingSender().send, FAST);
    await assert.rejects(
      store.update((draft) => {
        notifier.enqueue(draft, NOW, createEvent());
        throw new Error('domain rule refused');
      }),
    );
    assert.deepEqual(store.data.outbox, []);
  });

  it('retries a failing listener: failing twice, it gets the event on the 3rd attempt', async () => {
    const store = await openStore();
    await subscribe(store);
    const { send, calls } = recordingSender(2);
    const notifier = new Notifier(store, 'csp', send, FAST);
    await publish(store, notifier, createEvent());
    await notifier.drain();
    assert.equal(calls.length, 3);
    assert.deepEqual(calls[2].body, calls[0].body, 'a retry sends the same event (same eventId)');
    const [entry] = store.data.outbox;
    assert.equal(entry.state, 'delivered');
    assert.equal(entry.attempts, 3);
    assert.equal(entry.lastError, undefined);
  });

  it('keeps an event whose listener is down past the burst pending, and delivers it once simulated time reaches the retry', async () => {
    const store = await openStore();
    await subscribe(store);
    let up = false;
    const calls: string[] = [];
    const notifier = new Notifier(
      store,
      'csp',
      async (_url, _sub, body) => {
        calls.push(String(body.eventId));
        if (!up) throw new Error('connect ECONNREFUSED');
      },
      { burst: 2, burstDelayMs: 1, timeoutMs: 100, baseDelayMs: MINUTE },
    );
    await publish(store, notifier, createEvent());
    await notifier.drain();
    const [waiting] = store.data.outbox;
    assert.equal(waiting.state, 'pending', 'drain does not wait for a retry due later in simulated time');
    assert.equal(waiting.attempts, 2);
    assert.equal(waiting.lastError, 'connect ECONNREFUSED');
    const due = Date.parse(waiting.nextAttemptAt) - Date.parse(store.data.clock);
    assert.ok(due >= MINUTE / 2 && due <= MINUTE, `first backoff ${due} ms is within [base/2, base]`);
    up = true;
    await store.update((draft) => {
      draft.clock = new Date(Date.parse(draft.clock) + MINUTE / 4).toISOString();
    });
    await notifier.drain();
    assert.equal(store.data.outbox[0].state, 'pending', 'not yet due: not tried again');
    assert.equal(calls.length, 2);
    await store.update((draft) => {
      draft.clock = waiting.nextAttemptAt;
    });
    await notifier.drain();
    assert.equal(store.data.outbox[0].state, 'delivered');
    assert.equal(calls.length, 3);
  });

  it('backs off exponentially with seeded jitter, the same schedule on every run, and dead-letters at the horizon', async () => {
    const schedule = async (seed: number) => {
      const store = await openStore();
      await subscribe(store);
      const notifier = new Notifier(
        store,
        'csp',
        async () => {
          throw new Error('HTTP 503 from listener');
        },
        { burst: 1, timeoutMs: 100, baseDelayMs: MINUTE, maxDelayMs: 16 * MINUTE, horizonMs: 60 * MINUTE, seed },
      );
      await publish(store, notifier, createEvent());
      const delays: number[] = [];
      for (let round = 0; round < 50 && store.data.outbox[0].state === 'pending'; round++) {
        await notifier.drain();
        const entry = store.data.outbox[0];
        if (entry.state !== 'pending') break;
        delays.push(Date.parse(entry.nextAttemptAt) - Date.parse(store.data.clock));
        await store.update((draft) => {
          draft.clock = entry.nextAttemptAt;
        });
      }
      return { delays, entry: store.data.outbox[0], store };
    };
    const first = await schedule(7);
    const again = await schedule(7);
    const other = await schedule(8);
    assert.deepEqual(again.delays, first.delays, 'same seed, same retries');
    assert.notDeepEqual(other.delays, first.delays, 'the seed drives the jitter');
    // Rounds 1–5: within [c/2, c] for c = 1, 2, 4, 8, 16 minutes (capped at 16).
    first.delays.slice(0, 5).forEach((delay, i) => {
      const ceiling = Math.min(16, 2 ** i) * MINUTE;
      assert.ok(delay >= ceiling / 2 && delay <= ceiling, `round ${i + 1}: ${delay} within [${ceiling / 2}, ${ceiling}]`);
    });
    assert.equal(first.entry.state, 'dead');
    assert.equal(first.entry.lastError, 'HTTP 503 from listener');
    assert.equal(Date.parse(first.store.data.clock) - Date.parse(first.entry.owedAt), 60 * MINUTE, 'the last try falls on the horizon');
  });

  it('dead-letters an event without holding up the ones behind it, and redelivers it on request', async () => {
    const store = await openStore();
    await subscribe(store);
    let failCreate = true;
    const calls: string[] = [];
    const notifier = new Notifier(
      store,
      'csp',
      async (_url, _sub, body) => {
        calls.push(String(body.eventType));
        if (failCreate && body.eventType === 'ProductOfferingCreateEvent') throw new Error('HTTP 503 from listener');
      },
      { burst: 1, timeoutMs: 100, horizonMs: 0 },
    );
    await publish(store, notifier, createEvent(), { ...createEvent(), eventType: 'ProductOfferingDeleteEvent' });
    await notifier.drain();
    assert.deepEqual(
      store.data.outbox.map((e) => [e.body.eventType, e.state, e.lastError]),
      [
        ['ProductOfferingCreateEvent', 'dead', 'HTTP 503 from listener'],
        ['ProductOfferingDeleteEvent', 'delivered', undefined],
      ],
    );
    failCreate = false;
    const revived = await store.update((draft) => notifier.redeliver(draft, new Date(draft.clock)));
    assert.deepEqual(revived, [store.data.outbox[0].eventId]);
    await notifier.drain();
    assert.equal(store.data.outbox[0].state, 'delivered');
    assert.deepEqual(calls, ['ProductOfferingCreateEvent', 'ProductOfferingDeleteEvent', 'ProductOfferingCreateEvent']);
  });

  it('gives every subscription its own queue: a hanging listener delays no other subscriber beyond the patience', async () => {
    const store = await openStore();
    await subscribe(store, '', 'hub-hanging');
    await subscribe(store, '', 'hub-fine');
    const delivered: string[] = [];
    const notifier = new Notifier(
      store,
      'csp',
      (_url, _sub, body, timeoutMs) => {
        if (store.data.outbox.find((e) => e.eventId === body.eventId)?.subscriptionId === 'hub-hanging') {
          return new Promise((_resolve, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs));
        }
        delivered.push(String(body.eventType));
        return Promise.resolve();
      },
      { burst: 1, timeoutMs: 400, patienceMs: 20 },
    );
    await publish(store, notifier, createEvent(), { ...createEvent(), eventType: 'ProductOfferingDeleteEvent' });
    const draining = notifier.drain();
    const fine = () => store.data.outbox.filter((e) => e.subscriptionId === 'hub-fine' && e.state === 'delivered').length;
    for (let i = 0; i < 100 && fine() < 2; i++) await sleep(2);
    assert.equal(fine(), 2, 'the other subscriber got both events while the first listener still hung');
    assert.equal(store.data.outbox.find((e) => e.subscriptionId === 'hub-hanging')?.attempts, 0, 'the hanging try is still in flight');
    await draining;
    assert.deepEqual(
      store.data.outbox.filter((e) => e.subscriptionId === 'hub-hanging').map((e) => [e.state, e.attempts, e.lastError]),
      [
        ['pending', 1, 'timed out'],
        ['pending', 0, undefined],
      ],
    );
  });

  it('with a larger retention, prunes in batches: never past a quarter more than it keeps, the newest kept', async () => {
    const store = await openStore();
    await subscribe(store);
    const notifier = new Notifier(store, 'csp', recordingSender().send, { ...FAST, retainDelivered: 8 });
    const delivered = () => store.data.outbox.filter((e) => e.state === 'delivered');
    const sizes: number[] = [];
    for (let i = 0; i < 40; i++) {
      await publish(store, notifier, createEvent({ ...offering, id: `po-${i}` }));
      await notifier.drain();
      sizes.push(delivered().length);
    }
    assert.ok(Math.max(...sizes) <= 8 + 2, `at most 10 delivered entries kept: ${sizes}`);
    assert.ok(Math.min(...sizes.slice(8)) >= 8, `at least 8 once 8 were delivered: ${sizes}`);
    assert.ok(new Set(sizes.slice(8)).size > 1, `pruned in batches, not at every delivery: ${sizes}`);
    const ids = delivered().map((e) => (e.body.event as { productOffering: Entity }).productOffering.id);
    assert.equal(ids.at(-1), 'po-39', 'the newest is kept');
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => Number(a.slice(3)) - Number(b.slice(3))),
      'oldest first',
    );
  });

  it('prunes delivered entries beyond the retention, never pending ones', async () => {
    const store = await openStore();
    await subscribe(store);
    const notifier = new Notifier(store, 'csp', recordingSender().send, { ...FAST, retainDelivered: 2 });
    for (let i = 0; i < 5; i++) await publish(store, notifier, createEvent({ ...offering, id: `po-${i}` }));
    await notifier.drain();
    assert.deepEqual(
      store.data.outbox.map((e) => [(e.body.event as { productOffering: Entity }).productOffering.id, e.state]),
      [
        ['po-3', 'delivered'],
        ['po-4', 'delivered'],
      ],
    );
  });

  it("sends only the events a subscription's query asks for", async () => {
    const store = await openStore();
    await subscribe(store, 'eventType=ProductOfferingAttributeValueChangeEvent', 'hub-changes');
    await subscribe(store, 'eventType=ProductOfferingCreateEvent,ProductOfferingDeleteEvent', 'hub-lifecycle');
    await subscribe(store, 'event.productOffering.lifecycleStatus=Retired', 'hub-retired');
    const { send, calls } = recordingSender();
    const notifier = new Notifier(store, 'csp', send, FAST);
    const retired = { ...offering, lifecycleStatus: 'Retired' };
    await publish(store, notifier, createEvent(), {
      ...createEvent(retired),
      eventType: 'ProductOfferingAttributeValueChangeEvent',
      fieldPath: ['lifecycleStatus'],
    });
    await notifier.drain();
    assert.deepEqual(
      store.data.outbox.map((e) => [e.subscriptionId, e.body.eventType]),
      [
        ['hub-lifecycle', 'ProductOfferingCreateEvent'],
        ['hub-changes', 'ProductOfferingAttributeValueChangeEvent'],
        ['hub-retired', 'ProductOfferingAttributeValueChangeEvent'],
      ],
    );
    assert.equal(calls.length, 3);
    assert.equal(calls[1].body.fieldPath, 'lifecycleStatus');
  });

  it('delivers after a restart what was still pending', async () => {
    const store = await openStore();
    await subscribe(store);
    const before = new Notifier(store, 'csp', recordingSender().send, FAST);
    await publish(store, before, createEvent());
    // The first notifier is never kicked: as if the process stopped right after the update.
    const { send, calls } = recordingSender();
    await new Notifier(store, 'csp', send, FAST).drain();
    assert.equal(calls.length, 1);
    assert.equal(store.data.outbox[0].state, 'delivered');
  });
});

describe('matchesQuery', () => {
  const body = { eventType: 'ProductOrderStateChangeEvent', event: { productOrder: { state: 'completed', relatedParty: [{ id: 'p-1' }, { id: 'p-2' }] } } };

  it('matches everything with an empty query', () => {
    assert.equal(matchesQuery('', body), true);
  });

  it('matches eventType with comma as OR', () => {
    assert.equal(matchesQuery('eventType=ProductOrderStateChangeEvent', body), true);
    assert.equal(matchesQuery('eventType=ProductOrderCreateEvent', body), false);
    assert.equal(matchesQuery('eventType=ProductOrderCreateEvent,ProductOrderStateChangeEvent', body), true);
  });

  it('matches dotted paths into the event, through arrays, and requires every condition', () => {
    assert.equal(matchesQuery('event.productOrder.state=completed', body), true);
    assert.equal(matchesQuery('event.productOrder.relatedParty.id=p-2', body), true);
    assert.equal(matchesQuery('eventType=ProductOrderStateChangeEvent&event.productOrder.state=failed', body), false);
  });

  it("reads as a list's filters: a repeated parameter is any of its values, an operator compares, dates as instants", () => {
    const dated = { ...body, eventTime: '2026-01-10T00:00:00.000Z' };
    assert.equal(matchesQuery('eventType=ProductOrderCreateEvent&eventType=ProductOrderStateChangeEvent', dated), true);
    assert.equal(matchesQuery('eventTime.gt=2026-01-01T00:00:00Z', dated), true);
    assert.equal(matchesQuery('eventTime.lt=2026-01-01T00:00:00Z', dated), false);
    assert.equal(matchesQuery('eventTime=2026-01-10T00:00:00Z', dated), true);
    assert.equal(matchesQuery('event.productOrder.state.ne=failed', dated), true);
  });
});

describe('listenerRouter', () => {
  let store: Store<BaseData>;
  let app: RunningApp;
  let handled: EventEnvelope[];
  let failuresLeft: number;
  /** When set, the handler waits for it: a handling that takes a while. */
  let hold: Promise<void> | undefined;
  let entered: string[];

  const envelope = (eventId: string, overrides: Record<string, unknown> = {}) => ({
    eventId,
    eventTime: NOW.toISOString(),
    eventType: 'ProductOfferingCreateEvent',
    event: { productOffering: offering },
    ...overrides,
  });
  const deliver = (body: unknown, name = 'productOfferingCreateEvent', key = 'key-a') => call(app.baseUrl, 'POST', `/listener/${name}`, { body, key });
  const senders: readonly Credential[] = [
    { apiKey: 'key-a', party: 'partner-a', bundle: 'any' },
    { apiKey: 'key-b', party: 'partner-b', bundle: 'any' },
  ];

  beforeEach(async () => {
    store = await openStore();
    handled = [];
    failuresLeft = 0;
    hold = undefined;
    entered = [];
    const web = jsonApp();
    web.use(authenticate((key) => senders.find((c) => c.apiKey === key)));
    // This listener subscribed to partner-a's TMF620 events only.
    web.use(
      listenerRouter(
        store,
        {
          ProductOfferingCreateEvent: async (event) => {
            entered.push(event.eventId);
            await hold;
            if (failuresLeft > 0) {
              failuresLeft--;
              throw new Error('handler failed');
            }
            handled.push(event);
          },
        },
        (party, api) => party === 'partner-a' && api === 'TMF620',
      ),
    );
    web.use(tmfErrorHandler);
    app = await startApp(web);
  });
  afterEach(async () => {
    await app.close();
  });

  it('refuses (403) an event from a party it did not subscribe to, or of an API it did not subscribe to, and changes nothing', async () => {
    const forged = await deliver(envelope('evt-forged'), 'productOfferingCreateEvent', 'key-b');
    assert.equal(forged.status, 403);
    assert.equal(forged.body['@type'], 'Error');
    const otherApi = await deliver(
      { ...envelope('evt-other'), eventType: 'ProductOrderCreateEvent', event: { productOrder: { id: 'o-1' } } },
      'productOrderCreateEvent',
    );
    assert.equal(otherApi.status, 403);
    const unauthenticated = await call(app.baseUrl, 'POST', '/listener/productOfferingCreateEvent', { body: envelope('evt-anon') });
    assert.equal(unauthenticated.status, 401);
    assert.deepEqual(entered, []);
    assert.deepEqual(store.data.seenEvents, []);
  });

  it('hands an event to its handler once, however often it is delivered', async () => {
    assert.equal((await deliver(envelope('evt-1'))).status, 204);
    assert.equal((await deliver(envelope('evt-1'))).status, 204);
    assert.deepEqual(
      handled.map((e) => e.eventId),
      ['evt-1'],
    );
    assert.deepEqual(handled[0].event, { productOffering: offering });
    assert.equal((await deliver(envelope('evt-2'))).status, 204);
    assert.deepEqual(
      handled.map((e) => e.eventId),
      ['evt-1', 'evt-2'],
    );
  });

  it('hands an event to its handler once when a retry arrives while the first delivery is being handled', async () => {
    // A sender that timed out retries while the listener is still handling the first delivery.
    let release = () => {};
    hold = new Promise((resolve) => {
      release = resolve;
    });
    const first = deliver(envelope('evt-1'));
    while (entered.length === 0) await sleep(1);
    const retry = deliver(envelope('evt-1'));
    await sleep(100);
    release();
    const both = await Promise.all([first, retry]);
    assert.deepEqual(
      both.map((r) => r.status),
      [204, 204],
    );
    assert.deepEqual(entered, ['evt-1']);
    assert.deepEqual(
      handled.map((e) => e.eventId),
      ['evt-1'],
    );
    assert.deepEqual(store.data.seenEvents, ['evt-1']);
  });

  it('acknowledges no delivery of an event whose handling failed, so that the sender sends it again', async () => {
    let release = () => {};
    hold = new Promise((resolve) => {
      release = resolve;
    });
    failuresLeft = 1;
    const first = deliver(envelope('evt-1'));
    while (entered.length === 0) await sleep(1);
    const retry = deliver(envelope('evt-1'));
    await sleep(100);
    release();
    const statuses = (await Promise.all([first, retry])).map((r) => r.status);
    assert.equal(statuses[0], 500);
    if (statuses[1] === 204)
      assert.deepEqual(
        handled.map((e) => e.eventId),
        ['evt-1'],
        'a 204 means the event was handled',
      );
    assert.equal((await deliver(envelope('evt-1'))).status, 204);
    assert.deepEqual(
      handled.map((e) => e.eventId),
      ['evt-1'],
    );
    assert.deepEqual(store.data.seenEvents, ['evt-1']);
  });

  it('refuses an envelope without eventId with 400, without handling it', async () => {
    const { eventId: _dropped, ...body } = envelope('evt-1');
    const res = await deliver(body);
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'FLOW_RULE');
    assert.match(res.body.message, /eventId/);
    assert.deepEqual(handled, []);
  });

  it('refuses an event posted to the listener of another event type with 400', async () => {
    const res = await deliver(envelope('evt-1'), 'productOfferingDeleteEvent');
    assert.equal(res.status, 400);
    assert.deepEqual(handled, []);
    assert.deepEqual(store.data.seenEvents, []);
  });

  it('answers 500 when the handler throws and does not mark the event seen, so a retry is handled', async () => {
    failuresLeft = 1;
    const failed = await deliver(envelope('evt-1'));
    assert.equal(failed.status, 500);
    assert.equal(failed.body['@type'], 'Error');
    assert.deepEqual(store.data.seenEvents, []);
    assert.equal((await deliver(envelope('evt-1'))).status, 204);
    assert.deepEqual(
      handled.map((e) => e.eventId),
      ['evt-1'],
    );
    assert.deepEqual(store.data.seenEvents, ['evt-1']);
  });

  it('accepts what the Notifier sends, retrying until the handler succeeds', async () => {
    const provider = await openStore();
    await provider.update((draft) => {
      draft.subscriptions.push({ id: 'hub-1', api: 'TMF620', callback: app.baseUrl, query: '', subscriber: 'partner-a' });
    });
    const overHttp: EventSender = async (url, _subscriber, body) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer key-a' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    };
    const notifier = new Notifier(provider, 'csp', overHttp, FAST);
    failuresLeft = 1;
    await publish(provider, notifier, createEvent());
    await notifier.drain();
    assert.equal(handled.length, 1);
    assert.deepEqual(handled[0].event, { productOffering: { ...offering, lastUpdate: NOW.toISOString() } });
    assert.deepEqual(
      provider.data.outbox.map((e) => [e.state, e.attempts]),
      [['delivered', 2]],
    );
  });
});
