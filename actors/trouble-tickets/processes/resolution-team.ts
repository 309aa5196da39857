import { JOURNAL } from '../../../core/journal-events.ts';
import { PARTY_UNIT, type PartyUnit } from '../../../core/party-api.ts';
import type { Bundle } from '../../../tmf/auth.ts';
import { collection } from '../../../tmf/data.ts';
import { type EventHandler, eventResource } from '../../../tmf/hub.ts';
import type { SlaViolation, TroubleTicket } from '../../../tmf/resources.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { TicketData } from '../data.ts';
import { ALARM, alarmMetric, correlatedAlarm, isCorrelated, violationMetric, type ViolationNotice } from '../domain/alarm.ts';

/**
 * The resolution team of the CSP or the OEM as a unit of its own party (9.26): it listens to its
 * party's TMF623 hub like any listener, through the wire's self-route, so that the party telling its
 * team of a violation is an exchange recorded and judged like every other. It keeps what it hears and
 * correlates each alarm ticket (9.25) with the violation of the same metric identifier, whichever of
 * the two arrives first, and records the correlation on the ticket.
 */

/** What the team's credential at its own party opens: the SLA API's hub, to hear of violations. */
export const RESOLUTION_TEAM_BUNDLE: Bundle = { name: 'own-resolution-team', grants: [{ api: 'TMF623', access: 'read' }] };

/** The team's name on what it writes (ticket notes). */
const teamName = (party: string) => `${party} ${PARTY_UNIT.resolutionTeam}`;

/** The team subscribes to its own party's SLA violations, giving a callback under the party's self-route. */
export async function followOwnSla<D extends TicketData>(runtime: ActorRuntime<D>): Promise<string> {
  const query = 'eventType=SlaViolationCreateEvent';
  const joined = runtime.store.data.hubsJoined.find((h) => h.peer === runtime.id && h.api === 'TMF623' && h.query === query);
  if (joined) return joined.id;
  const id = await runtime.client(runtime.id).subscribe('TMF623', runtime.unitCallback(PARTY_UNIT.resolutionTeam), query);
  await runtime.store.update((draft) => {
    draft.hubsJoined.push({ peer: runtime.id, api: 'TMF623', query, id });
  });
  return id;
}

/**
 * The team takes an alarm ticket (on its arrival, 9.25, or when it hears of the violation later): in
 * `draft`, it correlates the ticket with the violation it heard of under the same metric identifier, if
 * it has; returns the ticket as it now is.
 */
export function teamTakesAlarm<D extends TicketData, T extends Pick<TroubleTicket, 'id' | 'relatedEntity' | 'note'>>(
  runtime: ActorRuntime<D>,
  draft: D,
  alarm: T,
): T {
  const metric = alarmMetric(alarm);
  const notice = (draft.teamNotices ?? []).find((n) => n.metric === metric);
  if (!notice || !metric || isCorrelated(alarm)) return alarm;
  const correlated = correlatedAlarm(alarm, notice, teamName(runtime.id), runtime.clock.now());
  (draft.alarms ??= []).push({ ticket: alarm.id, violation: notice.violation, metric, state: 'open' });
  runtime.journal(draft, JOURNAL.alarmCorrelated, { ticket: alarm.id, violation: notice.violation, metric });
  return correlated;
}

/**
 * The team hears of a violation (9.26): it keeps the notice and correlates an alarm ticket already
 * waiting for it; that ticket's followers are told of the change.
 */
async function violationHeard<D extends TicketData>(runtime: ActorRuntime<D>, violation: SlaViolation | undefined): Promise<void> {
  const metric = violation && violationMetric(violation);
  if (!violation || !metric) return;
  const notice: ViolationNotice = { violation: String(violation.id), href: violation.href, metric };
  await runtime.store.update((draft) => {
    if ((draft.teamNotices ?? []).some((n) => n.metric === metric)) return;
    (draft.teamNotices ??= []).push(notice);
    const tickets = collection(draft, 'TMF621', 'troubleTicket');
    const waiting = tickets.findIndex((t) => t.ticketType === ALARM && alarmMetric(t) === metric && !isCorrelated(t));
    if (waiting < 0) return;
    tickets[waiting] = teamTakesAlarm(runtime, draft, tickets[waiting]);
    runtime.notifier.enqueue(draft, runtime.clock.now(), {
      api: 'TMF621',
      eventType: 'TroubleTicketAttributeValueChangeEvent',
      resource: 'troubleTicket',
      entity: tickets[waiting],
      fieldPath: ['note', 'relatedEntity'],
    });
  });
  runtime.notifier.kick();
}

/** The team as a unit of its party (see ActorParts.units): it listens to its party's SLA violations. */
export function resolutionTeamUnit<D extends TicketData>(runtime: ActorRuntime<D>): Partial<Record<PartyUnit, Record<string, EventHandler>>> {
  return {
    [PARTY_UNIT.resolutionTeam]: { SlaViolationCreateEvent: (event) => violationHeard(runtime, eventResource(event, 'TMF623', 'slaViolation')) },
  };
}
