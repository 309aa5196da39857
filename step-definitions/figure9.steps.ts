import { Given, Then, When } from '@cucumber/cucumber';
import type { ActorId } from '../core/actor-ids.ts';
import { Settlement, Sla, Support } from './screenplay/figure9.ts';
import { SettlementChecks, SlaChecks, TicketChecks } from './screenplay/figure9-checks.ts';
import type { HarnessWorld } from './support/world.ts';

Given<HarnessWorld>('the partners follow the tickets, settlements and bills of figure 9', function () {
  return this.tester.attemptsTo(Support.followPartners());
});

Given<HarnessWorld>(
  'the driver reported {string} on {string} and the {resolver} resolved it on {string}',
  function (description: string, openedAt: string, party: ActorId, resolvedAt: string) {
    return this.tester.attemptsTo(Support.reportedAndResolved(description, openedAt, party, resolvedAt));
  },
);

Given<HarnessWorld>('the call center follows the SLA violations of the CSP and the car manufacturer', function () {
  return this.callCenter.attemptsTo(Sla.follow());
});

Given<HarnessWorld>("the resolution teams of the CSP and the car manufacturer listen to their own party's SLA violations", function () {
  return this.tester.attemptsTo(Sla.teamsFollow());
});

When<HarnessWorld>('the driver calls the call center about {string}', function (description: string) {
  return this.driver.attemptsTo(Support.call(description));
});

When<HarnessWorld>("the {resolver}'s resolution team works on the ticket at {string}", function (party: ActorId, at: string) {
  return this.actor(party).attemptsTo(Support.teamSets('inProgress', at));
});

When<HarnessWorld>("the {resolver}'s resolution team resolves the ticket at {string}: {string}", function (party: ActorId, at: string, note: string) {
  return this.actor(party).attemptsTo(Support.teamSets('resolved', at, note));
});

When<HarnessWorld>("the {resolver}'s resolution team redirects the ticket to the {resolver}: {string}", function (from: ActorId, to: ActorId, reason: string) {
  return this.actor(from).attemptsTo(Support.redirect(to, reason));
});

When<HarnessWorld>(
  "the {resolver}'s resolution team tries to redirect the ticket back to the {resolver}: {string}",
  function (from: ActorId, to: ActorId, reason: string) {
    return this.actor(from).attemptsTo(Support.attempt('redirect-ticket', { to, reason }));
  },
);

When<HarnessWorld>("the {resolver}'s resolution team tries to move the ticket to {string}", function (party: ActorId, status: string) {
  return this.actor(party).attemptsTo(Support.attempt('ticket-status', { status }));
});

When<HarnessWorld>("the call center's settlement period {string} ends", function (period: string) {
  return this.tester.attemptsTo(Settlement.endPeriod(period));
});

When<HarnessWorld>('the CSP tries to pay the settlement', function () {
  return this.csp.attemptsTo(Settlement.pay());
});

When<HarnessWorld>('the car manufacturer invoices the CSP for the connectivity tickets of {string}', function (period: string) {
  return this.oem.attemptsTo(Settlement.invoiceTickets(period));
});

Given<HarnessWorld>(
  "the {resolver}'s service has a fault {string} from {string} for {string} minutes",
  function (party: ActorId, description: string, start: string, minutes: string) {
    return this.actor(party).attemptsTo(Sla.scheduleFault(description, start, Number(minutes)));
  },
);

When<HarnessWorld>("the {resolver}'s SLA measurement period {string} ends", function (party: ActorId, period: string) {
  return this.actor(party).attemptsTo(Sla.endPeriod(period));
});

Then<HarnessWorld>(
  "the {resolver}'s monitoring measured {string} at {string} % for {string}",
  function (party: ActorId, metric: string, value: string, subject: string) {
    return this.tester.attemptsTo(SlaChecks.measured(party, metric, value, subject));
  },
);

When<HarnessWorld>("the {resolver}'s resolution team resolves the alarm ticket at {string}: {string}", function (party: ActorId, at: string, note: string) {
  return this.actor(party).attemptsTo(Sla.resolveAlarm(at, note, this.tester));
});

When<HarnessWorld>('figure 9 is driven from start to end', function () {
  return this.tester.attemptsTo(Support.driveAll());
});

Then<HarnessWorld>('the answer says {string}', function (reason: string) {
  return this.tester.attemptsTo(TicketChecks.answerSays(reason));
});

Then<HarnessWorld>('the call center opened a master ticket for a {string} trouble and sent it to the {resolver}', function (nature: string, party: ActorId) {
  return this.tester.attemptsTo(TicketChecks.masterOpenedAndSent(nature, party));
});

Then<HarnessWorld>('the call center followed the ticket to {string}', function (status: string) {
  return this.tester.attemptsTo(TicketChecks.masterFollowedTo(status));
});

Then<HarnessWorld>('the driver was told the ticket is resolved: {string}', function (resolution: string) {
  return this.tester.attemptsTo(TicketChecks.driverToldResolved(resolution));
});

Then<HarnessWorld>("the master ticket and the {resolver}'s ticket are closed", function (party: ActorId) {
  return this.tester.attemptsTo(TicketChecks.closedAtBoth(party));
});

Then<HarnessWorld>("the {resolver}'s ticket is rejected with the reason {string}", function (party: ActorId, reason: string) {
  return this.tester.attemptsTo(TicketChecks.rejectedWith(party, reason));
});

Then<HarnessWorld>("the {resolver} holds a ticket for the trouble related to the {resolver}'s", function (party: ActorId, from: ActorId) {
  return this.tester.attemptsTo(TicketChecks.relatedTicketAt(party, from));
});

Then<HarnessWorld>('the master ticket follows the trouble to the {resolver}', function (party: ActorId) {
  return this.tester.attemptsTo(TicketChecks.masterFollowsTo(party));
});

Then<HarnessWorld>("the {resolver}'s ticket is unchanged", function (party: ActorId) {
  return this.tester.attemptsTo(TicketChecks.unchanged(party));
});

Then<HarnessWorld>(
  'the car manufacturer first settled {int} items for {string} EUR before tax and {string} EUR with tax',
  function (count: number, net: string, gross: string) {
    return this.tester.attemptsTo(SettlementChecks.firstSettled(count, net, gross));
  },
);

Then<HarnessWorld>(
  "the item of the CSP's ticket was {string} EUR and the item of the car manufacturer's ticket {string} EUR",
  function (csp: string, oem: string) {
    return this.tester.attemptsTo(SettlementChecks.itemsByResolver(csp, oem));
  },
);

Then<HarnessWorld>(
  "the call center accepted the item of the CSP's ticket and disputed the car manufacturer's, due {string} EUR because {string}",
  function (due: string, because: string) {
    return this.tester.attemptsTo(SettlementChecks.disputedTheOems(due, because));
  },
);

Then<HarnessWorld>(
  "the settlement was revised to {string} EUR before tax and {string} EUR with tax: the CSP's item still {string} EUR, the car manufacturer's {string} EUR",
  function (net: string, gross: string, csp: string, oem: string) {
    return this.tester.attemptsTo(SettlementChecks.revised(net, gross, csp, oem));
  },
);

Then<HarnessWorld>('the call center received one payment of {string} EUR for the settlement', function (total: string) {
  return this.tester.attemptsTo(SettlementChecks.onePayment(total));
});

Then<HarnessWorld>('the settlement note advice is {string}', function (state: string) {
  return this.tester.attemptsTo(SettlementChecks.noteState(state));
});

Then<HarnessWorld>(
  'the CSP retrieved a bill with {int} item(s) for {string} EUR before tax and {string} EUR with tax',
  function (count: number, net: string, gross: string) {
    return this.tester.attemptsTo(SettlementChecks.cspRetrievedBill(count, net, gross));
  },
);

Then<HarnessWorld>("the CSP found the bill's items add up to the bill amount", function () {
  return this.tester.attemptsTo(SettlementChecks.cspFoundBillAddsUp());
});

Then<HarnessWorld>('the {resolver} holds an SLA violation with the metric identifier {string}', function (party: ActorId, metric: string) {
  return this.tester.attemptsTo(SlaChecks.violation(party, metric));
});

Then<HarnessWorld>('the {resolver} holds no SLA violation', function (party: ActorId) {
  return this.tester.attemptsTo(SlaChecks.noViolation(party));
});

Then<HarnessWorld>('the driver received an SLA report about {string}', function (metric: string) {
  return this.tester.attemptsTo(SlaChecks.driverReport(metric));
});

Then<HarnessWorld>('the driver received no SLA report', function () {
  return this.tester.attemptsTo(SlaChecks.noDriverReport());
});

Then<HarnessWorld>('the car manufacturer was told of the violation {string}', function (metric: string) {
  return this.tester.attemptsTo(SlaChecks.violation('car-manufacturer', metric));
});

Then<HarnessWorld>("the {resolver}'s resolution team correlated an alarm ticket with the violation {string}", function (party: ActorId, metric: string) {
  return this.tester.attemptsTo(SlaChecks.alarmCorrelated(party, metric));
});

Then<HarnessWorld>('the {resolver} notified its resolution team of the violation {string} over TMF623', function (party: ActorId, metric: string) {
  return this.tester.attemptsTo(SlaChecks.teamNotified(party, metric));
});

Then<HarnessWorld>('the alarm ticket is closed at the call center and at the {resolver}', function (party: ActorId) {
  return this.tester.attemptsTo(TicketChecks.closedAtBoth(party));
});

Then<HarnessWorld>("the {resolver}'s handling of the violation {string} has ended", function (party: ActorId, metric: string) {
  return this.tester.attemptsTo(SlaChecks.handlingEnded(party, metric));
});

Then<HarnessWorld>('the CSP and the car manufacturer retrieved from the call center how it handles the violation {string}', function (metric: string) {
  return this.tester.attemptsTo(SlaChecks.slaInformationRetrieved(metric));
});
