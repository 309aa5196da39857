/**
 * The call center on its own: its peers are msw mocks — the CSP and the OEM as ticket resolvers at
 * http://csp.test and http://oem.test (the OEM also as settlement issuer), the driver's inbox at
 * http://driver.test. The test plays the driver's call, the resolvers' events and the CSP's payments
 * with their credentials, and reads what the mocks received.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { startCallCenter } from '../actors/call-center/index.ts';
import type { CallCenterData } from '../actors/call-center/store.ts';
import { settlementPayment } from '../actors/csp/domain/ticket-settlement-payment.ts';
import type { ActorConfig } from '../actors/kit/config.ts';
import type { RunningActor } from '../actors/kit/serve.ts';
import type { Resolver } from '../actors/trouble-tickets/domain/redirect.ts';
import { INBOX_TOPIC, PARTY_API } from '../core/party-api.ts';
import { driverInbox, inboxHandlers } from '../mocks/inbox-peer.ts';
import { passThroughTo } from '../mocks/pass-through.ts';
import { resetResolverRequests, resolverHandlers, resolverRequests, resolverTicketId, TICKETS } from '../mocks/resolver-peer.ts';
import { NOTE_PATH, resetSettlement, settlementHandlers, settlementNote } from '../mocks/settlement-peer.ts';
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

const server = setupServer(
  ...resolverHandlers('csp', CSP_URL),
  ...resolverHandlers('car-manufacturer', OEM_URL),
  ...settlementHandlers(OEM_URL),
  ...inboxHandlers(DRIVER_URL),
);
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
function ticketEvent(
  from: Resolver,
  eventType: 'TroubleTicketStatusChangeEvent' | 'TroubleTicketResolvedEvent',
  master: string,
  status: string,
  note?: string,
) {
  const id = resolverTicketId(from, 1);
  const troubleTicket = {
    id,
    href: hrefOf('TMF621', 'troubleTicket', id),
    '@type': 'TroubleTicket',
    externalId: master,
    status,
    description: 'No mobile data connection',
    severity: 'minor',
    ticketType: 'connectivity',
    ...(note ? { note: [{ text: note, author: from }] } : {}),
  };
  eventCount += 1;
  const listener = `/listener/${eventType[0].toLowerCase()}${eventType.slice(1)}`;
  return as(keyOf(from))('POST', listener, {
    eventId: `${from}-evt-${eventCount}`,
    eventTime: '2026-03-02T09:00:00.000Z',
    eventType,
    event: { troubleTicket },
  });
}

/** Step 9.10 as the OEM tells it: a new settlement note advice for the call center, which follows the OEM's settlements. */
async function noteAnnounced() {
  assert.equal((await harness('POST', '/control/follow-settlements')).status < 300, true);
  return as(keyOf('car-manufacturer'))('POST', '/listener/settlementNoteAdviceCreateEvent', {
    eventId: 'oem-evt-1',
    eventTime: '2026-04-01T00:00:00.000Z',
    eventType: 'SettlementNoteAdviceCreateEvent',
    event: { settlementNoteAdvice: settlementNote },
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

  test("the resolver's progress moves the master ticket; its resolution tells the driver and closes both tickets", async () => {
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
    assert.equal(refused.status, 403, "the call center never subscribed to the OEM's tickets");
    await drain();

    assert.equal((await masterTicket(master)).status, 'acknowledged');
    assert.deepEqual(driverInbox.requests, []);
    assert.deepEqual(
      resolverRequests.csp.requests.filter((r) => r.method === 'PATCH'),
      [],
    );
  });

  /** A resolved connectivity trouble in the call center's records: called at 08:00, resolution heard at `resolvedAt`. */
  async function resolvedTrouble(resolvedAt: string): Promise<string> {
    assert.equal((await harness('PUT', '/control/clock', { now: '2026-03-02T08:00:00.000Z' })).status, 200);
    const master = (await supportCall('No mobile data connection since this morning')).body.ticket as string;
    await drain();
    assert.equal((await harness('PUT', '/control/clock', { now: resolvedAt })).status, 200);
    await ticketEvent('csp', 'TroubleTicketResolvedEvent', master, 'resolved', 'Cell site restarted');
    await drain();
    return master;
  }

  test('a master ticket the call center closes in its own process shows the simulated time of that change as lastUpdate', async () => {
    const resolvedAt = '2026-03-02T11:45:00.000Z';
    const master = await resolvedTrouble(resolvedAt);
    const closed = await masterTicket(master);
    assert.equal(closed.status, 'closed');
    assert.equal(closed.lastUpdate, resolvedAt, 'no PATCH of the ticket: the status change itself is the update');
  });

  /** The OEM's note, served for this test only, with the items given; what the call center PATCHes is kept. */
  function serveNote(items: { itemId: string; net: number; gross: number }[]): { patches: Record<string, unknown>[] } {
    const note = {
      ...settlementNote,
      taxExcludedAmount: items.reduce((a, i) => a + i.net * 100, 0) / 100,
      taxIncludedAmount: items.reduce((a, i) => a + i.gross * 100, 0) / 100,
      settlementNoteItem: items.map((i, n) => ({ itemNumber: String(n + 1), itemId: i.itemId, taxExcludedAmount: i.net, taxIncludedAmount: i.gross })),
    };
    const patches: Record<string, unknown>[] = [];
    server.use(
      http.get(`${OEM_URL}${NOTE_PATH}`, () => HttpResponse.json(note)),
      http.patch(`${OEM_URL}${NOTE_PATH}`, async ({ request }) => {
        const body = (await request.json()) as Record<string, unknown>;
        patches.push(body);
        return HttpResponse.json({ ...note, state: body.state, ...(body.disputeReason ? { disputeReason: body.disputeReason } : {}) });
      }),
    );
    return { patches };
  }

  test('a revision told twice by a v2 OEM, which serves the note id as an integer, is judged once', async () => {
    const master = await resolvedTrouble('2026-03-02T10:00:00.000Z');
    // As a Billing v2 API serves it: digits stored as text, served as a number.
    const revisedNote = {
      ...settlementNote,
      id: 7,
      href: hrefOf('BillingV2', 'settlementNoteAdvice', '7'),
      state: 'revised',
      revision: 1,
      taxExcludedAmount: 16.5,
      taxIncludedAmount: 19.8,
      settlementNoteItem: [{ itemNumber: '1', itemId: master, taxExcludedAmount: 16.5, taxIncludedAmount: 19.8 }],
    };
    const patches: unknown[] = [];
    server.use(
      http.patch(`${OEM_URL}${basePath('BillingV2')}/settlementNoteAdvice/7`, async ({ request }) => {
        patches.push(await request.json());
        return HttpResponse.json({ ...revisedNote, state: 'accepted' });
      }),
    );
    assert.equal((await harness('POST', '/control/follow-settlements')).status < 300, true);
    for (const eventId of ['oem-revision-1', 'oem-revision-1-again']) {
      const told = await as(keyOf('car-manufacturer'))('POST', '/listener/settlementNoteAdviceStateChangeEvent', {
        eventId,
        eventTime: '2026-04-02T00:00:00.000Z',
        eventType: 'SettlementNoteAdviceStateChangeEvent',
        event: { settlementNoteAdvice: revisedNote },
      });
      assert.equal(told.status < 300, true);
      await drain();
    }
    assert.deepEqual(patches, [{ state: 'accepted' }], 'the second telling of revision 1 finds it reviewed');
    const reviews = (await state()).data.settlementReviews ?? [];
    assert.deepEqual(
      reviews.map((r) => [r.note, r.revision, r.decision]),
      [['7', 1, 'accepted']],
    );
    assert.deepEqual(
      (await state()).data.settlementNotes.map((n) => n.id),
      ['7'],
      'the note is kept under its id as text, once',
    );
  });

  test('a settlement note whose every item its own records confirm is accepted', async () => {
    const master = await resolvedTrouble('2026-03-02T10:00:00.000Z');
    const { patches } = serveNote([{ itemId: master, net: 16.5, gross: 19.8 }]);
    await noteAnnounced();
    await drain();
    assert.deepEqual(patches, [{ state: 'accepted' }], 'resolved in 2 h: 15.00 + 10 % bonus = 16.50, 19.80 with 20 % tax');
    const [review] = (await state()).data.settlementReviews ?? [];
    assert.deepEqual(
      review.items.map((i) => [i.itemId, i.verdict, i.due]),
      [[master, 'accepted', '16.50']],
    );
  });

  test('a note is disputed item by item: a malus its records do not bear out, and a ticket it never handled', async () => {
    const master = await resolvedTrouble('2026-03-02T11:00:00.000Z');
    const { patches } = serveNote([
      { itemId: master, net: 12, gross: 14.4 },
      { itemId: 'tt-not-ours', net: 15, gross: 18 },
    ]);
    await noteAnnounced();
    await drain();
    assert.equal(patches.length, 1);
    const [dispute] = patches as { state: string; disputeReason: string; settlementNoteItem: { itemId: string; disputeReason?: string }[] }[];
    assert.equal(dispute.state, 'disputed');
    assert.deepEqual(validate(resourceOf('BillingV2', 'settlementNoteAdvice').updateSchema!, dispute, 'request'), []);
    const reasons = Object.fromEntries(dispute.settlementNoteItem.map((i) => [i.itemId, i.disputeReason]));
    assert.match(reasons[master]!, /resolved in 3 h, within 4 h: fee plus 10 % bonus: 16\.50 EUR due, the note settles 12\.00/);
    assert.match(reasons['tt-not-ours']!, /not a trouble the call center handled/);
    assert.match(dispute.disputeReason, /16\.50 EUR due/);
  });

  test('a revision that settles an item as before, against the reason already given, is kept escalated and not disputed again', async () => {
    const master = await resolvedTrouble('2026-03-02T11:00:00.000Z');
    const { patches } = serveNote([{ itemId: master, net: 12, gross: 14.4 }]);
    await noteAnnounced();
    await drain();
    assert.deepEqual(
      patches.map((p) => p.state),
      ['disputed'],
    );

    /** The OEM tells of a revision of the note with the item's amounts given. */
    let revision = 0;
    const revised = (net: number, gross: number) => {
      revision += 1;
      const note = {
        ...settlementNote,
        state: 'revised',
        revision,
        taxExcludedAmount: net,
        taxIncludedAmount: gross,
        settlementNoteItem: [{ itemNumber: '1', itemId: master, taxExcludedAmount: net, taxIncludedAmount: gross }],
      };
      return as(keyOf('car-manufacturer'))('POST', '/listener/settlementNoteAdviceStateChangeEvent', {
        eventId: `oem-revision-${revision}`,
        eventTime: '2026-04-02T00:00:00.000Z',
        eventType: 'SettlementNoteAdviceStateChangeEvent',
        event: { settlementNoteAdvice: note },
      });
    };

    // The revision repeats 12.00: the call center would dispute it for the same reason, so it stops and escalates.
    assert.equal((await revised(12, 14.4)).status < 300, true);
    await drain();
    assert.deepEqual(
      patches.map((p) => p.state),
      ['disputed'],
      'no second dispute of the same item for the same reason',
    );
    const reviews = (await state()).data.settlementReviews ?? [];
    assert.deepEqual(
      reviews.map((r) => [r.revision, r.decision, r.escalated ?? false]),
      [
        [0, 'disputed', false],
        [1, 'disputed', true],
      ],
    );
    assert.equal(reviews[1].items[0].reason, reviews[0].items[0].reason);

    // A revision that corrects the item is judged as usual and accepted.
    assert.equal((await revised(16.5, 19.8)).status < 300, true);
    await drain();
    assert.deepEqual(
      patches.map((p) => p.state),
      ['disputed', 'accepted'],
    );
  });

  test('the CSP pays an accepted settlement once: before acceptance and a second time it is refused (409)', async () => {
    const pay = () => as(keyOf('csp'))('POST', PAYMENTS, settlementPayment(settlementNote, `${OEM_URL}${NOTE_PATH}`, new Date('2026-04-05T00:00:00Z')));
    await noteAnnounced();
    await drain();

    const early = await pay();
    assert.equal(early.status, 409);
    assert.equal(early.body.reason, 'Settlement not accepted');
    assert.deepEqual((await state()).data.resources['TMF676.payment'] ?? [], []);

    // The OEM tells of the note accepted (say, after a revision): the call center's copy follows.
    await as(keyOf('car-manufacturer'))('POST', '/listener/settlementNoteAdviceStateChangeEvent', {
      eventId: 'oem-evt-2',
      eventTime: '2026-04-02T00:00:00.000Z',
      eventType: 'SettlementNoteAdviceStateChangeEvent',
      event: { settlementNoteAdvice: { ...settlementNote, state: 'accepted' } },
    });
    await drain();
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
