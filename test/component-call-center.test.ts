/**
 * The call center on its own: its peers are msw mocks — the CSP and the OEM as ticket resolvers at
 * http://csp.test and http://oem.test (the OEM also as settlement issuer), the driver's inbox at
 * http://driver.test. The test plays the driver's call, the resolvers' events and the CSP's payments
 * with their credentials, and reads what the mocks received.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { setupServer } from 'msw/node';
import { startCallCenter } from '../actors/call-center/index.ts';
import type { CallCenterData } from '../actors/call-center/store.ts';
import { settlementPayment } from '../actors/csp/domain/settlement-payment.ts';
import type { ActorConfig } from '../actors/kit/config.ts';
import type { RunningActor } from '../actors/kit/serve.ts';
import type { Resolver } from '../actors/trouble-tickets/domain/redirect.ts';
import { INBOX_TOPIC, PARTY_API } from '../core/party-api.ts';
import { driverInbox, inboxHandlers } from '../mocks/inbox-peer.ts';
import { passThroughTo } from '../mocks/pass-through.ts';
import { resetResolverRequests, resolverHandlers, resolverRequests, resolverTicketId, TICKETS } from '../mocks/resolver-peer.ts';
import { NOTE_ID, NOTE_PATH, resetSettlement, settlementHandlers, settlementNote, settlementRequests } from '../mocks/settlement-peer.ts';
import { basePath, resourceOf } from '../tmf/apis.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';
import type { Entity } from '../tmf/data.ts';
import { hrefOf } from '../tmf/resource.ts';
import { validate } from '../tmf/schemas/index.ts';
import { call } from './support/http-app.ts';

const SECRET = 'component-call-center-secret';
const CSP_URL = 'http://csp.test';
const OEM_URL = 'http://oem.test';
const DRIVER_URL = 'http://driver.test';
const CALLBACK = 'http://call-center.test';
const CONFIG: ActorConfig = {
  storage: { kind: 'memory' },
  secret: SECRET,
  peers: { csp: CSP_URL, 'car-manufacturer': OEM_URL, driver: DRIVER_URL },
  callbacks: { csp: CALLBACK, 'car-manufacturer': CALLBACK },
  seed: 1,
};
const HARNESS_KEY = harnessKey(SECRET, 'call-center');
const DRIVER_KEY = bootstrapKey(SECRET, 'driver', 'call-center');
const keyOf = (party: Resolver) => bootstrapKey(SECRET, party, 'call-center');
const PAYMENTS = `${basePath('TMF676')}/payment`;

const server = setupServer(...resolverHandlers('csp', CSP_URL), ...resolverHandlers('car-manufacturer', OEM_URL), ...settlementHandlers(OEM_URL), ...inboxHandlers(DRIVER_URL));
let callCenter: RunningActor;

const as = (key: string) => (method: string, path: string, body?: unknown) => call(callCenter.url, method, path, { key, body });
const harness = as(HARNESS_KEY);
const drain = async () => assert.equal((await harness('POST', '/control/drain')).status, 200);
const state = async () => (await harness('GET', '/control/state')).body as { failures: string[]; data: CallCenterData };
const masterTicket = async (id: string) => (await harness('GET', `${basePath('TMF621')}/troubleTicket/${id}`)).body as Entity;

/** Step 9.1 as the driver makes it. */
const supportCall = (description: string) => as(DRIVER_KEY)('POST', PARTY_API.supportRequest, { customer: { id: 'driver', name: 'Driver' }, description });

/** A resolver's ticket event (9.5, 9.6) as the resolver sends it to the call center's listener. */
let eventCount = 0;
function ticketEvent(from: Resolver, eventType: 'TroubleTicketStatusChangeEvent' | 'TroubleTicketResolvedEvent', master: string, status: string, note?: string) {
  const id = resolverTicketId(from, 1);
  const troubleTicket = {
    id, href: hrefOf('TMF621', 'troubleTicket', id), '@type': 'TroubleTicket', externalId: master, status,
    description: 'No mobile data connection', severity: 'minor', ticketType: 'connectivity',
    ...(note ? { note: [{ text: note, author: from }] } : {}),
  };
  eventCount += 1;
  const listener = `/listener/${eventType[0].toLowerCase()}${eventType.slice(1)}`;
  return as(keyOf(from))('POST', listener, { eventId: `${from}-evt-${eventCount}`, eventTime: '2026-03-02T09:00:00.000Z', eventType, event: { troubleTicket } });
}

/** Step 9.10 as the OEM tells it: a new settlement note advice for the call center, which follows the OEM's settlements. */
async function noteAnnounced() {
  assert.equal((await harness('POST', '/control/follow-settlements')).status < 300, true);
  return as(keyOf('car-manufacturer'))('POST', '/listener/settlementNoteAdviceCreateEvent', {
    eventId: 'oem-evt-1', eventTime: '2026-04-01T00:00:00.000Z', eventType: 'SettlementNoteAdviceCreateEvent', event: { settlementNoteAdvice: settlementNote },
  });
}

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(async () => {
  resetResolverRequests();
  resetSettlement();
  driverInbox.reset();
  callCenter = await startCallCenter(CONFIG, 0);
  server.use(passThroughTo(callCenter.url));
});
afterEach(async () => {
  await callCenter.stop();
  server.resetHandlers();
});

describe('call center with mocked resolvers, OEM settlements and driver inbox', () => {
  for (const [description, nature, resolver, other] of [
    ['No mobile data connection since this morning', 'connectivity', 'csp', 'car-manufacturer'],
    ['The music streaming app freezes on the screen', 'infotainment', 'car-manufacturer', 'csp'],
  ] as const) {
    test(`a ${nature} support request opens a master ticket sent to ${resolver} only`, async () => {
      const opened = await supportCall(description);
      assert.equal(opened.status, 201);
      assert.deepEqual({ nature: opened.body.nature, routedTo: opened.body.routedTo }, { nature, routedTo: resolver });
      await drain();

      const log = resolverRequests[resolver];
      assert.deepEqual(log.calls(), [`POST ${basePath('TMF621')}/hub`, `POST ${TICKETS}`]);
      assert.deepEqual(log.requests[0].body, { callback: CALLBACK, query: '' });
      const [, sent] = log.requests;
      assert.equal(sent.apiKey, bootstrapKey(SECRET, 'call-center', resolver));
      assert.deepEqual(validate(resourceOf('TMF621', 'troubleTicket').createSchema!, sent.body, 'request'), []);
      const ticket = sent.body as Entity;
      assert.equal(ticket.externalId, opened.body.ticket);
      assert.equal(ticket.ticketType, nature);
      assert.deepEqual(resolverRequests[other].requests, []);

      const master = await masterTicket(opened.body.ticket);
      assert.equal(master.status, 'acknowledged');
      const assigned = (master.troubleTicketRelationship as { id: string; href: string; name: string }[])[0];
      assert.deepEqual([assigned.id, assigned.name], [resolverTicketId(resolver, 1), resolver]);
      assert.equal(assigned.href, `${resolver === 'csp' ? CSP_URL : OEM_URL}${hrefOf('TMF621', 'troubleTicket', assigned.id)}`);
      assert.deepEqual((await state()).failures, []);
    });
  }

  test('a support request is refused from anyone but the driver, and when invalid; no ticket is opened', async () => {
    const fromCsp = await as(keyOf('csp'))('POST', PARTY_API.supportRequest, { customer: { id: 'driver' }, description: 'No signal' });
    assert.equal(fromCsp.status, 403);
    const invalid = await as(DRIVER_KEY)('POST', PARTY_API.supportRequest, { description: 'No signal' });
    assert.equal(invalid.status, 400);
    await drain();

    assert.deepEqual((await state()).data.resources['TMF621.troubleTicket'] ?? [], []);
    assert.deepEqual([...resolverRequests.csp.requests, ...resolverRequests['car-manufacturer'].requests], []);
  });

  test('the resolver\'s progress moves the master ticket; its resolution tells the driver and closes both tickets', async () => {
    const master = (await supportCall('No mobile data connection since this morning')).body.ticket as string;
    await drain();

    assert.equal((await ticketEvent('csp', 'TroubleTicketStatusChangeEvent', master, 'inProgress')).status, 204);
    assert.equal((await masterTicket(master)).status, 'inProgress');
    assert.equal(driverInbox.requests.length, 0, 'nothing to tell the driver before the resolution');

    assert.equal((await ticketEvent('csp', 'TroubleTicketResolvedEvent', master, 'resolved', 'Cell site restarted')).status, 204);
    await drain();

    const [told, ...more] = driverInbox.requests;
    assert.equal(more.length, 0);
    assert.equal(told.apiKey, bootstrapKey(SECRET, 'call-center', 'driver'));
    assert.deepEqual(validate('InboxMessage', told.body, 'request'), []);
    const message = told.body as { topic: string; body: string; relatedEntity: { id: string }[] };
    assert.equal(message.topic, INBOX_TOPIC.ticketOutcome);
    assert.match(message.body, /Cell site restarted/);
    assert.equal(message.relatedEntity[0].id, master);

    const closed = await masterTicket(master);
    assert.deepEqual([closed.status, closed.resolution], ['closed', 'Cell site restarted']);
    const [closing] = resolverRequests.csp.requests.filter((r) => r.method === 'PATCH');
    assert.equal(closing.path, `${TICKETS}/${resolverTicketId('csp', 1)}`);
    assert.equal((closing.body as { status: string }).status, 'closed');
  });

  test('a resolution sent by a party that does not hold the ticket changes nothing', async () => {
    const master = (await supportCall('No mobile data connection since this morning')).body.ticket as string;
    await drain();

    const refused = await ticketEvent('car-manufacturer', 'TroubleTicketResolvedEvent', master, 'resolved', 'not mine');
    assert.equal(refused.status, 403, 'the call center never subscribed to the OEM\'s tickets');
    await drain();

    assert.equal((await masterTicket(master)).status, 'acknowledged');
    assert.deepEqual(driverInbox.requests, []);
    assert.deepEqual(resolverRequests.csp.requests.filter((r) => r.method === 'PATCH'), []);
  });

  test('a settlement note is read when announced, then disputed with its reason or accepted at the OEM', async () => {
    assert.equal((await noteAnnounced()).status, 204);
    await drain();
    assert.deepEqual(settlementRequests.calls(), [`POST ${basePath('BillingV2')}/hub`, `GET ${NOTE_PATH}`]);
    assert.deepEqual((await state()).data.settlementNotes.map((n) => [n.id, n.state]), [[NOTE_ID, 'issued']]);

    const reason = 'the late resolution followed a software fault outside our control';
    const disputed = await harness('POST', '/control/settlement-decision', { note: NOTE_ID, decision: 'disputed', reason });
    assert.equal(disputed.status, 200);
    const accepted = await harness('POST', '/control/settlement-decision', { note: NOTE_ID, decision: 'accepted' });
    assert.equal(accepted.status, 200);
    const invalid = await harness('POST', '/control/settlement-decision', { note: NOTE_ID, decision: 'maybe' });
    assert.equal(invalid.status, 400);

    const patches = settlementRequests.requests.filter((r) => r.method === 'PATCH');
    assert.deepEqual(patches.map((p) => p.body), [{ state: 'disputed', disputeReason: reason }, { state: 'accepted' }]);
    for (const p of patches) assert.deepEqual(validate(resourceOf('BillingV2', 'settlementNoteAdvice').updateSchema!, p.body, 'request'), []);
    assert.deepEqual((await state()).data.settlementNotes.map((n) => n.state), ['accepted']);
  });

  test('the CSP pays an accepted settlement once: before acceptance and a second time it is refused (409)', async () => {
    const pay = () => as(keyOf('csp'))('POST', PAYMENTS, settlementPayment(settlementNote, `${OEM_URL}${NOTE_PATH}`, new Date('2026-04-05T00:00:00Z')));
    await noteAnnounced();
    await drain();

    const early = await pay();
    assert.equal(early.status, 409);
    assert.equal(early.body.reason, 'Settlement not accepted');
    assert.deepEqual((await state()).data.resources['TMF676.payment'] ?? [], []);

    await harness('POST', '/control/settlement-decision', { note: NOTE_ID, decision: 'accepted' });
    const paid = await pay();
    assert.equal(paid.status, 201);
    assert.equal(paid.body.status, 'succeeded');
    await drain();
    assert.equal(settlementNote.state, 'paid', 'the call center marks the note paid at the OEM');

    const again = await pay();
    assert.equal(again.status, 409);
    assert.equal(again.body.reason, 'Already paid');
    assert.equal((await state()).data.resources['TMF676.payment']?.length, 1);
  });
});
