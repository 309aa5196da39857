import type { Entity } from '../../../tmf/data.ts';
import { invalid } from '../../../core/domain-error.ts';

export const ALARM = 'alarm';
/** Role of the relatedEntity of an alarm ticket that carries the metric identifier. */
export const SLA_METRIC_ROLE = 'slaMetric';

/** The metric identifier an alarm ticket carries. */
export function alarmMetric(ticket: Entity): string | undefined {
  return ((ticket.relatedEntity as { id: string; role: string }[] | undefined) ?? []).find((e) => e.role === SLA_METRIC_ROLE)?.id;
}

/** Role of the relatedEntity by which the resolution team records the violation it correlated (9.26). */
export const CORRELATED_VIOLATION_ROLE = 'correlatedSlaViolation';

/** The metric identifier of an SLA violation. */
export const violationMetric = (violation: Entity): string | undefined => (violation.violation as { metric?: string } | undefined)?.metric;

/**
 * The violation an alarm ticket is about, found by metric identifier. An alarm that names no metric, or
 * a metric this party never breached, is refused (9.25): nobody could work on it.
 */
export function correlate(alarm: Entity, violations: readonly Entity[]): { violation: Entity; metric: string } {
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
export function correlatedAlarm(alarm: Entity, notice: ViolationNotice, team: string, now: Date): Entity {
  const related = (alarm.relatedEntity as unknown[] | undefined) ?? [];
  const notes = (alarm.note as unknown[] | undefined) ?? [];
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
export const isCorrelated = (alarm: Entity): boolean =>
  ((alarm.relatedEntity as { role?: string }[] | undefined) ?? []).some((e) => e.role === CORRELATED_VIOLATION_ROLE);
