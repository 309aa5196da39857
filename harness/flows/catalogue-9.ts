import { JOURNAL } from '../../core/journal-events.ts';
import { allOf, anyOf, call, control, differs, equals, hubTraffic, inbox, journal, notify, notifyOwnUnit, present, subscribe } from './observe.ts';
import { INBOX_TOPIC, PARTY_API, PARTY_UNIT } from '../../core/party-api.ts';
import {
  SETTLEMENT_NOTE_CHANGE_EVENTS,
  SETTLEMENT_NOTE_CREATED_EVENT,
  SLA_VIOLATION_EVENT,
  TICKET_PROGRESS_EVENTS,
  TICKET_RESOLVED_EVENT,
} from './tmf-events.ts';
import { BRANCHES, type FlowStep } from './types.ts';

const RESOLVERS = ['csp', 'car-manufacturer'] as const;

/**
 * The resolver reports a resolution to the call center: a PATCH of the master ticket to resolved, or a
 * ResolvedEvent whose ticket is resolved.
 */
const resolutionReported = anyOf(
  call(RESOLVERS, 'call-center', 'PATCH', 'TMF621', 'troubleTicket', { body: [equals('status', 'resolved')] }),
  notify(RESOLVERS, 'call-center', 'TMF621', [TICKET_RESOLVED_EVENT], [equals('event.troubleTicket.status', 'resolved')]),
);

/** The call center closes the ticket at the resolver: a PATCH to status closed. */
const closedAtResolver = call('call-center', RESOLVERS, 'PATCH', 'TMF621', 'troubleTicket', { body: [equals('status', 'closed')] });

/**
 * The call center reads the resolver's ticket before it sends or closes one: its sending and closing are
 * owed effects, resent after a crash or a time-out, and a ticket already sent or closed is not done twice.
 */
const sentAlready = call('call-center', RESOLVERS, 'GET', 'TMF621', 'troubleTicket');

/** Figure 9 — trouble tickets (9.1–9.14) and SLA (9.20–9.27). */
export const FIGURE_9: readonly FlowStep[] = [
  {
    id: '9.1',
    figure: 9,
    from: ['driver'],
    to: ['call-center'],
    title: 'control',
    rule: 'support request (a phone call: not an API in the seed)',
    observe: control('driver', 'call-center', PARTY_API.supportRequest),
  },
  {
    id: '9.2',
    figure: 9,
    from: ['call-center'],
    to: ['call-center'],
    title: 'TMF621 POST on its own API (internal)',
    rule: 'creates the master trouble ticket',
    observe: journal('call-center', JOURNAL.ticketOpened),
    after: ['9.1'],
  },
  {
    id: '9.3',
    figure: 9,
    from: ['call-center'],
    to: ['csp', 'car-manufacturer'],
    title: 'TMF621 POST troubleTicket',
    rule:
      'sends it to the party matching the nature of the trouble (connectivity → csp, vehicle/infotainment app → ' +
      'car-manufacturer); externalId = the master ticket id; the call center subscribes (TMF621 POST hub) for updates',
    // Alarm tickets belong to the SLA part (9.25).
    observe: allOf(
      call('call-center', RESOLVERS, 'POST', 'TMF621', 'troubleTicket', { body: [differs('ticketType', 'alarm')] }),
      subscribe('call-center', RESOLVERS, 'TMF621'),
    ),
    related: [...hubTraffic('call-center', RESOLVERS, 'TMF621'), notify(RESOLVERS, 'call-center', 'TMF621', ['troubleTicketCreateEvent']), sentAlready],
    after: ['9.2'],
  },
  {
    id: '9.4',
    figure: 9,
    from: ['csp', 'car-manufacturer'],
    to: ['csp', 'car-manufacturer'],
    branch: BRANCHES.misdirected,
    title: 'TMF621 POST troubleTicket + PATCH',
    rule:
      'redirect on misdirection: the receiver creates the ticket at the right party (troubleTicketRelationship to its own), ' +
      'marks its own as rejected with statusChangeReason, and the call center is notified',
    observe: allOf(
      call(RESOLVERS, RESOLVERS, 'POST', 'TMF621', 'troubleTicket'),
      journal(RESOLVERS, JOURNAL.ticketRedirected),
      anyOf(notify(RESOLVERS, 'call-center', 'TMF621', TICKET_PROGRESS_EVENTS), call(RESOLVERS, 'call-center', 'PATCH', 'TMF621', 'troubleTicket')),
    ),
    related: [...hubTraffic(RESOLVERS, RESOLVERS, 'TMF621'), notify(RESOLVERS, RESOLVERS, 'TMF621', TICKET_PROGRESS_EVENTS)],
    after: ['9.3'],
  },
  {
    id: '9.5',
    figure: 9,
    from: ['csp', 'car-manufacturer'],
    to: ['call-center'],
    title: 'TMF621 events to listener (StatusChange, AttributeValueChange)',
    rule: 'progress updates: acknowledged → inProgress → resolved',
    observe: notify(RESOLVERS, 'call-center', 'TMF621', TICKET_PROGRESS_EVENTS),
    after: ['9.3'],
  },
  {
    id: '9.6',
    figure: 9,
    from: ['csp', 'car-manufacturer'],
    to: ['call-center'],
    title: 'TMF621 PATCH master ticket / ResolvedEvent',
    rule: 'problem solved: the ticket comes back to the call center with the resolution',
    observe: resolutionReported,
    after: ['9.3', '9.5'],
  },
  {
    id: '9.7',
    figure: 9,
    from: ['call-center'],
    to: ['driver'],
    title: 'inbox',
    rule: 'informs the customer',
    observe: inbox('call-center', INBOX_TOPIC.ticketOutcome),
    after: ['9.6'],
  },
  {
    id: '9.8',
    figure: 9,
    from: ['call-center'],
    to: ['call-center', 'csp', 'car-manufacturer'],
    title: 'TMF621 PATCH status closed (internal + → resolver)',
    rule: 'closes the ticket',
    observe: allOf(journal('call-center', JOURNAL.ticketClosed), closedAtResolver),
    related: [sentAlready],
    after: ['9.6'],
  },
  {
    id: '9.9',
    figure: 9,
    from: ['csp'],
    to: ['car-manufacturer'],
    title: 'TMF621 GET troubleTicket?… (period) or notifications',
    rule: 'CSP ticket information reaches the OEM',
    // Either the OEM reads the CSP's tickets, or the CSP's ticket events reach the OEM's listener.
    observe: anyOf(
      call('car-manufacturer', 'csp', 'GET', 'TMF621', 'troubleTicket'),
      notify('csp', 'car-manufacturer', 'TMF621', [...TICKET_PROGRESS_EVENTS, TICKET_RESOLVED_EVENT, 'troubleTicketCreateEvent']),
    ),
    related: hubTraffic('car-manufacturer', 'csp', 'TMF621'),
    after: ['9.3'],
  },
  {
    id: '9.10',
    figure: 9,
    from: ['car-manufacturer'],
    to: ['car-manufacturer'],
    title: 'settlement (internal)',
    rule: 'computes the call center settlement: fee per ticket handled, adjusted by quality indicators (e.g. resolution time)',
    observe: journal('car-manufacturer', JOURNAL.settlementComputed),
    after: ['9.9'],
  },
  {
    id: '9.11',
    figure: 9,
    from: ['car-manufacturer'],
    to: ['call-center'],
    title: 'settlement note advice: create at OEM + notification to call center listener; call center GETs it',
    rule: 'settlement note advice with settlement note items (one per ticket)',
    observe: allOf(
      notify('car-manufacturer', 'call-center', 'BillingV2', [SETTLEMENT_NOTE_CREATED_EVENT]),
      call('call-center', 'car-manufacturer', 'GET', 'BillingV2', 'settlementNoteAdvice'),
    ),
    related: [
      ...hubTraffic('call-center', 'car-manufacturer', 'BillingV2'),
      notify('car-manufacturer', 'call-center', 'BillingV2', SETTLEMENT_NOTE_CHANGE_EVENTS),
    ],
    after: ['9.10'],
  },
  {
    id: '9.12',
    figure: 9,
    from: ['call-center'],
    to: ['car-manufacturer'],
    title: 'PATCH settlementNoteAdvice state accepted / disputed (+ reason)',
    rule: 'accept or dispute; a dispute lets the OEM revise and re-issue',
    observe: call('call-center', 'car-manufacturer', 'PATCH', 'BillingV2', 'settlementNoteAdvice', { body: [equals('state', 'accepted', 'disputed')] }),
    after: ['9.11'],
  },
  {
    id: '9.13',
    figure: 9,
    from: ['csp'],
    to: ['call-center'],
    title: 'TMF676 POST payment',
    rule:
      'only after acceptance: the CSP pays the settled amount, referencing the note — on the acceptance event, ' +
      'after checking itself that the note is accepted and not paid yet',
    observe: call('csp', 'call-center', 'POST', 'TMF676', 'payment'),
    related: [
      // The payer reads the note it pays (amount, reference) where it is issued; once paid, the payee marks
      // the note paid there.
      call('csp', 'car-manufacturer', 'GET', 'BillingV2', 'settlementNoteAdvice'),
      call('call-center', 'car-manufacturer', 'PATCH', 'BillingV2', 'settlementNoteAdvice', { body: [equals('state', 'paid')] }),
      // It hears of the call center's decisions on the notes it pays.
      ...hubTraffic('csp', 'car-manufacturer', 'BillingV2'),
      notify('car-manufacturer', 'csp', 'BillingV2', SETTLEMENT_NOTE_CHANGE_EVENTS),
    ],
    after: ['9.12'],
  },
  {
    id: '9.14',
    figure: 9,
    from: ['car-manufacturer'],
    to: ['csp'],
    branch: BRANCHES.oemInvoicesCsp,
    title: 'TMF678 customerBill + appliedCustomerBillingRate',
    rule: 'the OEM may invoice the CSP per connectivity-related ticket; the CSP retrieves the bill items ' + '(choice: "may" makes it a branch)',
    observe: allOf(
      call('csp', 'car-manufacturer', 'GET', 'TMF678', 'customerBill'),
      call('csp', 'car-manufacturer', 'GET', 'TMF678', 'appliedCustomerBillingRate'),
    ),
    related: [
      ...hubTraffic('csp', 'car-manufacturer', 'TMF678'),
      notify('car-manufacturer', 'csp', 'TMF678', ['customerBillCreateEvent', 'customerBillStateChangeEvent']),
    ],
    after: ['9.6'],
  },
  {
    id: '9.20',
    figure: 9,
    from: ['call-center'],
    to: ['csp', 'car-manufacturer'],
    title: 'TMF623 POST hub',
    rule: 'the call center subscribes to SLA violation events',
    observe: allOf(subscribe('call-center', 'csp', 'TMF623'), subscribe('call-center', 'car-manufacturer', 'TMF623')),
    related: hubTraffic('call-center', RESOLVERS, 'TMF623'),
  },
  {
    id: '9.21',
    figure: 9,
    from: ['csp', 'car-manufacturer'],
    to: ['csp', 'car-manufacturer'],
    title: 'TMF623 (internal)',
    rule:
      'a metric breaches an SLA rule (e.g. connectivity availability < 99.5 %, ticket resolution > 4 h): ' +
      'an slaViolation with the metric identifier is created and notified',
    observe: allOf(journal(RESOLVERS, JOURNAL.slaViolated), notify(RESOLVERS, 'call-center', 'TMF623', [SLA_VIOLATION_EVENT])),
    after: ['9.20'],
  },
  {
    id: '9.22',
    figure: 9,
    from: ['call-center'],
    to: ['driver'],
    title: 'inbox',
    rule: 'SLA report about the violation to the affected customer',
    observe: inbox('call-center', INBOX_TOPIC.slaReport),
    after: ['9.21'],
  },
  {
    id: '9.23',
    figure: 9,
    from: ['call-center'],
    to: ['car-manufacturer', 'csp'],
    title: 'TMF623 POST slaViolation (or notification)',
    rule: 'notifies the violation creation to the other parties',
    observe: anyOf(call('call-center', RESOLVERS, 'POST', 'TMF623', 'slaViolation'), notify('call-center', RESOLVERS, 'TMF623', [SLA_VIOLATION_EVENT])),
    // Before telling, the call center looks whether a try cut short already told the party (owed effects are resent).
    related: [call('call-center', RESOLVERS, 'GET', 'TMF623', 'slaViolation')],
    after: ['9.21'],
  },
  {
    id: '9.24',
    figure: 9,
    from: ['csp', 'car-manufacturer'],
    to: ['call-center'],
    title: 'TMF623 GET sla / slaViolation',
    rule:
      'retrieve SLA information: the party handling the alarm, and the party told of the violation, read how the ' +
      'call center handles it (its slaViolation, by metric identifier)',
    observe: call(RESOLVERS, 'call-center', 'GET', 'TMF623', 'slaViolation'),
    // The call center reads the provider's SLA for its report to the driver (9.22).
    related: [call('call-center', RESOLVERS, 'GET', 'TMF623', 'sla')],
    after: ['9.21'],
  },
  {
    id: '9.25',
    figure: 9,
    from: ['call-center'],
    to: ['csp', 'car-manufacturer'],
    title: 'TMF621 POST troubleTicket (ticketType alarm)',
    rule: 'alarm carrying the metric identifier',
    observe: call('call-center', RESOLVERS, 'POST', 'TMF621', 'troubleTicket', { body: [equals('ticketType', 'alarm')] }),
    related: [...hubTraffic('call-center', RESOLVERS, 'TMF621'), sentAlready],
    after: ['9.21'],
  },
  {
    id: '9.26',
    figure: 9,
    from: ['csp', 'car-manufacturer'],
    to: ['csp', 'car-manufacturer'],
    title: 'TMF623 notification with metric identifier (to its own resolution team)',
    rule:
      'the party notifies its resolution team of the violation with its metric identifier (the team listens to ' +
      "its party's TMF623 hub, through the wire's self-route); the team correlates alarm ticket and violation by " +
      'metric identifier and records it on the ticket',
    // The correlation needs both the alarm (9.25) and the notice; the notice is sent when the violation is
    // created (9.21), so it may come before the alarm: the correlation is the anchor.
    observe: allOf(
      journal(RESOLVERS, JOURNAL.alarmCorrelated),
      notifyOwnUnit(RESOLVERS, PARTY_UNIT.resolutionTeam, 'TMF623', [SLA_VIOLATION_EVENT], [present('event.slaViolation.violation.metric')]),
    ),
    related: hubTraffic(RESOLVERS, RESOLVERS, 'TMF623'),
    after: ['9.21'],
  },
  {
    id: '9.27',
    figure: 9,
    from: ['csp', 'car-manufacturer'],
    to: ['call-center'],
    title: 'TMF621 (resolved, closed)',
    rule: 'end of the violation handled by the trouble ticket process',
    observe: allOf(resolutionReported, closedAtResolver),
    related: [notify(RESOLVERS, 'call-center', 'TMF621', TICKET_PROGRESS_EVENTS)],
    after: ['9.26'],
  },
];
