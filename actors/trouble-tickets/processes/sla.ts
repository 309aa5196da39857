import type { Decimal } from 'decimal.js';
import { JOURNAL } from '../../../core/journal-events.ts';
import { items, type Entity } from '../../../tmf/data.ts';
import { addEntity } from '../../../tmf/resource.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { EffectHandler } from '../../../tmf/owed-effects.ts';
import type { TicketData } from '../data.ts';
import { breaches, measured, measureOperation, METRIC, metricId, type OperationMeasurement, type Outage, type SlaRule } from '../domain/sla-rules.ts';
import { requestedPeriod } from '../../../core/billing-period.ts';
import { badRequest, conflict } from '../../../tmf/errors.ts';

/** A measurement reported to a party (its monitoring, or the harness's control endpoint). */
export interface Measurement {
  metric: string;
  value: string | number;
  /** What it was measured over, e.g. the period `2026-03`; part of the metric identifier. */
  subject: string;
  /** The affected customer, when there is one. */
  customer?: { id: string; name?: string };
}

/**
 * Step 9.21: an slaViolation with the metric identifier, journaled and notified in the draft's update.
 * A metric identifier is violated once: reporting the same measurement again changes nothing.
 */
export function recordViolation<D extends TicketData>(
  runtime: ActorRuntime<D>,
  draft: D,
  found: { sla: Entity; rule: SlaRule },
  id: string,
  actual: Decimal,
  customer?: Measurement['customer'],
): Entity | undefined {
  const known = items(draft, 'TMF623', 'slaViolation').some((v) => (v.violation as { metric: string }).metric === id);
  if (known) return undefined;
  const { sla, rule } = found;
  const now = runtime.clock.now();
  const violation = addEntity(draft, 'TMF623', 'slaViolation', {
    date: now.toISOString(),
    sla: { id: sla.id, href: sla.href, description: String(sla.name) },
    violation: {
      metric: id,
      unit: rule.unit,
      referenceValue: rule.referenceValue,
      operator: rule.operator,
      actualValue: actual.toString(),
      rule: { id: rule.id },
      consequence: (rule as { consequence?: string }).consequence,
      comment: `${rule.metric} ${actual.toString()} breaches ${rule.operator} ${rule.referenceValue}`,
    },
    relatedParty: [
      { id: runtime.id, role: 'SLAProvider', '@referredType': 'Organization' },
      ...(customer ? [{ id: customer.id, name: customer.name, role: 'EndUser', '@referredType': 'Individual' }] : []),
    ],
  });
  runtime.journal(draft, JOURNAL.slaViolated, { violation: violation.id, metric: id, sla: sla.id, actual: actual.toString() });
  runtime.notifier.enqueue(draft, now, { api: 'TMF623', eventType: 'SlaViolationCreateEvent', resource: 'slaViolation', entity: violation });
  return violation;
}

/** Evaluates a measurement against every SLA rule on its metric; returns the violations it created. */
export function evaluateMeasurement<D extends TicketData>(runtime: ActorRuntime<D>, draft: D, m: Measurement): Entity[] {
  const actual = measured(m.value);
  return breaches(items(draft, 'TMF623', 'sla'), m.metric, actual).flatMap(
    (found) => recordViolation(runtime, draft, found, metricId(m.metric, m.subject), actual, m.customer) ?? [],
  );
}

/** A fault of the service, scheduled in the simulated operation: `durationMinutes` unavailable from `start`. */
export async function scheduleFault<D extends TicketData>(
  runtime: ActorRuntime<D>,
  start: string,
  durationMinutes: number,
  description: string,
): Promise<Outage> {
  const from = Date.parse(start);
  if (Number.isNaN(from) || !Number.isFinite(durationMinutes) || durationMinutes <= 0)
    throw badRequest('Invalid fault', 'A fault has a start (date-time) and a positive durationMinutes');
  const outage = { start: new Date(from).toISOString(), end: new Date(from + durationMinutes * 60_000).toISOString(), description };
  await runtime.store.update((draft) => {
    (draft.outages ??= []).push(outage);
  });
  return outage;
}

/**
 * 9.21 at the end of a measurement period: the party's monitoring measures its own operation over the
 * period (availability from its outages, the resolution time of each ticket it resolved) and every
 * breach of its SLAs becomes a violation, notified. Measuring a period again finds no new violation.
 */
export async function measurePeriod<D extends TicketData>(
  runtime: ActorRuntime<D>,
  periodIdText: string,
): Promise<{ measurements: OperationMeasurement[]; violations: Entity[] }> {
  const period = requestedPeriod(periodIdText, 'measurement');
  if (runtime.clock.now() < period.end) throw conflict('Period not ended', `Period ${periodIdText} ends at ${period.end.toISOString()}`, 'PERIOD_NOT_ENDED');
  const availability = runtime.id === 'csp' ? METRIC.availability : METRIC.infotainmentAvailability;
  const result = await runtime.store.update((draft) => {
    const measurements = measureOperation(period, availability, draft.outages ?? [], items(draft, 'TMF621', 'troubleTicket'), periodIdText);
    return { measurements, violations: measurements.flatMap((m) => evaluateMeasurement(runtime, draft, m)) };
  });
  runtime.notifier.kick();
  return result;
}

/** Owed when a party takes an alarm or hears of another party's violation (9.24). */
export const RETRIEVE_SLA_INFORMATION = 'retrieve-sla-information';

/**
 * 9.24: the party retrieves from the call center what it knows of a violation (by metric identifier):
 * how the call center handled it. Kept beside the party's alarm handling, or as a note of it, in the
 * update that marks the owed retrieval done: kept once.
 */
export const retrieveSlaInformationEffect =
  <D extends TicketData>(runtime: ActorRuntime<D>): EffectHandler<D> =>
  async (args) => {
    const metric = String(args.metric);
    const { items: found } = await runtime.client('call-center').list('TMF623', 'slaViolation', { 'violation.metric': metric });
    return (draft) => {
      (draft.slaInformation ??= []).push({
        metric,
        retrievedAt: runtime.clock.now().toISOString(),
        violations: found.map((v) => String(v.id)),
        description: found.map((v) => String(v.description ?? '')),
      });
    };
  };
