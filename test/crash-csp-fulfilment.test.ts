/**
 * The CSP's fulfilment of a partner order (figure 7), a consumer order (figure 8) or a converged offer's
 * connectivity order (figure 11) cut short by a kill: the store file is copied as a kill would leave it
 * at a chosen commit, the CSP restarted on the copy. The OEM is an msw mock. The restarted CSP completes the order once, with one set of products and
 * accounts, and tells the OEM its credentials (again, if they were not known to be delivered: the OEM
 * keeps the same result once).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, test } from 'node:test';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { startCsp } from '../actors/csp/index.ts';
import type { CspData } from '../actors/csp/store.ts';
import type { ActorConfig } from '../actors/kit/config.ts';
import type { RunningActor } from '../actors/kit/serve.ts';
import { JOURNAL } from '../core/journal-events.ts';
import { PARTY_API } from '../core/party-api.ts';
import { oemHandlers, oemInbox, resetOemInbox } from '../mocks/oem-peer.ts';
import { passThroughTo } from '../mocks/pass-through.ts';
import { basePath } from '../tmf/apis.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';
import type { Entity } from '../tmf/data.ts';
import { call } from './support/http-app.ts';

const SECRET = 'crash-csp-fulfilment';
const OEM_URL = 'http://oem.test';
const OEM_KEY = bootstrapKey(SECRET, 'car-manufacturer', 'csp');
const server = setupServer(...oemHandlers(OEM_URL));
let dir: string;
let csp: RunningActor | undefined;

const configOn = (path: string): ActorConfig => ({
  storage: { kind: 'file', path },
  secret: SECRET,
  peers: { 'car-manufacturer': OEM_URL },
  callbacks: { 'car-manufacturer': 'http://csp.test' },
  seed: 1,
  delivery: { burst: 2, burstDelayMs: 1, timeoutMs: 2000 },
});

async function start(path: string): Promise<RunningActor> {
  const running = await startCsp(configOn(path), 0);
  server.use(passThroughTo(running.url));
  return running;
}

const drain = async (running: RunningActor) =>
  assert.equal((await call(running.url, 'POST', '/control/drain', { key: harnessKey(SECRET, 'csp') })).status, 200);

/** Step 7.1 as the OEM does it: it listens to order state changes, then orders the partner offers. */
async function placePartnerOrder(running: RunningActor): Promise<string> {
  const hub = await call(running.url, 'POST', `${basePath('TMF622')}/hub`, {
    key: OEM_KEY,
    body: { callback: OEM_URL, query: 'eventType=ProductOrderStateChangeEvent' },
  });
  assert.equal(hub.status, 201);
  const order = await call(running.url, 'POST', `${basePath('TMF622')}/productOrder`, {
    key: OEM_KEY,
    body: {
      relatedParty: [{ id: 'car-manufacturer', name: 'Car manufacturer', role: 'buyer', '@referredType': 'Organization' }],
      productOrderItem: ['po-partner-connectivity', 'po-split-billing'].map((id, i) => ({
        id: String(i + 1),
        action: 'add',
        quantity: 1,
        productOffering: { id },
      })),
    },
  });
  assert.equal(order.status, 201);
  return order.body.id as string;
}

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(() => {
  resetOemInbox();
  dir = mkdtempSync(join(tmpdir(), 'csp-fulfilment-'));
});
afterEach(async () => {
  await csp?.stop();
  csp = undefined;
  server.resetHandlers();
  rmSync(dir, { recursive: true, force: true });
});

/** A moment of the fulfilment of the order placed last, seen at a commit. */
type Moment = (order: Entity) => boolean;
const orderIn = (data: CspData, orderId: string) => data.resources['TMF622.productOrder']!.find((o) => o.id === orderId)!;
const registered = (order: Entity) => (order.productOrderItem as { product?: { id?: string } }[]).every((item) => item.product?.id !== undefined);
const atInProgress: Moment = (order) => order.state === 'inProgress' && !registered(order);
const afterRegistration: Moment = (order) => order.state === 'inProgress' && registered(order);

/**
 * On a file store: `setUp`, then `place` an order; the file is copied at the first commit where the
 * order placed last is at `moment`, as a kill would leave it; the CSP is restarted on the copy and
 * left to finish. Returns the restarted CSP's data and the order's id.
 */
async function restartedAfterKill(
  place: (running: RunningActor) => Promise<string>,
  moment: Moment,
  options: { setUp?: (running: RunningActor) => Promise<void>; oemDownBeforeKill?: boolean } = {},
) {
  const path = join(dir, 'csp.json');
  const atCrash = join(dir, 'csp-at-crash.json');
  csp = await start(path);
  await options.setUp?.(csp);
  csp.runtime.store.onCommit(() => {
    const last = (csp!.runtime.store.data as CspData).resources['TMF622.productOrder']?.at(-1);
    if (last && !existsSync(atCrash) && moment(last)) copyFileSync(path, atCrash);
  });
  // The hand-over of the credentials cannot happen before the kill.
  if (options.oemDownBeforeKill)
    server.use(http.post(`${OEM_URL}${PARTY_API.onboardingResult}`, () => HttpResponse.json({ code: 'UNAVAILABLE' }, { status: 503 })));
  const orderId = await place(csp);
  await drain(csp);
  await csp.stop();
  assert.ok(existsSync(atCrash), 'the commit was made');
  server.resetHandlers();
  resetOemInbox();

  csp = await start(atCrash);
  await drain(csp);
  return { data: csp.runtime.store.data as CspData, orderId };
}

/** The order completed, how often, with how many products: the same on every fulfilment path. */
function completions(data: CspData, orderId: string) {
  const madeFor = (product: Entity) => (product.productOrderItem as { productOrderId: string }[]).some((ref) => ref.productOrderId === orderId);
  return {
    state: orderIn(data, orderId).state,
    completedJournaled: data.journal.filter((e) => e.type === JOURNAL.orderCompleted && e.data.order === orderId).length,
    completedNotified: oemInbox.events.filter((e) => {
      const order = e.body.event.productOrder as Entity | undefined;
      return order?.id === orderId && order.state === 'completed';
    }).length,
    products: (data.resources['TMF637.product'] ?? []).filter(madeFor).length,
  };
}

/** A partner order (figure 7) cut short at `moment`: what the restarted CSP holds and told. */
async function partnerFulfilmentAfterKill(moment: Moment, oemDownBeforeKill = false) {
  const { data, orderId } = await restartedAfterKill(placePartnerOrder, moment, { oemDownBeforeKill });
  const owned = (key: string) => (data.resources[key] ?? []).filter((e) => data.owners[e.href] === 'car-manufacturer').length;
  const keys = oemInbox.onboardingResults.map((r) => (r.body as { apiKey: string }).apiKey);
  return {
    ...completions(data, orderId),
    organizations: owned('TMF632.organization'),
    billingAccounts: owned('TMF666.billingAccount'),
    credentials: data.credentials.filter((c) => c.party === 'car-manufacturer').length,
    onboarded: data.journal.filter((e) => e.type === JOURNAL.partnerOnboarded).length,
    toldTheIssuedKey: keys.length === 1 && keys[0] === data.credentials.filter((c) => c.party === 'car-manufacturer').at(-1)!.apiKey,
  };
}

const ONCE = {
  state: 'completed',
  completedJournaled: 1,
  completedNotified: 1,
  products: 2,
  organizations: 1,
  billingAccounts: 1,
  credentials: 1,
  onboarded: 1,
  toldTheIssuedKey: true,
};

test('killed at the commit that set the order inProgress, the restarted CSP onboards, registers and completes it once', async () => {
  const outcome = await partnerFulfilmentAfterKill(atInProgress);
  assert.deepEqual(outcome, ONCE);
});

test('killed after registering the products but before completing, the restarted CSP completes the order without registering again', async () => {
  const outcome = await partnerFulfilmentAfterKill(afterRegistration);
  assert.deepEqual(outcome, ONCE);
});

test('killed after completing but before the OEM got its credentials, the restarted CSP hands them over, once', async () => {
  const outcome = await partnerFulfilmentAfterKill((order) => order.state === 'completed', true);
  assert.deepEqual(outcome, ONCE);
});

/** Figure 8: the OEM onboarded (figure 7) and the driver known to the CSP as an individual. */
let issuedKey = '';
let driverId = '';
async function onboardedWithDriver(running: RunningActor): Promise<void> {
  await placePartnerOrder(running);
  await drain(running);
  issuedKey = (oemInbox.onboardingResults[0].body as { apiKey: string }).apiKey;
  const driver = await call(running.url, 'POST', `${basePath('TMF632')}/individual`, {
    key: issuedKey,
    body: { givenName: 'Ada', familyName: 'Lovelace', contactMedium: [{ mediumType: 'email', characteristic: { emailAddress: 'ada@example.com' } }] },
  });
  assert.equal(driver.status, 201);
  driverId = driver.body.id as string;
}

/** Step 8.7: the driver's infotainment subscription, 30 % paid by the OEM and 70 % by the driver. */
async function placeConsumerOrder(running: RunningActor): Promise<string> {
  const criteria = {
    basis: 'percentage',
    shares: [
      { payerRole: 'buyer', percent: 30 },
      { payerRole: 'thirdPartyPayer', percent: 70 },
    ],
  };
  const order = await call(running.url, 'POST', `${basePath('TMF622')}/productOrder`, {
    key: issuedKey,
    body: {
      relatedParty: [
        { id: 'car-manufacturer', role: 'buyer' },
        { id: driverId, role: 'thirdPartyPayer' },
      ],
      productOrderItem: [
        {
          id: '1',
          action: 'add',
          quantity: 1,
          productOffering: { id: 'po-infotainment-20gb' },
          product: { productCharacteristic: [{ name: 'splitBillingCriteria', value: criteria }] },
        },
      ],
    },
  });
  assert.equal(order.status, 201);
  return order.body.id as string;
}

/** A consumer order (figure 8) cut short at `moment`: what the restarted CSP holds. */
async function consumerFulfilmentAfterKill(moment: Moment) {
  const { data, orderId } = await restartedAfterKill(placeConsumerOrder, moment, { setUp: onboardedWithDriver });
  return {
    ...completions(data, orderId),
    payersRegistered: data.journal.filter((e) => e.type === JOURNAL.payerRegistered).length,
    usageCollections: data.usageCollections.length,
  };
}

const CONSUMER_ONCE = { state: 'completed', completedJournaled: 1, completedNotified: 1, products: 1, payersRegistered: 1, usageCollections: 1 };

test('a consumer order killed at the commit that set it inProgress is set up and completed once after the restart', async () => {
  assert.deepEqual(await consumerFulfilmentAfterKill(atInProgress), CONSUMER_ONCE);
});

test('a consumer order killed after its payer and subscription were set up is completed after the restart without setting them up again', async () => {
  assert.deepEqual(await consumerFulfilmentAfterKill(afterRegistration), CONSUMER_ONCE);
});

/** Figure 10 done at the CSP (10.1, 10.2): an offer for partners, launched and partner-eligible. */
let partnerOfferId = '';
async function partnerEligibleOffer(running: RunningActor): Promise<void> {
  const harnessCall = (path: string, body: unknown) => call(running.url, 'POST', path, { key: harnessKey(SECRET, 'csp'), body });
  const offer = await harnessCall('/control/partner-offer', { name: 'Connectivity for partners', monthlyFee: '7.50' });
  assert.equal(offer.status, 201);
  partnerOfferId = offer.body.id as string;
  assert.equal((await harnessCall('/control/partner-eligible', { productOfferingId: partnerOfferId })).status, 200);
}

/** Step 11.8: the content provider orders the connectivity part of its converged offer for a customer. */
async function placeConnectivityOrder(running: RunningActor): Promise<string> {
  const order = await call(running.url, 'POST', `${basePath('TMF622')}/productOrder`, {
    key: bootstrapKey(SECRET, 'content-provider', 'csp'),
    body: {
      relatedParty: [{ id: 'content-provider', role: 'buyer' }],
      productOrderItem: [{ id: '1', action: 'add', quantity: 1, productOffering: { id: partnerOfferId } }],
    },
  });
  assert.equal(order.status, 201);
  return order.body.id as string;
}

/** A converged offer's connectivity order (figure 11) cut short at `moment`: what the restarted CSP holds. */
async function connectivityAfterKill(moment: Moment) {
  const { data, orderId } = await restartedAfterKill(placeConnectivityOrder, moment, { setUp: partnerEligibleOffer });
  const { state, completedJournaled, products } = completions(data, orderId);
  return { state, completedJournaled, products };
}

const CONNECTIVITY_ONCE = { state: 'completed', completedJournaled: 1, products: 1 };

test('a converged connectivity order killed at the commit that set it inProgress registers and completes once after the restart', async () => {
  assert.deepEqual(await connectivityAfterKill(atInProgress), CONNECTIVITY_ONCE);
});

test('a converged connectivity order killed after its subscription was registered completes after the restart without registering it again', async () => {
  assert.deepEqual(await connectivityAfterKill(afterRegistration), CONNECTIVITY_ONCE);
});
