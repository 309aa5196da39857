import { invalid } from '../../../core/domain-error.ts';
import { isRecord } from '../../../core/plain-data.ts';
import type { SlaViolation, TroubleTicket } from '../../../tmf/resources.ts';

/** What the alarm rules read of a ticket: its related entities and notes (a stored ticket or a create body). */
type AlarmTicket = Pick<TroubleTicket, 'relatedEntity' | 'note'>;

export const ALARM = 'alarm';
/** Role of the relatedEntity of an alarm ticket that carries the metric identifier. */
export const SLA_METRIC_ROLE = 'slaMetric';

/** The metric identifier an alarm ticket carries. */
export function alarmMetric(ticket: AlarmTicket): string | undefined {
  return (ticket.relatedEntity ?? []).find((e) => e.role === SLA_METRIC_ROLE)?.id;
}

/** Role of the relatedEntity by which the resolution team records the violation it correlated (9.26). */
export const CORRELATED_VIOLATION_ROLE = 'correlatedSlaViolation';

/** The metric identifier of an SLA violation. */
export const violationMetric = (violation: Pick<SlaViolation, 'violation'>): string | undefined =>
  // The types follow the flow rules; a tester holding the harness key is held to the standard only, which
  // lets a violation through without what it violated.
  metricIn(violation.violation);

/** Read at run time: the type says a violation is always there, a tester's body may lack it. */
function metricIn(violated: unknown): string | undefined {
  return isRecord(violated) && typeof violated.metric === 'string' ? violated.metric : undefined;
}

/**
 * The violation an alarm ticket is about, found by metric identifier. An alarm that names no metric, or
 * a metric this party never breached, is refused (9.25): nobody could work on it.
 */
export function correlate<V extends Pick<SlaViolation, 'violation'>>(alarm: AlarmTicket, violations: readonly V[]): { violation: V; metric: string } {
  const metric = alarmMetric(alarm);
  if (!metric) throw invalid('Alarm without metric', `An alarm ticket names its metric identifier in relatedEntity (role ${SLA_METRIC_ROLE})`);
  const violation = violations.find((v) => violationMetric(v) === metric);
  if (!violation) throw invalid('Unknown metric', `No SLA violation here has the metric identifier ${metric}`);
  return { violation, metric };
}

/** A violation as the resolution team heard of it from its party (9.26). */
export interface ViolationNotice {
  readonly violation: string;
  readonly href: string;
  readonly metric: string;
}

/**
 * 9.26: the alarm ticket with the team's correlation on it, readable over TMF621 by whoever follows the
 * ticket: the violation as a related entity, and a note saying by which metric identifier it was matched.
 */
export function correlatedAlarm<T extends AlarmTicket>(alarm: T, notice: ViolationNotice, team: string, now: Date): T {
  const related = alarm.relatedEntity ?? [];
  const notes = alarm.note ?? [];
  return {
    ...alarm,
    relatedEntity: [
      ...related,
      { id: notice.violation, href: notice.href, name: notice.metric, role: CORRELATED_VIOLATION_ROLE, '@referredType': 'SlaViolation' },
    ],
    note: [
      ...notes,
      { text: `Correlated with SLA violation ${notice.violation} by the metric identifier ${notice.metric}`, author: team, date: now.toISOString() },
    ],
  };
}

/** Whether the team already recorded a correlation on the alarm ticket. */
export const isCorrelated = (alarm: AlarmTicket): boolean => (alarm.relatedEntity ?? []).some((e) => e.role === CORRELATED_VIOLATION_ROLE);
