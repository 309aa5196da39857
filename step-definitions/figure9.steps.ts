import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { Decimal } from 'decimal.js';
import type { ActorId } from '../core/actor-ids.ts';
import type { Entity } from '../tmf/data.ts';
import { Settlement, SettlementQuestions, Sla, Support, TicketQuestions } from './screenplay/figure9.ts';
import type { HarnessWorld } from './support/world.ts';

/** The two parties with a resolution team, as a scenario names them. */
const amount = (v: unknown) => new Decimal(String(v)).toFixed(2);
const metricOf = (v: Entity) => (v.violation as { metric: string }).metric;

Given('the partners follow the tickets, settlements and bills of figure 9', async function (this: HarnessWorld) {
  await Support.followPartners(this);
});

Given(
  'the driver reported {string} on {string} and the {resolver} resolved it on {string}',
  async function (this: HarnessWorld, description: string, openedAt: string, party: ActorId, resolvedAt: string) {
    await Support.reportedAndResolved(this, description, openedAt, party, resolvedAt);
  },
);

Given('the call center follows the SLA violations of the CSP and the car manufacturer', async function (this: HarnessWorld) {
  await Sla.follow(this);
});

Given("the resolution teams of the CSP and the car manufacturer listen to their own party's SLA violations", async function (this: HarnessWorld) {
  await Sla.teamsFollow(this);
});

When('the driver calls the call center about {string}', async function (this: HarnessWorld, description: string) {
  await Support.call(this, description);
});

When("the {resolver}'s resolution team works on the ticket at {string}", async function (this: HarnessWorld, party: ActorId, at: string) {
  await Support.teamSets(this, party, 'inProgress', at);
});

When(
  "the {resolver}'s resolution team resolves the ticket at {string}: {string}",
  async function (this: HarnessWorld, party: ActorId, at: string, note: string) {
    await Support.teamSets(this, party, 'resolved', at, note);
  },
);

When(
  "the {resolver}'s resolution team redirects the ticket to the {resolver}: {string}",
  async function (this: HarnessWorld, from: ActorId, to: ActorId, reason: string) {
    await Support.redirect(this, from, to, reason);
  },
);

When(
  "the {resolver}'s resolution team tries to redirect the ticket back to the {resolver}: {string}",
  async function (this: HarnessWorld, from: ActorId, to: ActorId, reason: string) {
    await Support.attempt(this, from, 'redirect-ticket', { to, reason });
  },
);

When("the {resolver}'s resolution team tries to move the ticket to {string}", async function (this: HarnessWorld, party: ActorId, status: string) {
  await Support.attempt(this, party, 'ticket-status', { status });
});

When("the call center's settlement period {string} ends", async function (this: HarnessWorld, period: string) {
  await Settlement.endPeriod(this, period);
});

When('the CSP tries to pay the settlement', async function (this: HarnessWorld) {
  await Settlement.pay(this);
});

When('the car manufacturer invoices the CSP for the connectivity tickets of {string}', async function (this: HarnessWorld, period: string) {
  await Settlement.invoiceTickets(this, period);
});

Given(
  "the {resolver}'s service has a fault {string} from {string} for {string} minutes",
  async function (this: HarnessWorld, party: ActorId, description: string, start: string, minutes: string) {
    await Sla.scheduleFault(this, party, description, start, Number(minutes));
  },
);

When("the {resolver}'s SLA measurement period {string} ends", async function (this: HarnessWorld, party: ActorId, period: string) {
  await Sla.endPeriod(this, party, period);
  assert.deepEqual(await TicketQuestions.ticketAt(this, party), Support.ticketBefore(this));
});

Then(
  "the {resolver}'s monitoring measured {string} at {string} % for {string}",
  function (this: HarnessWorld, party: ActorId, metric: string, value: string, subject: string) {
    assert.deepEqual(
      Sla.measured(this, party)
        .filter((m) => m.metric === metric)
        .map((m) => [m.value, m.subject]),
      [[value, subject]],
    );
  },
);

When(
  "the {resolver}'s resolution team resolves the alarm ticket at {string}: {string}",
  async function (this: HarnessWorld, party: ActorId, at: string, note: string) {
    await Sla.resolveAlarm(this, party, at, note);
  },
);

When('figure 9 is driven from start to end', async function (this: HarnessWorld) {
  await Support.driveAll(this);
});

Then('the answer says {string}', function (this: HarnessWorld, reason: string) {
  assert.equal((this.answer?.body as { reason?: string })?.reason, reason);
});

Then(
  'the call center opened a master ticket for a {string} trouble and sent it to the {resolver}',
  async function (this: HarnessWorld, nature: string, party: ActorId) {
    const master = await TicketQuestions.master(this);
    assert.equal(master.ticketType, nature);
    const ticket = await TicketQuestions.ticketAt(this, party);
    assert.ok(ticket, `the ${party} holds a ticket with externalId ${master.id}`);
    assert.equal(ticket.status, 'acknowledged');
    const other = party === 'csp' ? 'car-manufacturer' : 'csp';
    assert.equal(await TicketQuestions.ticketAt(this, other), undefined, `${other} received nothing`);
    assert.ok((await TicketQuestions.hubs(this))[`${party} TMF621`], `the call center listens to the ${party}'s tickets`);
  },
);

Then('the call center followed the ticket to {string}', async function (this: HarnessWorld, status: string) {
  const master = await TicketQuestions.master(this);
  const history = (master.statusChange as { status: string }[]).map((c) => c.status);
  assert.ok(history.includes('inProgress') && history.includes(status), `master history ${history.join(' → ')}`);
});

Then('the driver was told the ticket is resolved: {string}', async function (this: HarnessWorld, resolution: string) {
  const told = (await TicketQuestions.inbox(this)).filter((m) => m.topic === 'ticket-outcome' && m.relatedEntity?.some((e) => e.id === Support.trouble(this)));
  assert.equal(told.length, 1, 'one message about the ticket');
  assert.match(told[0].body, new RegExp(resolution));
});

Then("the master ticket and the {resolver}'s ticket are closed", async function (this: HarnessWorld, party: ActorId) {
  assert.equal((await TicketQuestions.master(this)).status, 'closed');
  assert.equal((await TicketQuestions.ticketAt(this, party))?.status, 'closed');
});

Then("the {resolver}'s ticket is rejected with the reason {string}", async function (this: HarnessWorld, party: ActorId, reason: string) {
  const [ticket] = await TicketQuestions.troubleTicketsAt(this, party);
  assert.equal(ticket.status, 'rejected');
  assert.equal(ticket.statusChangeReason, reason);
});

Then("the {resolver} holds a ticket for the trouble related to the {resolver}'s", async function (this: HarnessWorld, party: ActorId, from: ActorId) {
  const [original] = await TicketQuestions.troubleTicketsAt(this, from);
  const ticket = await TicketQuestions.ticketAt(this, party);
  const links = (ticket?.troubleTicketRelationship as { id: string; name: string; relationshipType: string }[]) ?? [];
  assert.deepEqual(
    links.map((l) => [l.id, l.name, l.relationshipType]),
    [[original.id, from, 'redirectedFrom']],
  );
});

Then('the master ticket follows the trouble to the {resolver}', async function (this: HarnessWorld, party: ActorId) {
  const master = await TicketQuestions.master(this);
  const ticket = await TicketQuestions.ticketAt(this, party);
  const assigned = (master.troubleTicketRelationship as { id: string; name: string; relationshipType: string }[]).filter(
    (l) => l.relationshipType === 'assignedTo',
  );
  assert.deepEqual(
    assigned.map((l) => [l.id, l.name]),
    [[ticket?.id, party]],
  );
  assert.ok((await TicketQuestions.hubs(this))[`${party} TMF621`], `the call center listens to the ${party}'s tickets`);
});

Then("the {resolver}'s ticket is unchanged", async function (this: HarnessWorld, party: ActorId) {
  assert.deepEqual(await TicketQuestions.ticketAt(this, party), Support.ticketBefore(this));
});

Then(
  'the car manufacturer first settled {int} items for {string} EUR before tax and {string} EUR with tax',
  async function (this: HarnessWorld, count: number, net: string, gross: string) {
    const [first] = await SettlementQuestions.reviews(this);
    assert.ok(first, 'the call center read and judged the advice');
    assert.equal(first.revision, 0);
    assert.equal(first.items.length, count);
    assert.equal(first.items.reduce((acc, i) => acc.plus(i.settled), new Decimal(0)).toFixed(2), net);
    const computed = (await this.journals()).filter((j) => j.type === 'settlement.computed').map((j) => amount((j.data as { amount: number }).amount));
    assert.equal(computed[0], gross);
  },
);

/** The items of a review by the party that resolved each ticket (the ticket ids are the call center's master tickets). */
async function itemsByResolver(world: HarnessWorld, revision: number) {
  const review = (await SettlementQuestions.reviews(world)).find((r) => r.revision === revision);
  assert.ok(review, `the call center judged revision ${revision}`);
  const masters = await TicketQuestions.masterTickets(world);
  const resolverOf = (ticket: string) =>
    ((masters.find((m) => m.id === ticket)?.relatedParty as { id: string; role: string }[] | undefined) ?? []).find((p) => p.role === 'resolver')?.id;
  return { review, of: (party: string) => review.items.filter((i) => resolverOf(i.itemId) === party) };
}

Then(
  "the item of the CSP's ticket was {string} EUR and the item of the car manufacturer's ticket {string} EUR",
  async function (this: HarnessWorld, csp: string, oem: string) {
    const { of } = await itemsByResolver(this, 0);
    assert.deepEqual([of('csp').map((i) => i.settled), of('car-manufacturer').map((i) => i.settled)], [[csp], [oem]]);
  },
);

Then(
  "the call center accepted the item of the CSP's ticket and disputed the car manufacturer's, due {string} EUR because {string}",
  async function (this: HarnessWorld, due: string, because: string) {
    const { review, of } = await itemsByResolver(this, 0);
    assert.equal(review.decision, 'disputed');
    assert.deepEqual(
      of('csp').map((i) => i.verdict),
      ['accepted'],
    );
    const [disputed] = of('car-manufacturer');
    assert.deepEqual([disputed.verdict, disputed.due], ['disputed', due]);
    assert.ok(disputed.reason?.includes(because), disputed.reason);
    const atOem = (await SettlementQuestions.noteAtOem(this))!;
    assert.ok(String(atOem.disputeReason ?? '').length === 0, 'the revision answered the dispute');
  },
);

Then(
  "the settlement was revised to {string} EUR before tax and {string} EUR with tax: the CSP's item still {string} EUR, the car manufacturer's {string} EUR",
  async function (this: HarnessWorld, net: string, gross: string, csp: string, oem: string) {
    const note = (await SettlementQuestions.noteAtOem(this))!;
    assert.equal(note.revision, 1);
    assert.deepEqual([amount(note.taxExcludedAmount), amount(note.taxIncludedAmount)], [net, gross]);
    const { review, of } = await itemsByResolver(this, 1);
    assert.deepEqual([of('csp').map((i) => i.settled), of('car-manufacturer').map((i) => i.settled)], [[csp], [oem]]);
    assert.equal(review.decision, 'accepted', 'the call center accepted the revision');
  },
);

Then('the call center received one payment of {string} EUR for the settlement', async function (this: HarnessWorld, total: string) {
  const payments = await SettlementQuestions.payments(this);
  assert.equal(payments.length, 1);
  assert.equal(amount((payments[0].totalAmount as { value: number }).value), total);
  const items = payments[0].paymentItem as { item: { id: string; '@referredType': string } }[];
  assert.deepEqual(
    items.map((i) => [i.item.id, i.item['@referredType']]),
    [[Settlement.note(this), 'SettlementNoteAdvice']],
  );
});

Then('the settlement note advice is {string}', async function (this: HarnessWorld, state: string) {
  assert.equal((await SettlementQuestions.noteAtOem(this))?.state, state);
  assert.equal((await SettlementQuestions.noteAtCallCenter(this))?.state, state);
});

Then(
  'the CSP retrieved a bill with {int} item(s) for {string} EUR before tax and {string} EUR with tax',
  async function (this: HarnessWorld, count: number, net: string, gross: string) {
    const [bill] = await SettlementQuestions.oemBills(this);
    assert.ok(bill, 'the OEM issued a bill');
    assert.deepEqual([amount((bill.taxExcludedAmount as { value: number }).value), amount((bill.taxIncludedAmount as { value: number }).value)], [net, gross]);
    const checks = await SettlementQuestions.cspBillChecks(this);
    assert.deepEqual(
      checks.map((c) => [c.billId, c.items]),
      [[bill.id, count]],
    );
  },
);

Then("the CSP found the bill's items add up to the bill amount", async function (this: HarnessWorld) {
  const [check] = await SettlementQuestions.cspBillChecks(this);
  assert.equal(check.matches, true, `items ${check.itemsTotal} vs bill ${check.amount}`);
});

Then('the {resolver} holds an SLA violation with the metric identifier {string}', async function (this: HarnessWorld, party: ActorId, metric: string) {
  assert.deepEqual((await TicketQuestions.violations(this, party)).map(metricOf), [metric]);
});

Then('the {resolver} holds no SLA violation', async function (this: HarnessWorld, party: ActorId) {
  assert.deepEqual(await TicketQuestions.violations(this, party), []);
});

Then('the driver received an SLA report about {string}', async function (this: HarnessWorld, metric: string) {
  const reports = (await TicketQuestions.inbox(this)).filter((m) => m.topic === 'sla-report');
  assert.equal(reports.length, 1);
  assert.ok(reports[0].body.includes(metric.split(':')[0]), reports[0].body);
});

Then('the driver received no SLA report', async function (this: HarnessWorld) {
  assert.deepEqual(
    (await TicketQuestions.inbox(this)).filter((m) => m.topic === 'sla-report'),
    [],
  );
});

Then('the car manufacturer was told of the violation {string}', async function (this: HarnessWorld, metric: string) {
  assert.deepEqual((await TicketQuestions.violations(this, 'car-manufacturer')).map(metricOf), [metric]);
});

Then(
  "the {resolver}'s resolution team correlated an alarm ticket with the violation {string}",
  async function (this: HarnessWorld, party: ActorId, metric: string) {
    const [violation] = await TicketQuestions.violations(this, party);
    const alarms = await TicketQuestions.alarms(this, party);
    assert.deepEqual(
      alarms.map((a) => [a.violation, a.metric, a.state]),
      [[violation.id, metric, 'open']],
    );
    const ticket = await TicketQuestions.ticketOverTmf(this, party, alarms[0].ticket);
    assert.equal(ticket.ticketType, 'alarm');
    // The correlation is on the ticket, for whoever follows it over TMF621.
    const correlated = (ticket.relatedEntity as { id: string; role: string; name?: string }[]).filter((e) => e.role === 'correlatedSlaViolation');
    assert.deepEqual(
      correlated.map((e) => [e.id, e.name]),
      [[String(violation.id), metric]],
    );
    assert.ok((ticket.note as { text: string }[]).some((n) => n.text === `Correlated with SLA violation ${violation.id} by the metric identifier ${metric}`));
  },
);

Then('the {resolver} notified its resolution team of the violation {string} over TMF623', async function (this: HarnessWorld, party: ActorId, metric: string) {
  const notices = await TicketQuestions.teamNotices(this, party);
  assert.deepEqual(
    notices.map((e) => [
      e.operation,
      e.status,
      e.valid,
      (e.request.body as { event: { slaViolation: { violation: { metric: string } } } }).event.slaViolation.violation.metric,
    ]),
    [['SlaViolationCreateEvent', 204, true, metric]],
  );
});

Then('the alarm ticket is closed at the call center and at the {resolver}', async function (this: HarnessWorld, party: ActorId) {
  await this.settle();
  assert.equal((await TicketQuestions.master(this)).status, 'closed');
  assert.equal((await TicketQuestions.ticketAt(this, party))?.status, 'closed');
});

Then("the {resolver}'s handling of the violation {string} has ended", async function (this: HarnessWorld, party: ActorId, metric: string) {
  assert.deepEqual(
    (await TicketQuestions.alarms(this, party)).map((a) => [a.metric, a.state]),
    [[metric, 'closed']],
  );
});

Then(
  'the CSP and the car manufacturer retrieved from the call center how it handles the violation {string}',
  async function (this: HarnessWorld, metric: string) {
    for (const party of ['csp', 'car-manufacturer'] as const) {
      const info = (
        (await this.state<{ slaInformation?: { metric: string; violations: string[]; description: string[] }[] }>(party)).slaInformation ?? []
      ).filter((i) => i.metric === metric);
      assert.ok(info.length > 0, `${party} retrieved SLA information`);
      assert.equal(info[0].violations.length, 1, `${party} found the call center's violation`);
      assert.match(info[0].description[0], /reported to the driver/);
    }
  },
);
