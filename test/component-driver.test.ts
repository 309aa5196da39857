/**
 * The driver (and the car) on its own: its peers — the OEM, the call center, the content provider and
 * the CSP — are msw mocks at fake hosts. The test posts to its inbox as its peers would, pulls its
 * control triggers as the harness does, and reads what each mock received.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { setupServer } from 'msw/node';
import { serviceOfferMessage } from '../actors/car-manufacturer/domain/service-sale.ts';
import { startDriver } from '../actors/driver/index.ts';
import { driverProfile, type DriverData } from '../actors/driver/store.ts';
import type { ActorConfig } from '../actors/kit/config.ts';
import type { RunningActor } from '../actors/kit/serve.ts';
import { PARTY_API } from '../core/party-api.ts';
import { driverPeerRequests, driverPeersHandlers, refusedActivation, resetDriverPeerRequests, USAGES, type DriverPeer } from '../mocks/driver-peers.ts';
import { passThroughTo } from '../mocks/pass-through.ts';
import { resourceOf } from '../tmf/apis.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';
import type { Entity } from '../tmf/data.ts';
import { hrefOf } from '../tmf/resource.ts';
import { validate } from '../tmf/schemas/index.ts';
import { call } from './support/http-app.ts';

const SECRET = 'component-driver-secret';
const SEED = 1;
const PEERS: Record<DriverPeer, string> = {
  'car-manufacturer': 'http://oem.test',
  'call-center': 'http://call-center.test',
  'content-provider': 'http://content-provider.test',
  csp: 'http://csp.test',
};
const CONFIG: ActorConfig = { storage: { kind: 'memory' }, secret: SECRET, peers: PEERS, callbacks: {}, seed: SEED };
const HARNESS_KEY = harnessKey(SECRET, 'driver');
const keyOf = (peer: DriverPeer) => bootstrapKey(SECRET, peer, 'driver');
const VEHICLE = 'VIN-COMPONENT-0001';

const server = setupServer(...driverPeersHandlers(PEERS));
let driver: RunningActor;

const as = (key: string | undefined) => (method: string, path: string, body?: unknown) => call(driver.url, method, path, { key, body });
const harness = as(HARNESS_KEY);
const state = async () => (await harness('GET', '/control/state')).body as { data: DriverData };
const inbox = async () => (await harness('GET', PARTY_API.inbox)).body as DriverData['inbox'];

/** Step 8.1 as the OEM sends it: the infotainment services offered with the driver's new car. */
const offers: Entity[] = ['3 GB', '5 GB'].map((name, i) => ({
  id: `po-oem-${i + 1}`,
  href: hrefOf('TMF620', 'productOffering', `po-oem-${i + 1}`),
  '@type': 'ProductOffering',
  name: `Infotainment ${name}`,
}));
const offerServices = () =>
  as(keyOf('car-manufacturer'))(
    'POST',
    PARTY_API.inbox,
    serviceOfferMessage({ vehicleId: VEHICLE, soldAt: '2026-01-01T08:00:00.000Z', driver: driverProfile(SEED) }, offers),
  );

/** The one request a peer received, checked against the schema its flow step must follow. */
function onlyRequest(peer: DriverPeer, path: string, schemaId: string): Record<string, unknown> {
  const [request, ...more] = driverPeerRequests[peer].requests;
  assert.equal(more.length, 0, `one request to ${peer}`);
  assert.equal(request.path, path);
  assert.equal(request.apiKey, bootstrapKey(SECRET, 'driver', peer));
  assert.deepEqual(validate(schemaId, request.body, 'request'), []);
  return request.body as Record<string, unknown>;
}

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(async () => {
  resetDriverPeerRequests();
  driver = await startDriver(CONFIG, 0);
  server.use(passThroughTo(driver.url));
});
afterEach(async () => {
  await driver.stop();
  server.resetHandlers();
});

describe('driver with mocked OEM, call center, content provider and CSP', () => {
  test('the inbox keeps a valid message, stamped with the sender it authenticated as', async () => {
    const message = { from: 'csp', topic: 'invoice-available', subject: 'Your invoice is available', body: 'January invoice: 12.00 EUR' };
    const posted = await as(keyOf('call-center'))('POST', PARTY_API.inbox, message);
    assert.equal(posted.status, 201);

    const [kept, ...more] = await inbox();
    assert.equal(more.length, 0);
    assert.deepEqual([kept.from, kept.subject, kept.body], ['call-center', message.subject, message.body]);
    assert.deepEqual(validate('InboxMessage', kept, 'response'), []);
  });

  test('the inbox refuses an invalid message (400) and an anonymous one (401), storing nothing', async () => {
    const invalid = await as(keyOf('csp'))('POST', PARTY_API.inbox, { from: 'csp', body: 'no subject' });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.code, 'SCHEMA_VIOLATION');
    const anonymous = await as(undefined)('POST', PARTY_API.inbox, { from: 'csp', subject: 'Hello', body: 'Hello' });
    assert.equal(anonymous.status, 401);

    assert.deepEqual(await inbox(), []);
    assert.deepEqual((await state()).data.inbox, []);
  });

  test('selecting an offered service sends the OEM a valid service selection for the car (8.2)', async () => {
    const tooEarly = await harness('POST', '/control/select-service', { service: '5 GB' });
    assert.equal(tooEarly.status, 409, 'nothing offered yet');
    assert.equal((await offerServices()).status, 201);
    const unknown = await harness('POST', '/control/select-service', { service: '100 GB' });
    assert.equal(unknown.status, 400);
    assert.deepEqual(driverPeerRequests['car-manufacturer'].requests, [], 'a refused selection sends nothing');

    assert.equal((await harness('POST', '/control/select-service', { service: '5 GB' })).status, 202);
    const selection = onlyRequest('car-manufacturer', PARTY_API.serviceSelection, 'ServiceSelection');
    assert.equal(selection.vehicleId, VEHICLE);
    assert.equal((selection.productOffering as { id: string }).id, 'po-oem-2');
    assert.deepEqual(selection.customer, driverProfile(SEED));
    assert.equal(selection.thirdPartyPayer, true);
  });

  test('a support call reaches the call center as a valid support request (9.1), its answer passed back', async () => {
    const answered = await harness('POST', '/control/call-support', { description: 'No mobile data connection', symptoms: ['no 4G'] });
    assert.equal(answered.status, 201);
    assert.equal(answered.body.ticket, 'troubleTicket-0001');
    const request = onlyRequest('call-center', PARTY_API.supportRequest, 'SupportRequest');
    assert.deepEqual([request.description, request.symptoms, (request.customer as { id: string }).id], ['No mobile data connection', ['no 4G'], 'driver']);
  });

  test('a portal order goes to the OEM, a channel order to the chosen channel, both as valid order requests', async () => {
    const order = { customerId: 'customer-1', productOfferingId: 'po-central-0002' };
    assert.equal((await harness('POST', '/control/portal-order', order)).status, 201);
    assert.deepEqual(onlyRequest('car-manufacturer', PARTY_API.portalOrder, 'ConvergedOrderRequest'), order);

    assert.equal((await harness('POST', '/control/channel-order', { ...order, channel: 'content-provider' })).status, 201);
    assert.deepEqual(onlyRequest('content-provider', PARTY_API.channelOrder, 'ConvergedOrderRequest'), order);

    const nowhere = await harness('POST', '/control/channel-order', { ...order, channel: 'call-center' });
    assert.equal(nowhere.status, 400);
    const incomplete = await harness('POST', '/control/portal-order', { customerId: 'customer-1' });
    assert.equal(incomplete.status, 400);
    assert.equal(driverPeerRequests['call-center'].requests.length + driverPeerRequests['car-manufacturer'].requests.length, 1, 'refused orders send nothing');
  });

  test('an activation request goes to the content provider (11.6); its refusal comes back as its own TMF error', async () => {
    assert.equal((await harness('POST', '/control/request-activation', { customerId: 'customer-1' })).status, 202);
    assert.deepEqual(onlyRequest('content-provider', PARTY_API.activationRequest, 'ActivationRequest'), { customerId: 'customer-1' });

    server.use(refusedActivation(PEERS['content-provider']));
    const refused = await harness('POST', '/control/request-activation', { customerId: 'customer-1' });
    assert.equal(refused.status, 409);
    assert.deepEqual([refused.body.code, refused.body.reason], ['NOT_OWNED', 'Service not owned']);
  });

  test("a month of driving sends each usage record to the CSP's TMF635 intake (8.9); a resend repeats the last one", async () => {
    await offerServices();
    const drive = { subscription: 'product-0001', period: '2026-01', infotainmentMB: '3000', telematicsMB: '40', sessions: { infotainment: 3, telematics: 2 } };
    const sent = await harness('POST', '/control/drive', drive);
    assert.equal(sent.status, 201);
    assert.deepEqual(
      sent.body.map((s: { httpStatus: number; outcome: string }) => [s.httpStatus, s.outcome]),
      Array(5).fill([201, 'rated']),
    );

    const usages = driverPeerRequests.csp.to(USAGES);
    assert.equal(usages.length, 5);
    const characteristic = (body: unknown, name: string) =>
      (body as { usageCharacteristic: { name: string; value: unknown }[] }).usageCharacteristic.find((c) => c.name === name)?.value;
    for (const usage of usages) {
      assert.equal(usage.apiKey, bootstrapKey(SECRET, 'driver', 'csp'));
      assert.deepEqual(validate(resourceOf('TMF635', 'usage').createSchema!, usage.body, 'request'), []);
      assert.equal(characteristic(usage.body, 'vehicleId'), VEHICLE);
      assert.equal(characteristic(usage.body, 'subscriptionId'), 'product-0001');
    }
    const recordIds = usages.map((u) => characteristic(u.body, 'recordId'));
    assert.equal(new Set(recordIds).size, 5, 'every record has its own id');

    assert.equal((await harness('POST', '/control/resend-usage')).status, 201);
    assert.equal(characteristic(driverPeerRequests.csp.to(USAGES)[5].body, 'recordId'), recordIds[4]);
    assert.equal((await state()).data.usageSent.length, 6);
  });
});
