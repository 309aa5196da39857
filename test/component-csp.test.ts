/**
 * The CSP on its own: its peer, the OEM, is an msw mock at http://oem.test (no ecosystem, no wire).
 * The test plays the OEM's calls with the OEM's credentials and reads what the mock received.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { setupServer } from 'msw/node';
import { startCsp } from '../actors/csp/index.ts';
import type { ActorConfig } from '../actors/kit/config.ts';
import type { RunningActor } from '../actors/kit/serve.ts';
import { fromTmf, sum } from '../core/money.ts';
import { failingListener } from '../mocks/faults.ts';
import { oemHandlers, oemInbox, resetOemInbox } from '../mocks/oem-peer.ts';
import { passThroughTo } from '../mocks/pass-through.ts';
import { basePath } from '../tmf/apis.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';
import type { Entity, OutboxEntry } from '../tmf/data.ts';
import { call as callApp } from './support/http-app.ts';

const SECRET = 'component-csp-secret';
const OEM_URL = 'http://oem.test';
const CONFIG: ActorConfig = {
  storage: { kind: 'memory' },
  secret: SECRET,
  peers: { 'car-manufacturer': OEM_URL },
  callbacks: { 'car-manufacturer': 'http://csp.test' },
  seed: 1,
  delivery: { burst: 4, burstDelayMs: 5, timeoutMs: 2000 },
};
const OEM_KEY = bootstrapKey(SECRET, 'car-manufacturer', 'csp');
const HARNESS_KEY = harnessKey(SECRET, 'csp');
const ORDERS = `${basePath('TMF622')}/productOrder`;

const server = setupServer(...oemHandlers(OEM_URL));
let csp: RunningActor;

/** Calls the CSP under test for real and reads the JSON answer. */
const call = (method: string, path: string, apiKey: string, body?: unknown) => callApp(csp.url, method, path, { key: apiKey, body });

const partnerOrder = (offerings: readonly string[]) => ({
  description: 'Connected car partner order',
  relatedParty: [{ id: 'car-manufacturer', name: 'Car manufacturer', role: 'buyer', '@referredType': 'Organization' }],
  productOrderItem: offerings.map((id, i) => ({ id: String(i + 1), action: 'add', quantity: 1, productOffering: { id } })),
});

/** What the OEM does in step 7.1: subscribe to order state changes, then order the partner offers. */
async function placePartnerOrder(): Promise<{ status: number; body: any }> {
  const hub = await call('POST', `${basePath('TMF622')}/hub`, OEM_KEY, { callback: OEM_URL, query: 'eventType=ProductOrderStateChangeEvent' });
  assert.equal(hub.status, 201);
  return call('POST', ORDERS, OEM_KEY, partnerOrder(['po-partner-connectivity', 'po-split-billing']));
}

const drain = async () => assert.equal((await call('POST', '/control/drain', HARNESS_KEY)).status, 200);
const state = async () =>
  (await call('GET', '/control/state', HARNESS_KEY)).body as { failures: string[]; data: { outbox: OutboxEntry[]; resources: Record<string, Entity[]> } };
const orderStates = () => oemInbox.events.filter((e) => e.eventName === 'productOrderStateChangeEvent').map((e) => (e.body.event.productOrder as Entity).state);

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(async () => {
  resetOemInbox();
  csp = await startCsp(CONFIG, 0);
  server.use(passThroughTo(csp.url));
});
afterEach(async () => {
  await csp.stop();
  server.resetHandlers();
});

describe('CSP with a mocked OEM', () => {
  test('a partner order is acknowledged, then onboards the OEM and notifies its listener', async () => {
    const order = await placePartnerOrder();
    assert.equal(order.status, 201);
    assert.equal(order.body.state, 'acknowledged');
    await drain();

    assert.equal(oemInbox.onboardingResults.length, 1);
    const [onboarding] = oemInbox.onboardingResults;
    assert.equal(onboarding.apiKey, bootstrapKey(SECRET, 'csp', 'car-manufacturer'));
    const result = onboarding.body as { apiKey: string; bundle: string; clientId: string };
    assert.equal(result.bundle, 'connected-car-split-billing');
    assert.match(result.apiKey, /^cch_[0-9a-f]{32}$/);
    assert.notEqual(result.apiKey, OEM_KEY);

    assert.deepEqual(orderStates(), ['inProgress', 'completed']);
    for (const event of oemInbox.events) {
      assert.equal(event.path, '/listener/productOrderStateChangeEvent');
      assert.equal((event.body.event.productOrder as Entity).id, order.body.id);
    }
    assert.deepEqual((await state()).failures, []);
  });

  test('TMF622 life cycle on PATCH: a completed order cannot be cancelled or sent back to acknowledged (409, nothing changes)', async () => {
    const order = await placePartnerOrder();
    await drain();
    const path = `/tmf-api/productOrderingManagement/v4/productOrder/${order.body.id}`;
    for (const state of ['cancelled', 'acknowledged', 'inProgress']) {
      const moved = await call('PATCH', path, HARNESS_KEY, { state });
      assert.equal(moved.status, 409, `completed → ${state}`);
      assert.equal(moved.body.code, 'ILLEGAL_TRANSITION');
    }
    const same = await call('PATCH', path, HARNESS_KEY, { state: 'completed', description: 'renamed' });
    assert.equal(same.status, 200, 'staying completed is no transition');
    assert.equal((await call('GET', path, HARNESS_KEY)).body.state, 'completed');
  });

  test('with the issued key the OEM reads the one bill of January, whose items add up to it', async () => {
    await placePartnerOrder();
    await drain();
    const issuedKey = (oemInbox.onboardingResults[0].body as { apiKey: string }).apiKey;
    assert.equal((await call('POST', `${basePath('TMF678')}/hub`, issuedKey, { callback: OEM_URL, query: 'eventType=CustomerBillCreateEvent' })).status, 201);

    assert.equal((await call('PUT', '/control/clock', HARNESS_KEY, { now: '2026-02-01T00:00:00.000Z' })).status, 200);
    const run = await call('POST', '/control/billing-run', HARNESS_KEY, { period: '2026-01' });
    assert.equal(run.status, 201);
    assert.equal(run.body.bills.length, 1);
    await drain();

    const bills = await call('GET', `${basePath('TMF678')}/customerBill`, issuedKey);
    assert.equal(bills.status, 200);
    assert.deepEqual(
      bills.body.map((b: Entity) => b.id),
      [run.body.bills[0].id],
    );
    const bill = bills.body[0] as Entity & { taxIncludedAmount: { unit: string; value: number } };
    const rates = await call('GET', `${basePath('TMF678')}/appliedCustomerBillingRate?bill.id=${bill.id}`, issuedKey);
    assert.equal(rates.status, 200);
    assert.ok(rates.body.length >= 2, 'one item per partner subscription');
    const total = fromTmf(bill.taxIncludedAmount);
    const itemsTotal = sum(
      rates.body.map((r: { taxIncludedAmount: { unit: string; value: number } }) => fromTmf(r.taxIncludedAmount)),
      total.currency,
    );
    assert.ok(itemsTotal.equals(total), `items ${itemsTotal.toString()} ≠ bill ${total.toString()}`);

    const billEvents = oemInbox.events.filter((e) => e.eventName === 'customerBillCreateEvent');
    assert.deepEqual(
      billEvents.map((e) => (e.body.event.customerBill as Entity).id),
      [bill.id],
    );
    assert.equal(billEvents[0].apiKey, bootstrapKey(SECRET, 'csp', 'car-manufacturer'));
  });

  test('a listener down for more than a simulated day: its events are dead letters in /control/state until POST /control/redeliver, then arrive once', async () => {
    server.use(failingListener(OEM_URL, 10_000, 503));
    await placePartnerOrder();
    await drain();
    type Delivery = { pendingEvents: number; nextRetryAt?: string; deadLetters: { kind: string; what: string; lastError?: string }[] };
    const delivery = async () => (await call('GET', '/control/state', HARNESS_KEY)).body.delivery as Delivery;
    assert.equal((await delivery()).pendingEvents, 2, 'waiting for a retry, not given up');
    // Simulated time moves on in hours, past the 24 h horizon: every due retry is made on the way.
    for (let hour = 1; hour <= 26; hour++) {
      await call('PUT', '/control/clock', HARNESS_KEY, { now: new Date(Date.parse('2026-01-01T08:00:00.000Z') + hour * 3_600_000).toISOString() });
      await drain();
    }
    const dead = await delivery();
    assert.equal(dead.pendingEvents, 0);
    assert.equal(dead.deadLetters.length, 2);
    assert.ok(
      dead.deadLetters.every((d) => d.kind === 'event' && /503/.test(d.lastError ?? '')),
      JSON.stringify(dead.deadLetters),
    );
    assert.deepEqual(orderStates(), []);

    server.resetHandlers();
    server.use(passThroughTo(csp.url));
    const redelivered = await call('POST', '/control/redeliver', HARNESS_KEY, {});
    assert.equal(redelivered.status, 200);
    assert.equal(redelivered.body.events.length, 2);
    await drain();
    assert.deepEqual(orderStates(), ['inProgress', 'completed']);
    assert.deepEqual((await delivery()).deadLetters, []);
    assert.equal((await call('POST', '/control/redeliver', HARNESS_KEY, { ids: 'all' })).status, 400);
  });

  test('a listener failing twice still gets every event, on the third attempt', async () => {
    server.use(failingListener(OEM_URL, 2));
    await placePartnerOrder();
    await drain();

    assert.deepEqual(orderStates(), ['inProgress', 'completed']);
    const outbox = (await state()).data.outbox;
    assert.deepEqual(
      outbox.map((e) => [e.state, e.attempts]),
      [
        ['delivered', 3],
        ['delivered', 1],
      ],
    );
  });

  test('an order of an unknown offering is refused with 400 and stores nothing', async () => {
    const refused = await call('POST', ORDERS, OEM_KEY, partnerOrder(['po-does-not-exist']));
    assert.equal(refused.status, 400);
    assert.match(JSON.stringify(refused.body), /po-does-not-exist/);
    await drain();

    const { data } = await state();
    assert.deepEqual(data.resources['TMF622.productOrder'] ?? [], []);
    assert.deepEqual(data.outbox, []);
    assert.deepEqual(oemInbox.onboardingResults, []);
  });
});
