/**
 * The CSP's fulfilment of a partner order (figure 7) cut short by a kill: the store file is copied as a
 * kill would leave it at a chosen commit, the CSP restarted on the copy. The OEM is an msw mock. The
 * restarted CSP completes the order once, with one set of products and accounts, and tells the OEM its
 * credentials (again, if they were not known to be delivered: the OEM keeps the same result once).
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

type Moment = (data: CspData, orderId: string) => boolean;
const orderIn = (data: CspData, orderId: string) => data.resources['TMF622.productOrder']!.find((o) => o.id === orderId)!;
const registered = (order: Entity) => (order.productOrderItem as { product?: unknown }[]).every((item) => item.product !== undefined);

/**
 * Runs the partner order on a file store, copies the file at the first commit where `moment` holds,
 * restarts the CSP on the copy and lets it finish. Returns what the restarted CSP holds and told.
 */
async function fulfilmentAfterKill(moment: Moment, oemDownBeforeKill = false) {
  const path = join(dir, 'csp.json');
  const atCrash = join(dir, 'csp-at-crash.json');
  csp = await start(path);
  let orderId = '';
  csp.runtime.store.onCommit(() => {
    if (orderId && !existsSync(atCrash) && moment(csp!.runtime.store.data as CspData, orderId)) copyFileSync(path, atCrash);
  });
  // The hand-over of the credentials cannot happen before the kill.
  if (oemDownBeforeKill) server.use(http.post(`${OEM_URL}${PARTY_API.onboardingResult}`, () => HttpResponse.json({ code: 'UNAVAILABLE' }, { status: 503 })));
  orderId = await placePartnerOrder(csp);
  await drain(csp);
  await csp.stop();
  assert.ok(existsSync(atCrash), 'the commit was made');
  server.resetHandlers();
  resetOemInbox();

  csp = await start(atCrash);
  await drain(csp);
  const data = csp.runtime.store.data as CspData;
  const owned = (key: string) => (data.resources[key] ?? []).filter((e) => data.owners[e.href] === 'car-manufacturer').length;
  const keys = oemInbox.onboardingResults.map((r) => (r.body as { apiKey: string }).apiKey);
  return {
    state: orderIn(data, orderId).state,
    completedJournaled: data.journal.filter((e) => e.type === JOURNAL.orderCompleted && e.data.order === orderId).length,
    completedNotified: oemInbox.events.filter((e) => (e.body.event.productOrder as Entity | undefined)?.state === 'completed').length,
    products: (data.resources['TMF637.product'] ?? []).length,
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
  const outcome = await fulfilmentAfterKill((data, id) => orderIn(data, id).state === 'inProgress' && !registered(orderIn(data, id)));
  assert.deepEqual(outcome, ONCE);
});

test('killed after registering the products but before completing, the restarted CSP completes the order without registering again', async () => {
  const outcome = await fulfilmentAfterKill((data, id) => orderIn(data, id).state === 'inProgress' && registered(orderIn(data, id)));
  assert.deepEqual(outcome, ONCE);
});

test('killed after completing but before the OEM got its credentials, the restarted CSP hands them over, once', async () => {
  const outcome = await fulfilmentAfterKill((data, id) => orderIn(data, id).state === 'completed', true);
  assert.deepEqual(outcome, ONCE);
});
