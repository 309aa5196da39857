/**
 * The content provider on its own: its peers are msw mocks — the OEM as the central catalog and
 * inventory at http://oem.test, the CSP's ordering at http://csp.test. The test drives the provider's
 * triggers, plays the driver's activation request and the CSP's order events with their credentials,
 * and reads what the mocks were asked.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { startContentProvider } from '../actors/content-provider/index.ts';
import type { CpData } from '../actors/content-provider/store.ts';
import type { ActorConfig } from '../actors/kit/config.ts';
import { PARTY_API } from '../core/party-api.ts';
import {
  ALREADY_ACTIVE,
  CENTRAL_BUNDLE_ID,
  CENTRAL_CSP_OFFER,
  centralCatalogHandlers,
  centralCatalogRequests,
  CSP_OWN_OFFERING_ID,
  emptyCentralCatalog,
  OTHER_BUYER,
  OWNED_PRODUCT_ID,
  OWNER,
} from '../mocks/central-catalog-peer.ts';
import { cspHandlers, cspRequests, cspRequestsTo, resetCspRequests } from '../mocks/csp-peer.ts';
import { passThroughTo } from '../mocks/pass-through.ts';
import { basePath, resourceOf } from '../tmf/apis.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';
import { validate } from '../tmf/schemas/index.ts';
import type { RunningActor } from '../actors/kit/serve.ts';
import { call } from './support/http-app.ts';

const SECRET = 'component-cp-secret';
const OEM_URL = 'http://oem.test';
const CSP_URL = 'http://csp.test';
const CALLBACK = 'http://content-provider.test';
const CONFIG: ActorConfig = {
  storage: { kind: 'memory' },
  secret: SECRET,
  peers: { 'car-manufacturer': OEM_URL, csp: CSP_URL },
  callbacks: { 'car-manufacturer': CALLBACK, csp: CALLBACK },
  seed: 1,
};
const HARNESS_KEY = harnessKey(SECRET, 'content-provider');
const DRIVER_KEY = bootstrapKey(SECRET, 'driver', 'content-provider');
const CSP_KEY = bootstrapKey(SECRET, 'csp', 'content-provider');
const OFFERINGS = `${basePath('TMF620')}/productOffering`;
const CSP_ORDERS = `${basePath('TMF622')}/productOrder`;

const server = setupServer(...centralCatalogHandlers(OEM_URL), ...cspHandlers(CSP_URL));
let cp: RunningActor;

const as = (key: string) => (method: string, path: string, body?: unknown) => call(cp.url, method, path, { key, body });
const harness = as(HARNESS_KEY);
const drain = async () => assert.equal((await harness('POST', '/control/drain')).status, 200);
const state = async () => (await harness('GET', '/control/state')).body as { failures: string[]; data: CpData };

/** 10.4 then 10.5–10.7: the provider's own offer, bundled with the central catalog's CSP offer. */
async function buildConverged(): Promise<{ status: number; body: any }> {
  const own = await harness('POST', '/control/own-offer', { name: 'Music access', monthlyFee: '4.99', currency: 'EUR' });
  assert.equal(own.status, 201);
  return harness('POST', '/control/converged-offer', { name: '5 GB music download', monthlyFee: '14.99', ownOfferingId: own.body.id });
}

const askActivation = (customerId: string) => as(DRIVER_KEY)('POST', PARTY_API.activationRequest, { customerId });

/** 11.9 as the CSP tells it: the connectivity order changed state. */
let eventCount = 0;
function orderEvent(orderId: string, state: string) {
  eventCount += 1;
  const productOrder = {
    id: orderId,
    href: `${CSP_ORDERS}/${orderId}`,
    '@type': 'ProductOrder',
    state,
    productOrderItem: [{ id: '1', action: 'add', quantity: 1, productOffering: { id: CSP_OWN_OFFERING_ID } }],
  };
  return as(CSP_KEY)('POST', '/listener/productOrderStateChangeEvent', {
    eventId: `csp-evt-${eventCount}`,
    eventTime: '2026-01-02T08:00:00.000Z',
    eventType: 'ProductOrderStateChangeEvent',
    event: { productOrder },
  });
}

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(async () => {
  centralCatalogRequests.reset();
  resetCspRequests();
  cp = await startContentProvider(CONFIG, 0);
  server.use(passThroughTo(cp.url));
});
afterEach(async () => {
  await cp.stop();
  server.resetHandlers();
});

describe('content provider with a mocked OEM (central catalog, inventory) and CSP', () => {
  test("its own offer is bundled with the central catalog's CSP offer and the bundle registered centrally", async () => {
    const registered = await buildConverged();
    assert.equal(registered.status, 201);
    assert.equal(registered.body.id, CENTRAL_BUNDLE_ID);

    const [search, hub, registration, ...more] = centralCatalogRequests.requests;
    assert.equal(more.length, 0);
    assert.deepEqual(
      [search.method, search.path, search.query.get('category.name'), search.query.get('isPartnerEligible')],
      ['GET', OFFERINGS, 'central-catalog', 'true'],
    );
    assert.equal(hub.path, `${basePath('BillingV2')}/hub`);
    assert.deepEqual((hub.body as { callback: string }).callback, CALLBACK);
    assert.deepEqual([registration.method, registration.path], ['POST', OFFERINGS]);
    assert.deepEqual(validate(resourceOf('TMF620', 'productOffering').createSchema!, registration.body, 'request'), []);

    const body = registration.body as {
      isBundle: boolean;
      bundledProductOffering: { id: string }[];
      revenueShare: { partyId: string; amount: { value: number } }[];
    };
    const { data } = await state();
    const own = data.resources['TMF620.productOffering'].filter((o) => !o.isBundle);
    assert.equal(body.isBundle, true);
    assert.deepEqual(
      body.bundledProductOffering.map((b) => b.id),
      [own[0].id, CENTRAL_CSP_OFFER.id],
    );
    assert.deepEqual(
      body.revenueShare.map((s) => [s.partyId, s.amount.value]),
      [
        ['content-provider', 4.99],
        ['csp', 7.5],
      ],
    );
    assert.deepEqual(
      data.convergedOffers.map((c) => [c.centralId, c.cspOfferingIds]),
      [[CENTRAL_BUNDLE_ID, [CSP_OWN_OFFERING_ID]]],
    );
  });

  test('a bundle is refused without an own offer, or when the central catalog has no partner offer', async () => {
    const noOwn = await harness('POST', '/control/converged-offer', { name: 'Bundle', monthlyFee: '14.99', ownOfferingId: 'po-unknown' });
    assert.equal(noOwn.status, 404);
    assert.deepEqual(centralCatalogRequests.requests, [], 'nothing asked of the OEM');

    const badFee = await harness('POST', '/control/own-offer', { name: 'Music access', monthlyFee: 'cheap' });
    assert.equal(badFee.status, 400);

    server.use(emptyCentralCatalog(OEM_URL));
    const nothingToBundle = await buildConverged();
    assert.equal(nothingToBundle.status, 409);
    assert.equal(nothingToBundle.body.code, 'NO_PARTNER_OFFER');
    assert.deepEqual(centralCatalogRequests.calls(), [`GET ${OFFERINGS}`], 'nothing registered');
    assert.deepEqual((await state()).data.convergedOffers, []);
  });

  test('activation of a service the driver does not own (only another offering), or owns already active, is refused and nothing is ordered', async () => {
    await buildConverged();

    const stranger = await askActivation(OTHER_BUYER);
    assert.equal(stranger.status, 409);
    assert.equal(stranger.body.code, 'NOT_OWNED');
    const active = await askActivation(ALREADY_ACTIVE);
    assert.equal(active.status, 409);
    assert.equal(active.body.code, 'ALREADY_ACTIVE');
    const notTheDriver = await harness('POST', PARTY_API.activationRequest, { customerId: OWNER });
    assert.equal(notTheDriver.status, 403);
    const invalid = await as(DRIVER_KEY)('POST', PARTY_API.activationRequest, {});
    assert.equal(invalid.status, 400);
    await drain();

    assert.deepEqual(cspRequests, []);
    assert.deepEqual((await state()).data.activations, []);
    const inventoryLookups = centralCatalogRequests.to(`${basePath('TMF637')}/product`);
    assert.deepEqual(
      inventoryLookups.map((r) => r.query.get('relatedParty.id')),
      [OTHER_BUYER, ALREADY_ACTIVE],
    );
  });

  test("activation of an owned service orders its connectivity; the order's completion activates the OEM product", async () => {
    await buildConverged();
    const accepted = await askActivation(OWNER);
    assert.equal(accepted.status, 202);
    assert.equal(accepted.body.product, OWNED_PRODUCT_ID);

    assert.deepEqual(
      cspRequests.map((r) => `${r.method} ${r.path}`),
      [`POST ${basePath('TMF622')}/hub`, `POST ${CSP_ORDERS}`],
    );
    const [order] = cspRequestsTo(CSP_ORDERS);
    assert.equal(order.apiKey, bootstrapKey(SECRET, 'content-provider', 'csp'));
    assert.deepEqual(validate(resourceOf('TMF622', 'productOrder').createSchema!, order.body, 'request'), []);
    const ordered = order.body as { externalId: string; productOrderItem: { productOffering: { id: string } }[] };
    assert.equal(ordered.externalId, OWNED_PRODUCT_ID);
    assert.deepEqual(
      ordered.productOrderItem.map((i) => i.productOffering.id),
      [CSP_OWN_OFFERING_ID],
    );

    const patches = () => centralCatalogRequests.requests.filter((r) => r.method === 'PATCH');
    assert.equal((await orderEvent(accepted.body.cspOrder, 'inProgress')).status, 204);
    await drain();
    assert.deepEqual(patches(), [], 'an order in progress activates nothing');

    assert.equal((await orderEvent(accepted.body.cspOrder, 'completed')).status, 204);
    await drain();
    const [activation, ...more] = patches();
    assert.equal(more.length, 0);
    assert.equal(activation.path, `${basePath('TMF637')}/product/${OWNED_PRODUCT_ID}`);
    assert.deepEqual(activation.body, { status: 'active' });
    assert.deepEqual(validate(resourceOf('TMF637', 'product').updateSchema!, activation.body, 'request'), []);
    const { data, failures } = await state();
    assert.deepEqual(failures, []);
    assert.deepEqual(
      data.activations.map((a) => [a.customerId, a.state]),
      [[OWNER, 'active']],
    );
  });

  test("11.12: it disputes a prorated licence share, then verifies the OEM's revision and accepts it; a paid note asks nothing of it", async () => {
    await buildConverged();
    const accepted = await askActivation(OWNER);
    assert.equal((await orderEvent(accepted.body.cspOrder, 'completed')).status, 204);
    await drain();
    const NOTES = `${basePath('BillingV2')}/settlementNoteAdvice`;
    const item = (net: number, gross: number, label: string) => ({
      itemNumber: '1',
      itemId: 'rate-1',
      itemLabel: label,
      taxExcludedAmount: net,
      taxIncludedAmount: gross,
      taxItem: [{ taxCategory: 'VAT', taxRate: 0.2, taxAmount: Math.round((gross - net) * 100) / 100 }],
      productSpecification: { name: 'Music access', productNumber: OWNED_PRODUCT_ID },
    });
    let note: Record<string, unknown> = {
      id: 7,
      href: `${NOTES}/7`,
      '@type': 'SettlementNoteAdvice',
      state: 'issued',
      currencyCode: 'EUR',
      issuer: { id: 'car-manufacturer' },
      receiver: { id: 'content-provider' },
      payer: { id: 'car-manufacturer' },
      taxExcludedAmount: 3.54,
      taxIncludedAmount: 4.25,
      settlementNoteItem: [item(3.54, 4.25, 'Music access')],
    };
    const patches: Record<string, unknown>[] = [];
    server.use(
      http.get(`${OEM_URL}${NOTES}/7`, () => HttpResponse.json(note)),
      http.patch(`${OEM_URL}${NOTES}/7`, async ({ request }) => {
        const patch = (await request.json()) as Record<string, unknown>;
        patches.push(patch);
        note = { ...note, ...patch };
        return HttpResponse.json(note);
      }),
    );
    const OEM_KEY = bootstrapKey(SECRET, 'car-manufacturer', 'content-provider');
    const tell = (eventType: string, n: number) =>
      as(OEM_KEY)('POST', `/listener/${eventType[0].toLowerCase()}${eventType.slice(1)}`, {
        eventId: `oem-evt-${n}`,
        eventTime: '2026-02-01T08:00:00.000Z',
        eventType,
        event: { settlementNoteAdvice: note },
      });

    const told = await tell('SettlementNoteAdviceCreateEvent', 1);
    assert.equal(told.status, 204, JSON.stringify(told.body));
    await drain();
    assert.deepEqual(
      patches.map((p) => [p.state, (p.settlementNoteItem as { disputeReason?: string }[])[0].disputeReason]),
      [['disputed', 'item rate-1: the share of 4.99 EUR is owed in full for a month begun, not 3.54 EUR']],
    );

    note = {
      ...note,
      state: 'revised',
      revision: 1,
      disputeReason: undefined,
      taxExcludedAmount: 4.99,
      taxIncludedAmount: 5.99,
      settlementNoteItem: [item(4.99, 5.99, "Music access — raised from 3.54 EUR to the month's share after dispute")],
    };
    assert.equal((await tell('SettlementNoteAdviceStateChangeEvent', 2)).status, 204);
    await drain();
    assert.deepEqual(patches.slice(1), [{ state: 'accepted' }]);

    note = { ...note, state: 'paid' };
    assert.equal((await tell('SettlementNoteAdviceStateChangeEvent', 3)).status, 204);
    await drain();
    assert.equal(patches.length, 2, 'a paid note is not answered');
    const { data, failures } = await state();
    assert.deepEqual(failures, []);
    assert.deepEqual(
      data.partnerNoteReviews?.map((r) => [r.revision, r.decision, r.taxExcludedAmount]),
      [
        [0, 'disputed', 3.54],
        [1, 'accepted', 4.99],
      ],
    );
  });
});
