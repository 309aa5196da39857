import type { ActorId } from '../../core/actor-ids.ts';
import { parsePeriodId } from '../../core/billing-period.ts';
import { driveFigure9, Figure9, ticketOf } from '../../harness/drive/figure9.ts';
import { basePath } from '../../tmf/apis.ts';
import type { Entity } from '../../tmf/data.ts';
import type { TroubleTicket } from '../../tmf/resources.ts';
import { type Actor, Question, Task } from './core/actor.ts';
import { control, ecosystemRun, notes } from './core/cast.ts';

/**
 * Figure 9's tasks, in the domain's words, performed by the party that does them: they pull its
 * triggers through the drive helpers (the dashboard's script uses the same ones) and note the trouble
 * and the settlement note for the later steps.
 */
export const Support = {
  /** 9.1: the driver calls; the master ticket of the trouble is noted. */
  call: (description: string) =>
    Task.where(`#actor calls the call center about "${description}"`, async (driver) => {
      const answer = await Figure9.callSupport(control(driver).ecosystem, description);
      notes(driver).write('trouble', answer.ticket);
    }),
  /** 9.5–9.6: a resolution team moves the trouble's ticket at `at` (simulated time). */
  teamSets: (status: string, at: string, note?: string) =>
    Task.where(`#actor's resolution team sets the ticket ${status}`, async (team) => {
      const drive = control(team);
      await Figure9.teamSets(drive.ecosystem, drive.party, notes(team).read('trouble'), status, at, note);
    }),
  redirect: (to: ActorId, reason: string) =>
    Task.where(`#actor redirects the ticket to ${to}`, async (team) => {
      const drive = control(team);
      await Figure9.redirect(drive.ecosystem, drive.party, notes(team).read('trouble'), to, reason);
    }),
  /** A team's move that may be refused: the answer is noted, and the ticket as it was before. */
  attempt: (operation: string, body: Record<string, unknown>) =>
    Task.where(`#actor tries ${operation}`, async (team) => {
      const drive = control(team);
      const ticket = await ticketOf(drive.ecosystem, drive.party, notes(team).read('trouble'));
      notes(team).write('ticketBefore', ticket);
      notes(team).write('answer', await drive.attempt(operation, { ticket: ticket?.id, ...body }));
    }),
  /** A trouble from call to resolution by `party`, with the simulated clock at each end (the tester sets the scene). */
  reportedAndResolved: (description: string, openedAt: string, party: ActorId, resolvedAt: string) =>
    Task.where(`#actor has "${description}" reported and resolved by ${party}`, async (tester) => {
      await ecosystemRun(tester).setClock(new Date(openedAt));
      const answer = await Figure9.callSupport(control(tester).ecosystem, description);
      notes(tester).write('trouble', answer.ticket);
      await Figure9.teamSets(control(tester).ecosystem, party, answer.ticket, 'resolved', resolvedAt, 'fixed');
    }),
  /** The OEM follows the CSP's tickets, the call center its settlements, the CSP the OEM's bills. */
  followPartners: () => Task.where('#actor has the partners follow each other', (tester) => Figure9.followPartners(ecosystemRun(tester).ecosystem)),
  driveAll: () => Task.where('#actor drives figure 9 from start to end', (tester) => driveFigure9(ecosystemRun(tester).ecosystem)),
};

/** The settlement run happens in the morning after the period ends. */
const SIX_HOURS_MS = 6 * 3_600_000;

export const Settlement = {
  /** 9.9: the tester moves the clock past the period; the OEM runs its settlement; the note is noted. */
  endPeriod: (period: string) =>
    Task.where(`#actor ends the settlement period ${period}`, async (tester) => {
      const at = new Date(parsePeriodId(period).end.getTime() + SIX_HOURS_MS).toISOString();
      const note = await Figure9.endSettlementPeriod(ecosystemRun(tester).ecosystem, period, at);
      notes(tester).write('settlementNote', String(note.id));
    }),
  /** The CSP pays the noted settlement note; a refusal is noted as the answer. */
  pay: () =>
    Task.where('#actor tries to pay the settlement', async (csp) => {
      notes(csp).write('answer', await control(csp).attempt('settlement-payment', { note: notes(csp).read('settlementNote') }));
    }),
  invoiceTickets: (period: string) =>
    Task.where(`#actor invoices the CSP for the tickets of ${period}`, (oem) => control(oem).trigger('ticket-invoice', { period })),
};

export const Sla = {
  follow: () => Task.where('#actor follows the SLA violations', (callCenter) => control(callCenter).trigger('follow-sla-violations')),
  teamsFollow: () =>
    Task.where("#actor has each resolution team follow its party's SLA", (tester) => Figure9.teamsFollowOwnSla(ecosystemRun(tester).ecosystem)),
  scheduleFault: (description: string, start: string, minutes: number) =>
    Task.where(`#actor has a fault "${description}"`, (party) => control(party).trigger('schedule-fault', { start, durationMinutes: minutes, description })),
  /** 9.21: the party's monitoring measures the period; what it measured is noted. */
  endPeriod: (period: string) =>
    Task.where(`#actor ends its SLA measurement period ${period}`, async (party) => {
      const drive = control(party);
      const { measurements } = await Figure9.endSlaPeriod(drive.ecosystem, drive.party, period);
      const pad = notes(party);
      pad.write('slaMeasurements', { ...(pad.has('slaMeasurements') ? pad.read('slaMeasurements') : {}), [drive.party]: measurements });
    }),
  /** The team resolves the alarm ticket the call center raised (it becomes the scenario's trouble). */
  resolveAlarm: (at: string, note: string, finder: Actor) =>
    Task.where("#actor's resolution team resolves the alarm ticket", async (team) => {
      const alarm = (await finder.answer(TicketQuestions.masterTickets())).find((t) => t.ticketType === 'alarm');
      if (!alarm) throw new Error('the call center raised no alarm ticket');
      notes(team).write('trouble', alarm.id);
      await team.attemptsTo(Support.teamSets('resolved', at, note));
    }),
};

/** Questions of figure 9, answered by the tester from the parties' own state, never from the steps' answers. */
export const TicketQuestions = {
  masterTickets: () => Question.about("the call center's master tickets", (tester) => control(tester).stored('TMF621.troubleTicket', 'call-center')),
  master: () =>
    Question.about('the master ticket of the trouble', async (tester) => {
      const trouble = notes(tester).read('trouble');
      const master = (await tester.answer(TicketQuestions.masterTickets())).find((t) => t.id === trouble);
      if (!master) throw new Error(`the call center has no master ticket ${trouble}`);
      return master;
    }),
  ticketsAt: (party: ActorId) => Question.about(`the tickets at ${party}`, (tester) => control(tester).stored('TMF621.troubleTicket', party)),
  /** Every ticket of the trouble at a party, the redirected one included. */
  troubleTicketsAt: (party: ActorId) =>
    Question.about(`the tickets of the trouble at ${party}`, async (tester) => {
      const trouble = notes(tester).read('trouble');
      return (await tester.answer(TicketQuestions.ticketsAt(party))).filter((t) => t.externalId === trouble);
    }),
  ticketAt: (party: ActorId) =>
    Question.about(`the live ticket of the trouble at ${party}`, (tester) => ticketOf(ecosystemRun(tester).ecosystem, party, notes(tester).read('trouble'))),
  inbox: () =>
    Question.about("the driver's inbox", async (tester) => {
      type Message = { topic?: string; body: string; relatedEntity?: { id: string }[] };
      return (await control(tester).state<{ inbox: Message[] }>('driver')).inbox;
    }),
  /** The hubs the call center joined, keyed `<party> <api>`. */
  hubs: () =>
    Question.about('the hubs the call center joined', async (tester) => {
      const { hubsJoined } = await control(tester).state<{ hubsJoined: { peer: string; api: string; id: string }[] }>('call-center');
      return Object.fromEntries(hubsJoined.map((h) => [`${h.peer} ${h.api}`, h.id]));
    }),
  violations: (party: ActorId) => Question.about(`the SLA violations at ${party}`, (tester) => control(tester).stored('TMF623.slaViolation', party)),
  /** A ticket as its party serves it over TMF621 (what the call center following it reads). */
  ticketOverTmf: (party: ActorId, id: string) =>
    Question.about(`ticket ${id} as ${party} serves it`, (tester) => control(tester).read<TroubleTicket>(`${basePath('TMF621')}/troubleTicket/${id}`, party)),
  /** What each party told its own resolution team on the wire (9.26): the SLA events on the self-route. */
  teamNotices: (party: ActorId) =>
    Question.about(`what ${party} told its resolution team`, (tester) =>
      ecosystemRun(tester)
        .exchanges()
        .filter((e) => e.from === party && e.to === party && e.unit === 'resolution-team'),
    ),
  alarms: (party: ActorId) =>
    Question.about(`the alarms ${party}'s resolution team handles`, async (tester) => {
      type Alarm = { ticket: string; violation: string; metric: string; state: string };
      return (await control(tester).state<{ alarms?: Alarm[] }>(party)).alarms ?? [];
    }),
};

type SettlementReviewSeen = {
  note: string;
  revision: number;
  decision: string;
  items: { itemId: string; verdict: string; settled: string; due: string; reason?: string }[];
};

type BillCheck = { matches: boolean; items: number; amount: string; itemsTotal: string; billId: string };

export const SettlementQuestions = {
  noteAtCallCenter: () =>
    Question.about('the settlement note at the call center', async (tester) => {
      const id = notes(tester).read('settlementNote');
      return (await control(tester).state<{ settlementNotes: Entity[] }>('call-center')).settlementNotes.find((n) => String(n.id) === id);
    }),
  noteAtOem: () =>
    Question.about('the settlement note at the car manufacturer', async (tester) => {
      const id = notes(tester).read('settlementNote');
      return (await control(tester).stored('BillingV2.settlementNoteAdvice', 'car-manufacturer')).find((n) => String(n.id) === id);
    }),
  payments: () => Question.about('the payments the call center received', (tester) => control(tester).stored('TMF676.payment', 'call-center')),
  /** The call center's judgements of the note, oldest first (revision 0 is the note as first issued). */
  reviews: () =>
    Question.about("the call center's reviews of the settlement note", async (tester) => {
      const id = notes(tester).read('settlementNote');
      const { settlementReviews } = await control(tester).state<{ settlementReviews?: SettlementReviewSeen[] }>('call-center');
      return (settlementReviews ?? []).filter((r) => r.note === id);
    }),
  cspBillChecks: () =>
    Question.about(
      "the CSP's checks of the car manufacturer's bills",
      async (tester) => (await control(tester).state<{ partnerBillChecks?: BillCheck[] }>('csp')).partnerBillChecks ?? [],
    ),
  oemBills: () => Question.about("the car manufacturer's bills", (tester) => control(tester).stored('TMF678.customerBill', 'car-manufacturer')),
};
