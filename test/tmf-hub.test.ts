import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Store } from '../core/store.ts';
import { authenticate, HARNESS_BUNDLE, HARNESS_PARTY, type Credential } from '../tmf/auth.ts';
import { baseData, type BaseData, type Entity } from '../tmf/data.ts';
import { tmfErrorHandler } from '../tmf/errors.ts';
import { hubRouter, listenerRouter, type EventEnvelope } from '../tmf/hub.ts';
import { matchesQuery, Notifier, type DeliveryPolicy, type EventSender, type EventToPublish } from '../tmf/notifier.ts';
import { validateEvent } from '../tmf/schemas/index.ts';
import { call, jsonApp, startApp, type RunningApp } from './support/http-app.ts';

const START = new Date('2026-01-01T08:00:00.000Z');
const NOW = new Date('2026-01-05T12:30:00.000Z');
const CALLBACK = 'http://listener.test/partner-a';
const FAST: DeliveryPolicy = { attempts: 5, baseDelayMs: 1, timeoutMs: 100 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const openStore = () => Store.open<BaseData>({ kind: 'memory' }, () => baseData(START));

const offering: Entity = { id: 'po-1', href: '/tmf-api/productCatalogManagement/v4/productOffering/po-1', '@type': 'ProductOffering', name: '5 GB', lifecycleStatus: 'Launched' };

const createEvent = (entity: Entity = offering): EventToPublish =>
  ({ api: 'TMF620', eventType: 'ProductOfferingCreateEvent', resource: 'productOffering', entity });

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
  store.update((draft) => events.forEach((event) => notifier.enqueue(draft, NOW, event)));

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
    web.use(authenticate((key) => credentials.find((c) => c.apiKey === key)), hubRouter('TMF620', store));
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

  it('gives each subscription its own id and defaults the query to empty', async () => {
    const first = await send('POST', '/hub', 'key-a', { callback: CALLBACK });
    const second = await send('POST', '/hub', 'key-a', { callback: CALLBACK });
    assert.equal(first.body.query, '');
    assert.notEqual(first.body.id, second.body.id);
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
    assert.deepEqual(body.event, { productOffering: offering });
    assert.deepEqual(validateEvent(body, 'request'), []);
    assert.deepEqual(store.data.outbox.map((e) => [e.state, e.attempts]), [['delivered', 1]]);
  });

  it('gives every event its own id and delivers events in order', async () => {
    const store = await openStore();
    await subscribe(store);
    const { send, calls } = recordingSender();
    const notifier = new Notifier(store, 'csp', send, FAST);
    const second = { ...offering, id: 'po-2' };
    await publish(store, notifier, createEvent(), createEvent(second));
    await notifier.drain();
    assert.deepEqual(calls.map((c) => (c.body.event as { productOffering: Entity }).productOffering.id), ['po-1', 'po-2']);
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
    await assert.rejects(store.update((draft) => {
      notifier.enqueue(draft, NOW, createEvent());
      throw new Error('domain rule refused');
    }));
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

  it('backs off exponentially between attempts', async () => {
    const store = await openStore();
    await subscribe(store);
    const { send } = recordingSender(2);
    const notifier = new Notifier(store, 'csp', send, { attempts: 3, baseDelayMs: 40, timeoutMs: 100 });
    await publish(store, notifier, createEvent());
    const started = performance.now();
    await notifier.drain();
    // 40 ms after the 1st failure, 80 ms after the 2nd.
    assert.ok(performance.now() - started >= 115, `took only ${performance.now() - started} ms`);
  });

  it('gives up after `attempts` tries, leaving the entry failed with the last error, and moves on', async () => {
    const store = await openStore();
    await subscribe(store);
    const calls: string[] = [];
    const notifier = new Notifier(store, 'csp', async (_url, _sub, body) => {
      calls.push(String(body.eventType));
      if (body.eventType === 'ProductOfferingCreateEvent') throw new Error(`HTTP 503 from listener (try ${calls.length})`);
    }, { attempts: 3, baseDelayMs: 1, timeoutMs: 100 });
    await publish(store, notifier, createEvent(), { ...createEvent(), eventType: 'ProductOfferingDeleteEvent' });
    await notifier.drain();
    assert.deepEqual(calls, ['ProductOfferingCreateEvent', 'ProductOfferingCreateEvent', 'ProductOfferingCreateEvent', 'ProductOfferingDeleteEvent']);
    const [failed, delivered] = store.data.outbox;
    assert.equal(failed.state, 'failed');
    assert.equal(failed.attempts, 3);
    assert.equal(failed.lastError, 'HTTP 503 from listener (try 3)');
    assert.equal(delivered.state, 'delivered');
  });

  it('sends only the events a subscription\'s query asks for', async () => {
    const store = await openStore();
    await subscribe(store, 'eventType=ProductOfferingAttributeValueChangeEvent', 'hub-changes');
    await subscribe(store, 'eventType=ProductOfferingCreateEvent,ProductOfferingDeleteEvent', 'hub-lifecycle');
    await subscribe(store, 'event.productOffering.lifecycleStatus=Retired', 'hub-retired');
    const { send, calls } = recordingSender();
    const notifier = new Notifier(store, 'csp', send, FAST);
    const retired = { ...offering, lifecycleStatus: 'Retired' };
    await publish(store, notifier,
      createEvent(),
      { ...createEvent(retired), eventType: 'ProductOfferingAttributeValueChangeEvent', fieldPath: ['lifecycleStatus'] });
    await notifier.drain();
    assert.deepEqual(store.data.outbox.map((e) => [e.subscriptionId, e.body.eventType]), [
      ['hub-lifecycle', 'ProductOfferingCreateEvent'],
      ['hub-changes', 'ProductOfferingAttributeValueChangeEvent'],
      ['hub-retired', 'ProductOfferingAttributeValueChangeEvent'],
    ]);
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
    eventId, eventTime: NOW.toISOString(), eventType: 'ProductOfferingCreateEvent', event: { productOffering: offering }, ...overrides,
  });
  const deliver = (body: unknown, name = 'productOfferingCreateEvent') => call(app.baseUrl, 'POST', `/listener/${name}`, { body });

  beforeEach(async () => {
    store = await openStore();
    handled = [];
    failuresLeft = 0;
    hold = undefined;
    entered = [];
    const web = jsonApp();
    web.use(listenerRouter(store, {
      ProductOfferingCreateEvent: async (event) => {
        entered.push(event.eventId);
        await hold;
        if (failuresLeft > 0) {
          failuresLeft--;
          throw new Error('handler failed');
        }
        handled.push(event);
      },
    }));
    web.use(tmfErrorHandler);
    app = await startApp(web);
  });
  afterEach(async () => {
    await app.close();
  });

  it('hands an event to its handler once, however often it is delivered', async () => {
    assert.equal((await deliver(envelope('evt-1'))).status, 204);
    assert.equal((await deliver(envelope('evt-1'))).status, 204);
    assert.deepEqual(handled.map((e) => e.eventId), ['evt-1']);
    assert.deepEqual(handled[0].event, { productOffering: offering });
    assert.equal((await deliver(envelope('evt-2'))).status, 204);
    assert.deepEqual(handled.map((e) => e.eventId), ['evt-1', 'evt-2']);
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
    assert.deepEqual(both.map((r) => r.status), [204, 204]);
    assert.deepEqual(entered, ['evt-1']);
    assert.deepEqual(handled.map((e) => e.eventId), ['evt-1']);
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
    if (statuses[1] === 204) assert.deepEqual(handled.map((e) => e.eventId), ['evt-1'], 'a 204 means the event was handled');
    assert.equal((await deliver(envelope('evt-1'))).status, 204);
    assert.deepEqual(handled.map((e) => e.eventId), ['evt-1']);
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
    assert.deepEqual(handled.map((e) => e.eventId), ['evt-1']);
    assert.deepEqual(store.data.seenEvents, ['evt-1']);
  });

  it('accepts what the Notifier sends, retrying until the handler succeeds', async () => {
    const provider = await openStore();
    await provider.update((draft) => {
      draft.subscriptions.push({ id: 'hub-1', api: 'TMF620', callback: app.baseUrl, query: '', subscriber: 'partner-a' });
    });
    const overHttp: EventSender = async (url, _subscriber, body) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    };
    const notifier = new Notifier(provider, 'csp', overHttp, FAST);
    failuresLeft = 1;
    await publish(provider, notifier, createEvent());
    await notifier.drain();
    assert.equal(handled.length, 1);
    assert.deepEqual(handled[0].event, { productOffering: offering });
    assert.deepEqual(provider.data.outbox.map((e) => [e.state, e.attempts]), [['delivered', 2]]);
  });
});
