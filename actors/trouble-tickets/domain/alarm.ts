import type { Entity } from '../../../tmf/data.ts';
import { invalid } from '../../../core/domain-error.ts';

export const ALARM = 'alarm';
/** Role of the relatedEntity of an alarm ticket that carries the metric identifier. */
export const SLA_METRIC_ROLE = 'slaMetric';

/** The metric identifier an alarm ticket carries. */
export function alarmMetric(ticket: Entity): string | undefined {
  return ((ticket.relatedEntity as { id: string; role: string }[] | undefined) ?? []).find((e) => e.role === SLA_METRIC_ROLE)?.id;
}

/**
 * The violation an alarm ticket is about, found by metric identifier (9.26). An alarm that names no
 * metric, or a metric this party never breached, is refused: nobody could work on it.
 */
export function correlate(alarm: Entity, violations: readonly Entity[]): { violation: Entity; metric: string } {
  const metric = alarmMetric(alarm);
  if (!metric) throw invalid('Alarm without metric', `An alarm ticket names its metric identifier in relatedEntity (role ${SLA_METRIC_ROLE})`);
  const violation = violations.find((v) => (v.violation as { metric?: string } | undefined)?.metric === metric);
  if (!violation) throw invalid('Unknown metric', `No SLA violation here has the metric identifier ${metric}`);
  return { violation, metric };
}
