import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { SimulatedClock } from '../core/clock.ts';
import { Store } from '../core/store.ts';
import type { InPlace } from '../core/in-place.ts';
import { basePath, type ApiId } from '../tmf/apis.ts';
import { authenticate, HARNESS_BUNDLE, HARNESS_PARTY, requireGrant, type Bundle, type Credential } from '../tmf/auth.ts';
import { baseData, items, type BaseData, type Entity } from '../tmf/data.ts';
import { conflict, tmfErrorHandler } from '../tmf/errors.ts';
import { Notifier } from '../tmf/notifier.ts';
import { resourceRouter } from '../tmf/resource.ts';
import { call, jsonApp, startApp, type JsonResponse, type RunningApp } from './support/http-app.ts';

const START = new Date('2026-01-01T08:00:00.000Z');
const OFFERINGS = `${basePath('TMF620')}/productOffering`;
const CATALOGS = `${basePath('TMF620')}/catalog`;
const ORDERS = `${basePath('TMF622')}/productOrder`;
const CALLBACK = 'http://listener.test/callback';

const KEYS = { a: 'key-partner-a', b: 'key-partner-b', reader: 'key-reader', billing: 'key-billing', harness: 'key-harness' } as const;

const CREDENTIALS: readonly Credential[] = [
  { apiKey: KEYS.a, party: 'partner-a', bundle: 'commerce' },
  { apiKey: KEYS.b, party: 'partner-b', bundle: 'commerce' },
  { apiKey: KEYS.reader, party: 'partner-c', bundle: 'catalog-read' },
  { apiKey: KEYS.billing, party: 'partner-d', bundle: 'billing' },
  { apiKey: KEYS.harness, party: HARNESS_PARTY, bundle: HARNESS_BUNDLE },
];

const BUNDLES: ReadonlyMap<string, Bundle> = new Map([
  [
    'commerce',
    {
      name: 'commerce',
      grants: [
        { api: 'TMF620', access: 'write' },
        { api: 'TMF622', access: 'write' },
      ],
    },
  ],
  ['catalog-read', { name: 'catalog-read', grants: [{ api: 'TMF620', access: 'read' }] }],
  ['billing', { name: 'billing', grants: [{ api: 'TMF678', access: 'write' }] }],
]);

const offering = (name: string, extra: Record<string, unknown> = {}) => ({ name, lifecycleStatus: 'Launched', ...extra });
const order = (description: string) => ({ description, productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'po-1' } }] });

interface Sent {
  readonly url: string;
  readonly subscriber: string;
  readonly body: Record<string, unknown>;
}

interface Fixture {
  readonly store: Store<BaseData>;
  readonly notifier: Notifier;
  readonly sent: Sent[];
  readonly app: RunningApp;
  send(method: string, path: string, key: string | undefined, body?: unknown): Promise<JsonResponse>;
}

/**
 * TMF620 offerings (every method) and catalogs (GET and POST only), and TMF622 orders whose create hook
 * sets the state and refuses a description of 'refuse', all behind credentials, as an actor mounts them.
 */
async function startFixture(): Promise<Fixture> {
  const store = await Store.open<BaseData>({ kind: 'memory' }, () => baseData(START));
  const clock = new SimulatedClock(START);
  const sent: Sent[] = [];
  const notifier = new Notifier(
    store,
    'csp',
    async (url, subscriber, body) => {
      sent.push({ url, subscriber, body });
    },
    { burst: 1, burstDelayMs: 1, timeoutMs: 1000 },
  );
  const byKey = new Map(CREDENTIALS.map((c) => [c.apiKey, c]));
  const auth = authenticate((key) => byKey.get(key));
  const guarded = (api: ApiId) => [auth, requireGrant(BUNDLES, api)];

  const app = jsonApp();
  app.use(
    basePath('TMF620'),
    ...guarded('TMF620'),
    resourceRouter({ api: 'TMF620', resource: 'productOffering', store, clock, notifier }),
    resourceRouter({ api: 'TMF620', resource: 'catalog', store, clock, notifier, methods: ['GET', 'POST'] }),
  );
  app.use(
    basePath('TMF622'),
    ...guarded('TMF622'),
    resourceRouter({
      api: 'TMF622',
      resource: 'productOrder',
      store,
      clock,
      notifier,
      hooks: {
        create: (input) => {
          if (input.description === 'refuse') throw conflict('Refused', 'the domain refuses this order');
          return { ...input, state: 'acknowledged' };
        },
        // What a stored order causes (its fulfilment, say) is recorded in the order's own update.
        afterCreate: (created, { draft }) => {
          draft.owedKeys.push(`fulfil:${created.id}`);
        },
      },
    }),
  );
  app.use(tmfErrorHandler);
  const running = await startApp(app);
  return {
    store,
    notifier,
    sent,
    app: running,
    send: (method, path, key, body) => call(running.baseUrl, method, path, { key, body }),
  };
}

/** The TMF error body, with its status as text as TMF630 writes it. */
function assertTmfError(res: JsonResponse, status: number, code?: string): void {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  assert.equal(res.body['@type'], 'Error');
  assert.equal(res.body.status, String(status));
  assert.equal(typeof res.body.reason, 'string');
  assert.equal(typeof res.body.message, 'string');
  if (code) assert.equal(res.body.code, code);
}

const subscribe = (store: Store<BaseData>, api: ApiId) =>
  store.update((draft) => {
    draft.subscriptions.push({ id: `hub-${api}`, api, callback: CALLBACK, query: '', subscriber: 'partner-a' });
  });

/**
 * Holds the store's updates until `count` of them wait, as a slow disk write does on a busy actor:
 * requests that arrive meanwhile have all looked the entity up before any of them changes it.
 */
function holdUpdates(store: Store<BaseData>, count: number): void {
  const update = store.update.bind(store);
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let waiting = 0;
  store.update = <R>(mutate: (draft: BaseData, inPlace: InPlace) => R): Promise<R> => {
    waiting += 1;
    if (waiting === count) release();
    return gate.then(() => update(mutate));
  };
}

const eventTypes = (store: Store<BaseData>) => store.data.outbox.map((e) => e.body.eventType);

describe('resourceRouter (TMF620 productOffering over HTTP)', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(async () => {
    await f.app.close();
  });

  const create = async (name: string, key: string = KEYS.a, extra: Record<string, unknown> = {}) => {
    const res = await f.send('POST', OFFERINGS, key, offering(name, extra));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body as Entity;
  };

  describe('POST', () => {
    it('answers 201 with id, href, @type and a Location header, and stores the entity', async () => {
      const res = await f.send('POST', OFFERINGS, KEYS.a, offering('5 GB data'));
      assert.equal(res.status, 201);
      assert.equal(typeof res.body.id, 'string');
      assert.ok(res.body.id.length > 0);
      assert.equal(res.body.href, `${OFFERINGS}/${res.body.id}`);
      assert.equal(res.body['@type'], 'ProductOffering');
      assert.equal(res.body.name, '5 GB data');
      assert.equal(res.headers.get('location'), res.body.href);
      assert.deepEqual(items(f.store.data, 'TMF620', 'productOffering'), [res.body]);
    });

    it('gives every entity its own id, ignoring an id sent by the client', async () => {
      const first = await f.send('POST', OFFERINGS, KEYS.a, offering('one', { id: 'chosen' }));
      const second = await f.send('POST', OFFERINGS, KEYS.a, offering('two', { id: 'chosen' }));
      assert.notEqual(first.body.id, 'chosen');
      assert.notEqual(first.body.id, second.body.id);
    });

    it('enqueues a create event for a subscriber, in the same update', async () => {
      await subscribe(f.store, 'TMF620');
      const created = await create('with event');
      const entry = f.store.data.outbox.find((e) => e.body.eventType === 'ProductOfferingCreateEvent');
      assert.ok(entry, JSON.stringify(f.store.data.outbox));
      assert.deepEqual(entry.body.event, { productOffering: created });
      await f.notifier.drain();
      assert.deepEqual(
        f.sent.map((s) => s.url),
        [`${CALLBACK}/listener/productOfferingCreateEvent`],
      );
    });

    it('refuses a body against the create schema with 400 FLOW_RULE (a lifecycle value the flows filter on) naming the path, storing nothing', async () => {
      await subscribe(f.store, 'TMF620');
      const before = structuredClone(f.store.data);
      const res = await f.send('POST', OFFERINGS, KEYS.a, offering('bad', { lifecycleStatus: 'launched' }));
      assertTmfError(res, 400, 'FLOW_RULE');
      assert.match(res.body.message, /\/lifecycleStatus/);
      assert.deepEqual(f.store.data, before);
    });

    it('holds a tester with the harness key to the standard only: what the official file accepts is created', async () => {
      const res = await f.send('POST', OFFERINGS, KEYS.harness, offering('tester', { lifecycleStatus: 'launched', isBundle: true }));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      const refused = await f.send('POST', OFFERINGS, KEYS.harness, { name: 5 });
      assertTmfError(refused, 400, 'SCHEMA_VIOLATION');
    });

    it('refuses a body missing a required attribute', async () => {
      const res = await f.send('POST', OFFERINGS, KEYS.a, { lifecycleStatus: 'Launched' });
      assertTmfError(res, 400, 'SCHEMA_VIOLATION');
      assert.match(res.body.message, /name/);
      assert.deepEqual(items(f.store.data, 'TMF620', 'productOffering'), []);
    });

    it('answers malformed JSON with a 400 TMF error body', async () => {
      const res = await f.send('POST', OFFERINGS, KEYS.a, '{"name": "broken",');
      assertTmfError(res, 400, 'MALFORMED_JSON');
      assert.deepEqual(items(f.store.data, 'TMF620', 'productOffering'), []);
    });

    it('stores nothing (entity, id counter, owner, event) when a domain hook refuses', async () => {
      await subscribe(f.store, 'TMF622');
      const before = structuredClone(f.store.data);
      const res = await f.send('POST', ORDERS, KEYS.a, order('refuse'));
      assertTmfError(res, 409, 'CONFLICT');
      assert.deepEqual(f.store.data, before);
    });

    it('records what the after-create hook owes in the same update as the entity, so no commit holds one without the other', async () => {
      const commits: [number, number][] = [];
      f.store.onCommit(() => commits.push([items(f.store.data, 'TMF622', 'productOrder').length, f.store.data.owedKeys.length]));
      const res = await f.send('POST', ORDERS, KEYS.a, order('fine'));
      assert.equal(res.status, 201);
      assert.deepEqual(f.store.data.owedKeys, [`fulfil:${res.body.id}`]);
      assert.deepEqual(commits, [[1, 1]]);
    });

    it('owes nothing when a domain hook refuses the create', async () => {
      await f.send('POST', ORDERS, KEYS.a, order('refuse'));
      assert.deepEqual(f.store.data.owedKeys, []);
    });

    it('stores what the create hook returns', async () => {
      const res = await f.send('POST', ORDERS, KEYS.a, order('fine'));
      assert.equal(res.status, 201);
      assert.equal(res.body.state, 'acknowledged');
      assert.equal(items(f.store.data, 'TMF622', 'productOrder')[0].state, 'acknowledged');
    });
  });

  describe('GET list', () => {
    it('pages with offset and limit and reports X-Total-Count and X-Result-Count', async () => {
      for (const name of ['o1', 'o2', 'o3', 'o4', 'o5']) await create(name);
      const res = await f.send('GET', `${OFFERINGS}?offset=1&limit=2`, KEYS.a);
      assert.equal(res.status, 200);
      assert.deepEqual(
        res.body.map((e: Entity) => e.name),
        ['o2', 'o3'],
      );
      assert.equal(res.headers.get('x-total-count'), '5');
      assert.equal(res.headers.get('x-result-count'), '2');
      const all = await f.send('GET', OFFERINGS, KEYS.a);
      assert.equal(all.body.length, 5);
      assert.equal(all.headers.get('x-result-count'), '5');
    });

    it('answers an empty collection with an empty array', async () => {
      const res = await f.send('GET', OFFERINGS, KEYS.a);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, []);
      assert.equal(res.headers.get('x-total-count'), '0');
    });

    it('refuses an invalid limit with 400', async () => {
      assertTmfError(await f.send('GET', `${OFFERINGS}?limit=ten`, KEYS.a), 400);
    });

    it('projects fields, keeping id, href and @type', async () => {
      await create('projected', KEYS.a, { description: 'long text' });
      const res = await f.send('GET', `${OFFERINGS}?fields=name`, KEYS.a);
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body[0]).sort(), ['@type', 'href', 'id', 'name']);
    });

    it('filters by attribute, with comma as OR, and by a dotted path into an array', async () => {
      await create('launched', KEYS.a, { category: [{ id: 'cat-1' }] });
      await create('retired', KEYS.a, { lifecycleStatus: 'Retired', category: [{ id: 'cat-2' }, { id: 'cat-3' }] });
      await create('in test', KEYS.a, { lifecycleStatus: 'In test' });
      const names = async (query: string) => (await f.send('GET', `${OFFERINGS}?${query}`, KEYS.a)).body.map((e: Entity) => e.name);
      assert.deepEqual(await names('lifecycleStatus=Retired'), ['retired']);
      assert.deepEqual(await names('lifecycleStatus=Launched,In%20test'), ['launched', 'in test']);
      assert.deepEqual(await names('category.id=cat-3'), ['retired']);
      const filtered = await f.send('GET', `${OFFERINGS}?lifecycleStatus=Retired`, KEYS.a);
      assert.equal(filtered.headers.get('x-total-count'), '1');
    });

    it('refuses a filter on an unknown attribute with 400 UNKNOWN_FILTER', async () => {
      assertTmfError(await f.send('GET', `${OFFERINGS}?lifecycleState=Launched`, KEYS.a), 400, 'UNKNOWN_FILTER');
    });
  });

  describe('GET by id', () => {
    it('returns the entity, or its projection', async () => {
      const created = await create('by id', KEYS.a, { description: 'text' });
      const res = await f.send('GET', created.href, KEYS.a);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, created);
      const projected = await f.send('GET', `${created.href}?fields=description`, KEYS.a);
      assert.deepEqual(projected.body, { id: created.id, href: created.href, '@type': 'ProductOffering', description: 'text' });
    });

    it('answers an unknown id with a 404 TMF error', async () => {
      assertTmfError(await f.send('GET', `${OFFERINGS}/no-such-id`, KEYS.a), 404, 'NOT_FOUND');
    });
  });

  describe('PATCH', () => {
    it('applies a merge patch, answers 200 and enqueues an attribute value change event', async () => {
      await subscribe(f.store, 'TMF620');
      const created = await create('patched', KEYS.a, { description: 'to remove', category: [{ id: 'cat-1' }] });
      const res = await f.send('PATCH', created.href, KEYS.a, { lifecycleStatus: 'Retired', description: null, category: [{ id: 'cat-9' }] });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.lifecycleStatus, 'Retired');
      assert.equal('description' in res.body, false);
      assert.deepEqual(res.body.category, [{ id: 'cat-9' }]);
      assert.equal(res.body.id, created.id);
      assert.deepEqual(items(f.store.data, 'TMF620', 'productOffering')[0], res.body);
      const change = f.store.data.outbox.find((e) => e.body.eventType === 'ProductOfferingAttributeValueChangeEvent');
      assert.ok(change, JSON.stringify(eventTypes(f.store)));
      assert.equal(change.body.fieldPath, 'category,description,lifecycleStatus');
      assert.deepEqual(change.body.event, { productOffering: res.body });
    });

    it('enqueues a state change event when the state changes', async () => {
      await subscribe(f.store, 'TMF622');
      const created = (await f.send('POST', ORDERS, KEYS.a, order('to complete'))).body as Entity;
      const res = await f.send('PATCH', created.href, KEYS.a, { state: 'inProgress' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(eventTypes(f.store), ['ProductOrderCreateEvent', 'ProductOrderStateChangeEvent']);
      await f.notifier.drain();
      assert.deepEqual(
        f.sent.map((s) => s.url),
        [`${CALLBACK}/listener/productOrderCreateEvent`, `${CALLBACK}/listener/productOrderStateChangeEvent`],
      );
    });

    it('enqueues no event when nothing changed', async () => {
      await subscribe(f.store, 'TMF620');
      const created = await create('same');
      const res = await f.send('PATCH', created.href, KEYS.a, { name: 'same' });
      assert.equal(res.status, 200);
      assert.deepEqual(eventTypes(f.store), ['ProductOfferingCreateEvent']);
    });

    it("refuses a partner changing id or href, and an invalid value, with 400; a tester's id is ignored", async () => {
      const created = await create('fixed');
      assertTmfError(await f.send('PATCH', created.href, KEYS.a, { id: 'other' }), 400, 'FLOW_RULE');
      assertTmfError(await f.send('PATCH', created.href, KEYS.a, { lifecycleStatus: 'gone' }), 400, 'FLOW_RULE');
      assert.deepEqual(items(f.store.data, 'TMF620', 'productOffering'), [created]);
      const tester = await f.send('PATCH', created.href, KEYS.harness, { id: 'other', description: 'patched' });
      assert.equal(tester.status, 200);
      assert.equal(tester.body.id, created.id, 'the server keeps the id');
    });

    it('takes a removal below the top level (RFC 7396), and refuses one that leaves a required member out, changing nothing', async () => {
      const validFor = { startDateTime: '2026-01-01T00:00:00Z', endDateTime: '2026-12-31T00:00:00Z' };
      const created = await create('nested', KEYS.a, { validFor, productSpecification: { id: 'spec-1', name: 'spec' } });
      const res = await f.send('PATCH', created.href, KEYS.a, { validFor: { endDateTime: null } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.validFor, { startDateTime: validFor.startDateTime });
      const stored = structuredClone(items(f.store.data, 'TMF620', 'productOffering'));
      const refused = await f.send('PATCH', created.href, KEYS.a, { productSpecification: { id: null } });
      assertTmfError(refused, 400, 'SCHEMA_VIOLATION');
      assert.match(refused.body.message, /\/productSpecification/);
      assert.deepEqual(items(f.store.data, 'TMF620', 'productOffering'), stored);
    });

    it('answers 404 for an unknown id', async () => {
      assertTmfError(await f.send('PATCH', `${OFFERINGS}/nope`, KEYS.a, { name: 'x' }), 404, 'NOT_FOUND');
    });
  });

  describe('DELETE', () => {
    it('answers 204, then the entity is gone (404)', async () => {
      const created = await create('deleted');
      const kept = await create('kept');
      const res = await f.send('DELETE', created.href, KEYS.a);
      assert.equal(res.status, 204);
      assert.equal(res.body, undefined);
      assertTmfError(await f.send('GET', created.href, KEYS.a), 404, 'NOT_FOUND');
      assertTmfError(await f.send('DELETE', created.href, KEYS.a), 404, 'NOT_FOUND');
      assert.deepEqual(items(f.store.data, 'TMF620', 'productOffering'), [kept]);
    });

    it('enqueues a delete event', async () => {
      await subscribe(f.store, 'TMF620');
      const created = await create('deleted');
      await f.send('DELETE', created.href, KEYS.a);
      assert.deepEqual(eventTypes(f.store), ['ProductOfferingCreateEvent', 'ProductOfferingDeleteEvent']);
    });
  });

  describe('concurrent requests on one entity', () => {
    it('two DELETEs of one entity remove it alone: one 204, one 404', async () => {
      const [first, second, third] = [await create('a'), await create('b'), await create('c')];
      holdUpdates(f.store, 2);
      const statuses = (await Promise.all([f.send('DELETE', first.href, KEYS.a), f.send('DELETE', first.href, KEYS.a)])).map((r) => r.status);
      assert.deepEqual(statuses.sort(), [204, 404]);
      assert.deepEqual(items(f.store.data, 'TMF620', 'productOffering'), [second, third]);
    });

    it('a PATCH that loses the race to a DELETE answers 404 and changes nothing', async () => {
      const [doomed, other] = [await create('doomed'), await create('other')];
      holdUpdates(f.store, 2);
      const [deleted, patched] = await Promise.all([f.send('DELETE', doomed.href, KEYS.a), f.send('PATCH', doomed.href, KEYS.a, { name: 'late' })]);
      assert.equal(deleted.status, 204);
      assertTmfError(patched, 404, 'NOT_FOUND');
      assert.deepEqual(items(f.store.data, 'TMF620', 'productOffering'), [other]);
    });
  });

  describe('methods', () => {
    it('answers a method the collection does not offer with 405', async () => {
      const catalog = (await f.send('POST', CATALOGS, KEYS.a, { name: 'main' })).body as Entity;
      assertTmfError(await f.send('DELETE', catalog.href, KEYS.a), 405, 'METHOD_NOT_ALLOWED');
      assertTmfError(await f.send('PATCH', catalog.href, KEYS.a, { name: 'x' }), 405, 'METHOD_NOT_ALLOWED');
      assert.equal(items(f.store.data, 'TMF620', 'catalog')[0].name, 'main');
    });

    it('answers a method no collection offers with 405, not 404', async () => {
      assertTmfError(await f.send('PUT', `${OFFERINGS}/x`, KEYS.a, { name: 'x' }), 405, 'METHOD_NOT_ALLOWED');
      assertTmfError(await f.send('DELETE', OFFERINGS, KEYS.a), 405, 'METHOD_NOT_ALLOWED');
    });
  });

  describe('credentials and grants', () => {
    it('answers 401 without a credential and with an unknown one', async () => {
      assertTmfError(await f.send('GET', OFFERINGS, undefined), 401, 'UNAUTHENTICATED');
      assertTmfError(await f.send('POST', OFFERINGS, 'key-nobody', offering('x')), 401, 'UNAUTHENTICATED');
      assert.deepEqual(items(f.store.data, 'TMF620', 'productOffering'), []);
    });

    it('answers 403 when the bundle lacks the API', async () => {
      assertTmfError(await f.send('GET', OFFERINGS, KEYS.billing), 403, 'OUTSIDE_API_BUNDLE');
    });

    it('lets a read-only grant GET but not POST, PATCH or DELETE (403)', async () => {
      const created = await create('read me');
      assert.equal((await f.send('GET', OFFERINGS, KEYS.reader)).status, 200);
      assert.equal((await f.send('GET', created.href, KEYS.reader)).status, 404, 'owned by partner-a');
      assertTmfError(await f.send('POST', OFFERINGS, KEYS.reader, offering('x')), 403, 'OUTSIDE_API_BUNDLE');
      assertTmfError(await f.send('PATCH', created.href, KEYS.reader, { name: 'x' }), 403, 'OUTSIDE_API_BUNDLE');
      assertTmfError(await f.send('DELETE', created.href, KEYS.reader), 403, 'OUTSIDE_API_BUNDLE');
      assert.deepEqual(items(f.store.data, 'TMF620', 'productOffering'), [created]);
    });

    it("keeps a partner's entities from another partner, but not from their owner or the harness", async () => {
      const ofA = await create('of A', KEYS.a);
      const ofB = await create('of B', KEYS.b);
      const listed = async (key: string) => (await f.send('GET', OFFERINGS, key)).body.map((e: Entity) => e.id);

      assertTmfError(await f.send('GET', ofA.href, KEYS.b), 404, 'NOT_FOUND');
      assertTmfError(await f.send('PATCH', ofA.href, KEYS.b, { name: 'hijacked' }), 404, 'NOT_FOUND');
      assertTmfError(await f.send('DELETE', ofA.href, KEYS.b), 404, 'NOT_FOUND');
      assert.deepEqual(await listed(KEYS.b), [ofB.id]);
      const countForB = await f.send('GET', OFFERINGS, KEYS.b);
      assert.equal(countForB.headers.get('x-total-count'), '1');

      assert.equal((await f.send('GET', ofA.href, KEYS.a)).status, 200);
      assert.deepEqual(await listed(KEYS.a), [ofA.id]);
      assert.equal((await f.send('GET', ofA.href, KEYS.harness)).status, 200);
      assert.deepEqual(await listed(KEYS.harness), [ofA.id, ofB.id]);
      assert.equal(items(f.store.data, 'TMF620', 'productOffering')[0].name, 'of A');
    });

    it("lets a reader of a partner's entity read it and hear of its changes, but never change it", async () => {
      const ofA = await create('of A', KEYS.a);
      await f.store.update((draft) => {
        draft.readers[ofA.href] = ['partner-b'];
        draft.subscriptions.push(
          { id: 'hub-b', api: 'TMF620', callback: CALLBACK, query: '', subscriber: 'partner-b' },
          { id: 'hub-d', api: 'TMF620', callback: CALLBACK, query: '', subscriber: 'partner-d' },
        );
      });
      assert.equal((await f.send('GET', ofA.href, KEYS.b)).status, 200);
      assert.ok(
        (await f.send('GET', OFFERINGS, KEYS.b)).body.some((e: Entity) => e.id === ofA.id),
        'listed for its reader',
      );
      assertTmfError(await f.send('PATCH', ofA.href, KEYS.b, { name: 'hijacked' }), 404, 'NOT_FOUND');
      assertTmfError(await f.send('DELETE', ofA.href, KEYS.b), 404, 'NOT_FOUND');
      assert.equal((await f.send('PATCH', ofA.href, KEYS.a, { lifecycleStatus: 'Retired' })).status, 200);
      const heard = f.store.data.outbox.filter((e) => e.eventName === 'productOfferingAttributeValueChangeEvent').map((e) => e.subscriber);
      assert.deepEqual(heard, ['partner-b'], 'the reader hears of the change; a partner that may not read it does not');
    });

    it('shows an entity the harness created to every partner', async () => {
      const shared = await create('shared', KEYS.harness);
      assert.equal((await f.send('GET', shared.href, KEYS.a)).status, 200);
      assert.equal((await f.send('GET', shared.href, KEYS.b)).status, 200);
    });
  });
});
