import assert from 'node:assert/strict';
import { Decimal } from 'decimal.js';
import type { ActorId } from '../../core/actor-ids.ts';
import type { SlaViolation } from '../../tmf/resources.ts';
import { type Actor, Task } from './core/actor.ts';
import { control, ecosystemRun, notes } from './core/cast.ts';
import { SettlementQuestions as SQ, TicketQuestions as TQ } from './figure9.ts';

const amount = (v: unknown) => new Decimal(String(v)).toFixed(2);
const metricOf = (v: SlaViolation) => v.violation?.metric;

/** The items of a review by the party that resolved each ticket (the ticket ids are the call center's master tickets). */
async function itemsByResolver(tester: Actor, revision: number) {
  const review = (await tester.answer(SQ.reviews())).find((r) => r.revision === revision);
  assert.ok(review, `the call center judged revision ${revision}`);
  const masters = await tester.answer(TQ.masterTickets());
  const resolverOf = (ticket: string) => (masters.find((m) => m.id === ticket)?.relatedParty ?? []).find((p) => p.role === 'resolver')?.id;
  return { review, of: (party: string) => review.items.filter((i) => resolverOf(i.itemId) === party) };
}

/** What figure 9's ticket scenarios expect, checked by the tester. */
export const TicketChecks = {
  answerSays: (reason: string) =>
    Task.where(`#actor ensures the answer says "${reason}"`, async (tester) => {
      assert.equal((notes(tester).read('answer').body as { reason?: string })?.reason, reason);
    }),

  masterOpenedAndSent: (nature: string, party: ActorId) =>
    Task.where(`#actor ensures a master ticket for a ${nature} trouble went to ${party}`, async (tester) => {
      const master = await tester.answer(TQ.master());
      assert.equal(master.ticketType, nature);
      const ticket = await tester.answer(TQ.ticketAt(party));
      assert.ok(ticket, `the ${party} holds a ticket with externalId ${master.id}`);
      assert.equal(ticket.status, 'acknowledged');
      const other = party === 'csp' ? 'car-manufacturer' : 'csp';
      assert.equal(await tester.answer(TQ.ticketAt(other)), undefined, `${other} received nothing`);
      assert.ok((await tester.answer(TQ.hubs()))[`${party} TMF621`], `the call center listens to the ${party}'s tickets`);
    }),

  masterFollowedTo: (status: string) =>
    Task.where(`#actor ensures the call center followed the ticket to ${status}`, async (tester) => {
      const master = await tester.answer(TQ.master());
      const history: readonly string[] = (master.statusChange ?? []).map((c) => c.status);
      assert.ok(history.includes('inProgress') && history.includes(status), `master history ${history.join(' → ')}`);
    }),

  driverToldResolved: (resolution: string) =>
    Task.where('#actor ensures the driver was told the ticket is resolved', async (tester) => {
      const trouble = notes(tester).read('trouble');
      const told = (await tester.answer(TQ.inbox())).filter((m) => m.topic === 'ticket-outcome' && m.relatedEntity?.some((e) => e.id === trouble));
      assert.equal(told.length, 1, 'one message about the ticket');
      assert.match(told[0].body, new RegExp(resolution));
    }),

  closedAtBoth: (party: ActorId) =>
    Task.where(`#actor ensures the master ticket and ${party}'s are closed`, async (tester) => {
      await ecosystemRun(tester).settle();
      assert.equal((await tester.answer(TQ.master())).status, 'closed');
      assert.equal((await tester.answer(TQ.ticketAt(party)))?.status, 'closed');
    }),

  rejectedWith: (party: ActorId, reason: string) =>
    Task.where(`#actor ensures ${party}'s ticket is rejected`, async (tester) => {
      const [ticket] = await tester.answer(TQ.troubleTicketsAt(party));
      assert.equal(ticket.status, 'rejected');
      assert.equal(ticket.statusChangeReason, reason);
    }),

  relatedTicketAt: (party: ActorId, from: ActorId) =>
    Task.where(`#actor ensures ${party} holds a ticket related to ${from}'s`, async (tester) => {
      const [original] = await tester.answer(TQ.troubleTicketsAt(from));
      const ticket = await tester.answer(TQ.ticketAt(party));
      const links = ticket?.troubleTicketRelationship ?? [];
      assert.deepEqual(
        links.map((l) => [l.id, l.name, l.relationshipType]),
        [[original.id, from, 'redirectedFrom']],
      );
    }),

  masterFollowsTo: (party: ActorId) =>
    Task.where(`#actor ensures the master ticket follows the trouble to ${party}`, async (tester) => {
      const master = await tester.answer(TQ.master());
      const ticket = await tester.answer(TQ.ticketAt(party));
      const assigned = (master.troubleTicketRelationship ?? []).filter((l) => l.relationshipType === 'assignedTo');
      assert.deepEqual(
        assigned.map((l) => [l.id, l.name]),
        [[ticket?.id, party]],
      );
      assert.ok((await tester.answer(TQ.hubs()))[`${party} TMF621`], `the call center listens to the ${party}'s tickets`);
    }),

  unchanged: (party: ActorId) =>
    Task.where(`#actor ensures ${party}'s ticket is unchanged`, async (tester) => {
      assert.deepEqual(await tester.answer(TQ.ticketAt(party)), notes(tester).read('ticketBefore'));
    }),
};

/** What figure 9's settlement scenarios expect, checked by the tester. */
export const SettlementChecks = {
  firstSettled: (count: number, net: string, gross: string) =>
    Task.where(`#actor ensures the first settlement had ${count} items`, async (tester) => {
      const [first] = await tester.answer(SQ.reviews());
      assert.ok(first, 'the call center read and judged the advice');
      assert.equal(first.revision, 0);
      assert.equal(first.items.length, count);
      assert.equal(first.items.reduce((acc, i) => acc.plus(i.settled), new Decimal(0)).toFixed(2), net);
      const journals = await ecosystemRun(tester).journals();
      const computed = journals.filter((j) => j.type === 'settlement.computed').map((j) => amount((j.data as { amount: number }).amount));
      assert.equal(computed[0], gross);
    }),

  itemsByResolver: (csp: string, oem: string) =>
    Task.where("#actor ensures the items of each resolver's ticket", async (tester) => {
      const { of } = await itemsByResolver(tester, 0);
      assert.deepEqual([of('csp').map((i) => i.settled), of('car-manufacturer').map((i) => i.settled)], [[csp], [oem]]);
    }),

  disputedTheOems: (due: string, because: string) =>
    Task.where("#actor ensures the call center disputed the car manufacturer's item", async (tester) => {
      const { review, of } = await itemsByResolver(tester, 0);
      assert.equal(review.decision, 'disputed');
      assert.deepEqual(
        of('csp').map((i) => i.verdict),
        ['accepted'],
      );
      const [disputed] = of('car-manufacturer');
      assert.deepEqual([disputed.verdict, disputed.due], ['disputed', due]);
      assert.ok(disputed.reason?.includes(because), disputed.reason);
      const atOem = await tester.answer(SQ.noteAtOem());
      assert.ok(atOem, 'the car manufacturer holds the note');
      assert.ok(String(atOem.disputeReason ?? '').length === 0, 'the revision answered the dispute');
    }),

  revised: (net: string, gross: string, csp: string, oem: string) =>
    Task.where('#actor ensures the settlement was revised', async (tester) => {
      const note = await tester.answer(SQ.noteAtOem());
      assert.ok(note, 'the car manufacturer holds the note');
      assert.equal(note.revision, 1);
      assert.deepEqual([amount(note.taxExcludedAmount), amount(note.taxIncludedAmount)], [net, gross]);
      const { review, of } = await itemsByResolver(tester, 1);
      assert.deepEqual([of('csp').map((i) => i.settled), of('car-manufacturer').map((i) => i.settled)], [[csp], [oem]]);
      assert.equal(review.decision, 'accepted', 'the call center accepted the revision');
    }),

  onePayment: (total: string) =>
    Task.where(`#actor ensures the call center received one payment of ${total}`, async (tester) => {
      const payments = await tester.answer(SQ.payments());
      assert.equal(payments.length, 1);
      assert.equal(amount(payments[0].totalAmount?.value), total);
      const items = payments[0].paymentItem ?? [];
      assert.deepEqual(
        items.map((i) => [i.item.id, i.item['@referredType']]),
        [[notes(tester).read('settlementNote'), 'SettlementNoteAdvice']],
      );
    }),

  noteState: (state: string) =>
    Task.where(`#actor ensures the settlement note advice is ${state}`, async (tester) => {
      assert.equal((await tester.answer(SQ.noteAtOem()))?.state, state);
      assert.equal((await tester.answer(SQ.noteAtCallCenter()))?.state, state);
    }),

  cspRetrievedBill: (count: number, net: string, gross: string) =>
    Task.where(`#actor ensures the CSP retrieved a bill with ${count} items`, async (tester) => {
      const [bill] = await tester.answer(SQ.oemBills());
      assert.ok(bill, 'the OEM issued a bill');
      assert.deepEqual([amount(bill.taxExcludedAmount?.value), amount(bill.taxIncludedAmount?.value)], [net, gross]);
      const checks = await tester.answer(SQ.cspBillChecks());
      assert.deepEqual(
        checks.map((c) => [c.billId, c.items]),
        [[bill.id, count]],
      );
    }),

  cspFoundBillAddsUp: () =>
    Task.where("#actor ensures the CSP found the bill's items add up", async (tester) => {
      const [check] = await tester.answer(SQ.cspBillChecks());
      assert.ok(check, 'the CSP checked a bill');
      assert.equal(check.matches, true, `items ${check.itemsTotal} vs bill ${check.amount}`);
    }),
};

/** What figure 9's SLA scenarios expect, checked by the tester. */
export const SlaChecks = {
  measured: (party: ActorId, metric: string, value: string, subject: string) =>
    Task.where(`#actor ensures ${party} measured ${metric}`, async (tester) => {
      const measured = notes(tester).read('slaMeasurements')[party] ?? [];
      assert.deepEqual(
        measured.filter((m) => m.metric === metric).map((m) => [m.value, m.subject]),
        [[value, subject]],
      );
    }),

  violation: (party: ActorId, metric: string) =>
    Task.where(`#actor ensures ${party} holds the violation ${metric}`, async (tester) => {
      assert.deepEqual((await tester.answer(TQ.violations(party))).map(metricOf), [metric]);
    }),

  noViolation: (party: ActorId) =>
    Task.where(`#actor ensures ${party} holds no SLA violation`, async (tester) => {
      assert.deepEqual(await tester.answer(TQ.violations(party)), []);
    }),

  driverReport: (metric: string) =>
    Task.where(`#actor ensures the driver received an SLA report about ${metric}`, async (tester) => {
      const reports = (await tester.answer(TQ.inbox())).filter((m) => m.topic === 'sla-report');
      assert.equal(reports.length, 1);
      assert.ok(reports[0].body.includes(metric.split(':')[0]), reports[0].body);
    }),

  noDriverReport: () =>
    Task.where('#actor ensures the driver received no SLA report', async (tester) => {
      assert.deepEqual(
        (await tester.answer(TQ.inbox())).filter((m) => m.topic === 'sla-report'),
        [],
      );
    }),

  alarmCorrelated: (party: ActorId, metric: string) =>
    Task.where(`#actor ensures ${party}'s resolution team correlated an alarm with ${metric}`, async (tester) => {
      const [violation] = await tester.answer(TQ.violations(party));
      const alarms = await tester.answer(TQ.alarms(party));
      assert.deepEqual(
        alarms.map((a) => [a.violation, a.metric, a.state]),
        [[violation.id, metric, 'open']],
      );
      const ticket = await tester.answer(TQ.ticketOverTmf(party, alarms[0].ticket));
      assert.equal(ticket.ticketType, 'alarm');
      // The correlation is on the ticket, for whoever follows it over TMF621.
      const correlated = (ticket.relatedEntity ?? []).filter((e) => e.role === 'correlatedSlaViolation');
      assert.deepEqual(
        correlated.map((e) => [e.id, e.name]),
        [[String(violation.id), metric]],
      );
      const text = `Correlated with SLA violation ${violation.id} by the metric identifier ${metric}`;
      assert.ok((ticket.note ?? []).some((n) => n.text === text));
    }),

  teamNotified: (party: ActorId, metric: string) =>
    Task.where(`#actor ensures ${party} notified its resolution team over TMF623`, async (tester) => {
      const notices = await tester.answer(TQ.teamNotices(party));
      type Notice = { event: { slaViolation: { violation: { metric: string } } } };
      assert.deepEqual(
        notices.map((e) => [e.operation, e.status, e.valid, (e.request.body as Notice).event.slaViolation.violation.metric]),
        [['SlaViolationCreateEvent', 204, true, metric]],
      );
    }),

  handlingEnded: (party: ActorId, metric: string) =>
    Task.where(`#actor ensures ${party}'s handling of ${metric} has ended`, async (tester) => {
      assert.deepEqual(
        (await tester.answer(TQ.alarms(party))).map((a) => [a.metric, a.state]),
        [[metric, 'closed']],
      );
    }),

  slaInformationRetrieved: (metric: string) =>
    Task.where(`#actor ensures the CSP and the car manufacturer retrieved how ${metric} is handled`, async (tester) => {
      type Info = { metric: string; violations: string[]; description: string[] };
      for (const party of ['csp', 'car-manufacturer'] as const) {
        const info = ((await control(tester).state<{ slaInformation?: Info[] }>(party)).slaInformation ?? []).filter((i) => i.metric === metric);
        assert.ok(info.length > 0, `${party} retrieved SLA information`);
        assert.equal(info[0].violations.length, 1, `${party} found the call center's violation`);
        assert.match(info[0].description[0], /reported to the driver/);
      }
    }),
};
