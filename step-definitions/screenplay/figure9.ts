import { parsePeriodId } from '../../core/billing-period.ts';
import { basePath } from '../../tmf/apis.ts';
import type { ActorId } from '../../core/actor-ids.ts';
import { collectionAt, driveFigure9, Figure9, ticketOf } from '../../harness/drive/figure9.ts';
import type { Entity } from '../../tmf/data.ts';
import type { HarnessWorld } from '../support/world.ts';

/** What a figure 9 scenario refers back to. */
const TROUBLE = 'trouble';
const NOTE = 'settlement note';
const SNAPSHOT = 'ticket before';

/**
 * Tasks of figure 9, in the domain's words: they pull the parties' triggers through the drive helpers
 * (the dashboard's script uses the same ones), and remember the trouble and the settlement note.
 */
export const Support = {
  trouble: (world: HarnessWorld) => world.notes.get(TROUBLE) as string,
  async call(world: HarnessWorld, description: string) {
    const answer = await Figure9.callSupport(world.ecosystem, description);
    world.notes.set(TROUBLE, answer.ticket);
    return answer;
  },
  teamSets: (world: HarnessWorld, party: ActorId, status: string, at: string, note?: string) =>
    Figure9.teamSets(world.ecosystem, party, Support.trouble(world), status, at, note),
  redirect: (world: HarnessWorld, from: ActorId, to: ActorId, reason: string) => Figure9.redirect(world.ecosystem, from, Support.trouble(world), to, reason),
  /** A trouble from call to resolution, with the simulated clock at each end. */
  async reportedAndResolved(world: HarnessWorld, description: string, openedAt: string, party: ActorId, resolvedAt: string) {
    await world.setClock(new Date(openedAt));
    await Support.call(world, description);
    await Support.teamSets(world, party, 'resolved', resolvedAt, 'fixed');
  },
  /** A team's move that may be refused: the answer is kept, and the ticket as it was before. */
  async attempt(world: HarnessWorld, party: ActorId, operation: string, body: Record<string, unknown>) {
    const ticket = await ticketOf(world.ecosystem, party, Support.trouble(world));
    world.notes.set(SNAPSHOT, ticket);
    const answer = await world.call(async () => ({
      status: 200,
      body: await world.ecosystem.control(party).post(`/control/${operation}`, { ticket: ticket?.id, ...body }),
    }));
    await world.settle();
    return answer;
  },
  ticketBefore: (world: HarnessWorld) => world.notes.get(SNAPSHOT) as Entity,
  followPartners: (world: HarnessWorld) => Figure9.followPartners(world.ecosystem),
  driveAll: (world: HarnessWorld) => driveFigure9(world.ecosystem),
};

/** The settlement run happens in the morning after the period ends. */
const SIX_HOURS_MS = 6 * 3_600_000;

export const Settlement = {
  note: (world: HarnessWorld) => world.notes.get(NOTE) as string,
  async endPeriod(world: HarnessWorld, period: string) {
    const note = await Figure9.endSettlementPeriod(world.ecosystem, period, new Date(parsePeriodId(period).end.getTime() + SIX_HOURS_MS).toISOString());
    world.notes.set(NOTE, note.id);
  },
  async pay(world: HarnessWorld) {
    const answer = await world.call(async () => ({
      status: 201,
      body: await world.ecosystem.control('csp').post('/control/settlement-payment', { note: Settlement.note(world) }),
    }));
    await world.settle();
    return answer;
  },
  invoiceTickets: (world: HarnessWorld, period: string) => Figure9.invoiceTickets(world.ecosystem, period),
};

export const Sla = {
  follow: (world: HarnessWorld) => Figure9.followSla(world.ecosystem),
  teamsFollow: (world: HarnessWorld) => Figure9.teamsFollowOwnSla(world.ecosystem),
  scheduleFault: (world: HarnessWorld, party: ActorId, description: string, start: string, minutes: number) =>
    Figure9.scheduleFault(world.ecosystem, party, start, minutes, description),
  async endPeriod(world: HarnessWorld, party: ActorId, period: string) {
    const { measurements } = await Figure9.endSlaPeriod(world.ecosystem, party, period);
    world.notes.set(`measurements ${party}`, measurements);
  },
  measured: (world: HarnessWorld, party: ActorId) => (world.notes.get(`measurements ${party}`) ?? []) as { metric: string; value: string; subject: string }[],
  async resolveAlarm(world: HarnessWorld, party: ActorId, at: string, note: string) {
    const alarm = (await TicketQuestions.masterTickets(world)).find((t) => t.ticketType === 'alarm');
    if (!alarm) throw new Error('the call center raised no alarm ticket');
    world.notes.set(TROUBLE, alarm.id);
    return Figure9.teamSets(world.ecosystem, party, alarm.id, 'resolved', at, note);
  },
};

/** Questions: answered from the parties' own state (the harness's view), never from the steps' answers. */
export const TicketQuestions = {
  masterTickets: (world: HarnessWorld) => collectionAt(world.ecosystem, 'call-center', 'TMF621.troubleTicket'),
  async master(world: HarnessWorld): Promise<Entity> {
    const master = (await TicketQuestions.masterTickets(world)).find((t) => t.id === Support.trouble(world));
    if (!master) throw new Error(`the call center has no master ticket ${Support.trouble(world)}`);
    return master;
  },
  ticketsAt: (world: HarnessWorld, party: ActorId) => collectionAt(world.ecosystem, party, 'TMF621.troubleTicket'),
  /** Every ticket of the trouble at a party, the redirected one included. */
  troubleTicketsAt: async (world: HarnessWorld, party: ActorId) =>
    (await TicketQuestions.ticketsAt(world, party)).filter((t) => t.externalId === Support.trouble(world)),
  ticketAt: (world: HarnessWorld, party: ActorId) => ticketOf(world.ecosystem, party, Support.trouble(world)),
  inbox: async (world: HarnessWorld) => (await world.state<{ inbox: { topic?: string; body: string; relatedEntity?: { id: string }[] }[] }>('driver')).inbox,
  /** The hubs the call center joined, keyed `<party> <api>`. */
  hubs: async (world: HarnessWorld) =>
    Object.fromEntries(
      (await world.state<{ hubsJoined: { peer: string; api: string; id: string }[] }>('call-center')).hubsJoined.map((h) => [`${h.peer} ${h.api}`, h.id]),
    ),
  violations: (world: HarnessWorld, party: ActorId) => collectionAt(world.ecosystem, party, 'TMF623.slaViolation'),
  /** A ticket as its party serves it over TMF621 (what the call center following it reads). */
  async ticketOverTmf(world: HarnessWorld, party: ActorId, id: string): Promise<Entity> {
    return (await world.ecosystem.control(party).request<Entity>('GET', `${basePath('TMF621')}/troubleTicket/${id}`)).body;
  },
  /** What each party told its own resolution team on the wire (9.26): the SLA events on the self-route. */
  teamNotices: (world: HarnessWorld, party: ActorId) =>
    world.ecosystem.recorder.exchangesOf(world.ecosystem.recorder.scenario).filter((e) => e.from === party && e.to === party && e.unit === 'resolution-team'),
  alarms: async (world: HarnessWorld, party: ActorId) =>
    (await world.state<{ alarms?: { ticket: string; violation: string; metric: string; state: string }[] }>(party)).alarms ?? [],
};

type SettlementReviewSeen = {
  note: string;
  revision: number;
  decision: string;
  items: { itemId: string; verdict: string; settled: string; due: string; reason?: string }[];
};

export const SettlementQuestions = {
  noteAtCallCenter: async (world: HarnessWorld) =>
    (await world.state<{ settlementNotes: Entity[] }>('call-center')).settlementNotes.find((n) => String(n.id) === Settlement.note(world)),
  noteAtOem: async (world: HarnessWorld) =>
    (await collectionAt(world.ecosystem, 'car-manufacturer', 'BillingV2.settlementNoteAdvice')).find((n) => String(n.id) === Settlement.note(world)),
  payments: (world: HarnessWorld) => collectionAt(world.ecosystem, 'call-center', 'TMF676.payment'),
  /** The call center's judgements of the note, oldest first (revision 0 is the note as first issued). */
  reviews: async (world: HarnessWorld) =>
    ((await world.state<{ settlementReviews?: SettlementReviewSeen[] }>('call-center')).settlementReviews ?? []).filter(
      (r) => r.note === Settlement.note(world),
    ),
  cspBillChecks: async (world: HarnessWorld) =>
    (await world.state<{ partnerBillChecks?: { matches: boolean; items: number; amount: string; itemsTotal: string; billId: string }[] }>('csp'))
      .partnerBillChecks ?? [],
  oemBills: (world: HarnessWorld) => collectionAt(world.ecosystem, 'car-manufacturer', 'TMF678.customerBill'),
};
