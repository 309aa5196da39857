/**
 * The car manufacturer on its own: its peer, the CSP, is an msw mock at http://csp.test (no ecosystem,
 * no wire). The test drives the OEM's control API, plays the CSP's notifications, and reads what the
 * mock was asked.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { startCarManufacturer } from '../actors/car-manufacturer/index.ts';
import type { BillCheck, SoldCar } from '../actors/car-manufacturer/store.ts';
import type { ActorConfig } from '../actors/kit/config.ts';
import type { RunningActor } from '../actors/kit/serve.ts';
import { CSP_BILL, CSP_BILL_ID, CSP_OFFERS } from '../mocks/csp-fixtures.ts';
import { cspHandlers, cspRequests, cspRequestsTo, resetCspRequests } from '../mocks/csp-peer.ts';
import { billNotMatchingItems } from '../mocks/faults.ts';
import { passThroughTo } from '../mocks/pass-through.ts';
import { basePath } from '../tmf/apis.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';
import type { Entity } from '../tmf/data.ts';
import { call as callApp } from './support/http-app.ts';

const SECRET = 'component-oem-secret';
const CSP_URL = 'http://csp.test';
const OEM_AS_SEEN_BY_CSP = 'http://oem.test';
const CONFIG: ActorConfig = {
  storage: { kind: 'memory' },
  secret: SECRET,
  peers: { csp: CSP_URL },
  callbacks: { csp: OEM_AS_SEEN_BY_CSP },
  seed: 1,
};
const HARNESS_KEY = harnessKey(SECRET, 'car-manufacturer');
const CSP_KEY = bootstrapKey(SECRET, 'csp', 'car-manufacturer');
const OEM_KEY_AT_CSP = bootstrapKey(SECRET, 'car-manufacturer', 'csp');
const BILL_PATH = `${basePath('TMF678')}/customerBill/${CSP_BILL_ID}`;
const RATES_PATH = `${basePath('TMF678')}/appliedCustomerBillingRate`;

const server = setupServer(...cspHandlers(CSP_URL));
let oem: RunningActor;

/** Calls the OEM under test for real and reads the JSON answer. */
const call = (method: string, path: string, apiKey: string, body?: unknown) => callApp(oem.url, method, path, { key: apiKey, body });

/** Step 7.8 as the CSP sends it: a CustomerBillCreateEvent on the OEM's listener. */
const billCreated = (eventId: string) =>
  call('POST', '/listener/customerBillCreateEvent', CSP_KEY, {
    eventId,
    eventTime: '2026-02-01T00:00:00.000Z',
    eventType: 'CustomerBillCreateEvent',
    event: { customerBill: CSP_BILL },
  });

/** Step 7.3: onboarded, the OEM subscribes to the CSP's bills; only then does its listener take bill events from the CSP. */
async function onboarded(): Promise<void> {
  const accepted = await call('POST', '/control/onboarding-result', CSP_KEY, {
    clientId: 'car-manufacturer@csp',
    apiKey: 'cch_issued',
    bundle: 'connected-car-split-billing',
    portalUrl: `${CSP_URL}/tmf-api`,
  });
  assert.equal(accepted.status, 202);
  await drain();
}

const drain = async () => assert.equal((await call('POST', '/control/drain', HARNESS_KEY)).status, 200);
const state = async () =>
  (await call('GET', '/control/state', HARNESS_KEY)).body as { failures: string[]; data: { billChecks: BillCheck[]; cspBundle: string } };

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(async () => {
  resetCspRequests();
  oem = await startCarManufacturer(CONFIG, 0);
  server.use(passThroughTo(oem.url));
});
afterEach(async () => {
  await oem.stop();
  server.resetHandlers();
});

describe('car manufacturer with a mocked CSP', () => {
  test('partner-order subscribes to order events, then orders the partner offers', async () => {
    const placed = await call('POST', '/control/partner-order', HARNESS_KEY, {});
    assert.equal(placed.status, 201);
    assert.equal(placed.body.state, 'acknowledged');

    assert.deepEqual(
      cspRequests.map((r) => `${r.method} ${r.path}`),
      [`POST ${basePath('TMF622')}/hub`, `POST ${basePath('TMF622')}/productOrder`],
    );
    const [hub, order] = cspRequests;
    assert.deepEqual(hub.body, { callback: OEM_AS_SEEN_BY_CSP, query: 'eventType=ProductOrderStateChangeEvent' });
    const items = (order.body as { productOrderItem: { action: string; productOffering: { id: string } }[] }).productOrderItem;
    assert.deepEqual(
      items.map((i) => [i.action, i.productOffering.id]),
      [
        ['add', 'po-partner-connectivity'],
        ['add', 'po-split-billing'],
      ],
    );
    assert.ok(
      cspRequests.every((r) => r.apiKey === OEM_KEY_AT_CSP),
      'before onboarding the OEM calls with its bootstrap key',
    );
  });

  test("a fleet's usage follow-up asks for its cars in groups, each query within what a server takes in a request's head, and counts every record once", async () => {
    const vehicles = Array.from({ length: 1200 }, (_, i) => `WVW${String(i).padStart(14, '0')}`);
    const driver = { givenName: 'Fleet', familyName: 'Keeper', email: 'fleet@example.com' };
    const store = oem.runtime.store as unknown as { update(f: (draft: { cars: SoldCar[] }) => void): Promise<void> };
    await store.update((draft) => {
      for (const vehicleId of vehicles) draft.cars.push({ vehicleId, soldAt: '2026-01-01T00:00:00.000Z', driver });
    });
    const asked: string[][] = [];
    let longest = 0;
    server.use(
      http.get(`${CSP_URL}${basePath('TMF635')}/usage`, ({ request }) => {
        longest = Math.max(longest, request.url.length);
        const group = new URL(request.url).searchParams.get('usageCharacteristic.value')!.split(',');
        asked.push(group);
        return HttpResponse.json(
          group.map((vehicleId) => ({
            id: `usage-${vehicleId}`,
            href: `${basePath('TMF635')}/usage/usage-${vehicleId}`,
            '@type': 'Usage',
            status: 'rated',
            usageType: 'infotainment',
            usageCharacteristic: [
              { name: 'vehicleId', value: vehicleId },
              { name: 'volumeMB', value: 2 },
            ],
          })),
        );
      }),
    );
    const followUp = await call('POST', '/control/usage-follow-up', HARNESS_KEY);
    assert.equal(followUp.status, 201, JSON.stringify(followUp.body));
    assert.ok(asked.length > 1, 'more than one query');
    assert.ok(longest < 8 * 1024, `the longest query is ${longest} characters`);
    assert.deepEqual(asked.flat(), vehicles, 'every car asked for once, in order');
    assert.equal(followUp.body.records, 1200);
    assert.deepEqual(followUp.body.megabytesByClass, { infotainment: '2400' });
  });

  test('partner-order with offering ids that are not a list is refused (400) before anything is subscribed or ordered', async () => {
    for (const productOfferingIds of ['po-split-billing', [], [42], {}]) {
      const refused = await call('POST', '/control/partner-order', HARNESS_KEY, { productOfferingIds });
      assert.equal(refused.status, 400, JSON.stringify(productOfferingIds));
    }
    assert.deepEqual(cspRequests, []);
  });

  test('an onboarding result switches the OEM to the issued key and subscribes it to bills', async () => {
    const accepted = await call('POST', '/control/onboarding-result', CSP_KEY, {
      clientId: 'car-manufacturer@csp',
      apiKey: 'cch_issued',
      bundle: 'connected-car-split-billing',
      portalUrl: `${CSP_URL}/tmf-api`,
    });
    assert.equal(accepted.status, 202);
    await drain();

    const [hub, ...others] = cspRequestsTo(`${basePath('TMF678')}/hub`);
    assert.equal(others.length, 0);
    assert.equal(hub.apiKey, 'cch_issued');
    assert.deepEqual(hub.body, { callback: OEM_AS_SEEN_BY_CSP, query: 'eventType=CustomerBillCreateEvent' });
    assert.equal((await state()).data.cspBundle, 'connected-car-split-billing');
  });

  test('the same onboarding result received again (a CSP resuming its fulfilment after a crash) changes nothing: one subscription to bills', async () => {
    await onboarded();
    const once = (await call('GET', '/control/state', HARNESS_KEY)).body.data;
    await onboarded();
    assert.equal(cspRequestsTo(`${basePath('TMF678')}/hub`).length, 1);
    assert.deepEqual((await call('GET', '/control/state', HARNESS_KEY)).body.data, once);
  });

  test('build-catalog creates one OEM offer per CSP infotainment offer, each referencing it', async () => {
    const built = await call('POST', '/control/build-catalog', HARNESS_KEY, {});
    assert.equal(built.status, 201);
    const refs = built.body.map((o: Entity) => (o.productOfferingRelationship as { id: string; href: string }[])[0]);
    assert.deepEqual(
      refs.map((r: { id: string; href: string }) => [r.id, r.href]),
      CSP_OFFERS.map((o) => [o.id, `${CSP_URL}${o.href}`]),
    );

    const [list] = cspRequestsTo(`${basePath('TMF620')}/productOffering`);
    assert.equal(list.query.get('category.name'), 'infotainment-connectivity');
    assert.equal(list.query.get('lifecycleStatus'), 'Launched');
    const stored = await call('GET', `${basePath('TMF620')}/productOffering`, HARNESS_KEY);
    assert.deepEqual(
      stored.body.map((o: Entity) => o.id),
      built.body.map((o: Entity) => o.id),
    );
  });

  test('a bill notification leads to an invoice control that matches', async () => {
    await onboarded();
    assert.equal((await billCreated('csp-evt-0001')).status, 204);
    await drain();

    const { data, failures } = await state();
    assert.deepEqual(failures, []);
    assert.deepEqual(data.billChecks, [
      { billId: CSP_BILL_ID, billNo: 'CSP-2026-01-00001', amount: '1812.30 EUR', itemsTotal: '1812.30 EUR', items: 2, matches: true },
    ]);
    assert.equal(cspRequestsTo(BILL_PATH).length, 1);
    assert.deepEqual(
      cspRequestsTo(RATES_PATH).map((r) => r.query.get('bill.id')),
      [CSP_BILL_ID],
    );
  });

  test('a bill whose items do not add up is recorded as not matching', async () => {
    server.use(billNotMatchingItems(CSP_URL));
    await onboarded();
    assert.equal((await billCreated('csp-evt-0001')).status, 204);
    await drain();

    const [check, ...others] = (await state()).data.billChecks;
    assert.equal(others.length, 0);
    assert.equal(check.matches, false);
    assert.equal(check.amount, '1812.31 EUR');
    assert.equal(check.itemsTotal, '1812.30 EUR');
  });

  test('the same event delivered twice is handled once', async () => {
    await onboarded();
    assert.equal((await billCreated('csp-evt-0007')).status, 204);
    assert.equal((await billCreated('csp-evt-0007')).status, 204);
    await drain();

    assert.equal((await state()).data.billChecks.length, 1);
    assert.equal(cspRequestsTo(BILL_PATH).length, 1);
  });

  test('a forged bill event is refused (403) and changes nothing: from a party never subscribed to, or before the subscription', async () => {
    const forged = (key: string, eventId: string) =>
      call('POST', '/listener/customerBillCreateEvent', key, {
        eventId,
        eventTime: '2026-02-01T00:00:00.000Z',
        eventType: 'CustomerBillCreateEvent',
        event: { customerBill: CSP_BILL },
      });
    const before = await state();
    const early = await forged(CSP_KEY, 'csp-evt-0100');
    assert.equal(early.status, 403, "no subscription to the CSP's bills yet");
    assert.equal(early.body['@type'], 'Error');
    await onboarded();
    for (const party of ['content-provider', 'driver', 'call-center'] as const) {
      const res = await forged(bootstrapKey(SECRET, party, 'car-manufacturer'), `${party}-evt-1`);
      assert.equal(res.status, 403, `${party} may not send the OEM bill events`);
    }
    const orderEvent = await call('POST', '/listener/productOrderStateChangeEvent', bootstrapKey(SECRET, 'content-provider', 'car-manufacturer'), {
      eventId: 'cp-evt-2',
      eventTime: '2026-02-01T00:00:00.000Z',
      eventType: 'ProductOrderStateChangeEvent',
      event: { productOrder: { id: 'o-1', state: 'cancelled' } },
    });
    assert.equal(orderEvent.status, 403, 'nor order events');
    await drain();
    const after = await state();
    assert.deepEqual(after.data.billChecks, before.data.billChecks);
    assert.equal(cspRequestsTo(BILL_PATH).length, 0, 'no bill was fetched on a forged event');
  });
});
