import { Decimal } from 'decimal.js';
import type { Sla, SlaRule, TroubleTicket } from '../../../tmf/resources.ts';
import { invalid } from '../../../core/domain-error.ts';

/** A TMF623 v2 rule: what it measures, how it compares and to what (v2 keeps values as strings). */
export type { SlaRule };

/** The metrics the parties' SLAs name. */
export const METRIC = {
  availability: 'connectivity.availability',
  infotainmentAvailability: 'infotainment.availability',
  resolutionTime: 'ticket.resolutionTime',
} as const;

const COMPARE: Readonly<Record<string, (actual: Decimal, reference: Decimal) => boolean>> = {
  '>=': (a, r) => a.gte(r),
  '>': (a, r) => a.gt(r),
  '<=': (a, r) => a.lte(r),
  '<': (a, r) => a.lt(r),
  '==': (a, r) => a.eq(r),
};

/** Decimal of a measured value; never a binary float (99.5 must compare exactly). */
export function measured(value: string | number): Decimal {
  try {
    const d = new Decimal(String(value));
    if (d.isFinite()) return d;
  } catch {
    /* fall through */
  }
  throw invalid('Invalid measurement', `A measured value is a decimal number, got '${String(value)}'`);
}

/** Whether an actual value keeps the rule (true) or breaches it (false). */
export function keeps(rule: SlaRule, actual: Decimal): boolean {
  const compare = COMPARE[rule.operator];
  if (!compare) throw new Error(`SLA rule ${rule.id ?? rule.metric} has an unknown operator '${rule.operator}'`);
  return compare(actual, new Decimal(rule.referenceValue));
}

/** Every (SLA, rule) on `metric` that `actual` breaches. */
export function breaches<S extends Pick<Sla, 'rule'>>(slas: readonly S[], metric: string, actual: Decimal): { sla: S; rule: SlaRule }[] {
  return slas.flatMap((sla) => (sla.rule ?? []).filter((rule) => rule.metric === metric && !keeps(rule, actual)).map((rule) => ({ sla, rule })));
}

/**
 * The metric identifier of one measurement: the metric and what it was measured over (a period, a
 * ticket). The alarm ticket carries it, and the resolution team correlates alarm and violation by it.
 */
export const metricId = (metric: string, subject: string) => `${metric}:${subject}`;

/** Hours between two instants, to the hundredth, exactly (e.g. 4 h 30 min → 4.5). */
export function hoursBetween(from: string, to: string): Decimal {
  return new Decimal(Date.parse(to) - Date.parse(from)).div(3_600_000).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** The SLAs a party holds: connectivity (CSP) or infotainment (OEM) availability, and ticket resolution. */
export function seedSlas(provider: 'csp' | 'car-manufacturer', start: Date): Sla[] {
  const service = provider === 'csp' ? 'Connectivity' : 'Infotainment service';
  const availability = provider === 'csp' ? METRIC.availability : METRIC.infotainmentAvailability;
  // TMF623 v2 ids are integers (served as such); each provider numbers its own SLAs.
  const id = '1';
  return [
    {
      id,
      href: `/tmf-api/slaManagement/v2/sla/${id}`,
      '@type': 'Sla',
      name: `${service} SLA`,
      description: `${service} for connected cars: monthly availability and ticket resolution time`,
      version: '1',
      validFor: { startDateTime: start.toISOString() },
      relatedParty: [
        { id: provider, role: 'SLAProvider', '@referredType': 'Organization' },
        { id: 'call-center', role: 'SLAConsumer', '@referredType': 'Organization' },
      ],
      rule: [
        { id: 'availability', metric: availability, unit: '%', operator: '>=', referenceValue: '99.5', consequence: 'service credit' },
        { id: 'resolution', metric: METRIC.resolutionTime, unit: 'h', operator: '<=', referenceValue: '4', consequence: 'escalation' },
      ],
    },
  ];
}

/** A fault of the party's service: it was unavailable over [start, end). */
export interface Outage {
  start: string;
  end: string;
  description: string;
}

/** A measurement of the party's own operation over a period. */
export interface OperationMeasurement {
  metric: string;
  value: string;
  subject: string;
  customer?: { id: string; name?: string };
}

const RESOLVED = new Set(['resolved', 'closed']);

/**
 * What the party's monitoring measures of a period (9.21): its service's availability — the share of
 * the period's minutes outside every outage, in percent to the hundredth (half-up) — and the resolution
 * time of every customer ticket it resolved in the period (alarms are the SLA process's own).
 */
export function measureOperation(
  period: { start: Date; end: Date },
  availabilityMetric: string,
  outages: readonly Outage[],
  tickets: readonly TroubleTicket[],
  subject: string,
): OperationMeasurement[] {
  const total = new Decimal(period.end.getTime() - period.start.getTime());
  const down = outages.reduce((acc, o) => {
    const from = Math.max(Date.parse(o.start), period.start.getTime());
    const to = Math.min(Date.parse(o.end), period.end.getTime());
    return to > from ? acc.plus(to - from) : acc;
  }, new Decimal(0));
  const availability = new Decimal(100).times(total.minus(down)).div(total).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const resolved = tickets.filter(
    (t) =>
      t.ticketType !== 'alarm' &&
      RESOLVED.has(String(t.status)) &&
      typeof t.resolutionDate === 'string' &&
      Date.parse(String(t.resolutionDate)) >= period.start.getTime() &&
      Date.parse(String(t.resolutionDate)) < period.end.getTime(),
  );
  return [
    { metric: availabilityMetric, value: availability.toFixed(2), subject },
    ...resolved.map((t) => {
      const customer = (t.relatedParty ?? []).find((p) => p.role === 'customer');
      return {
        metric: METRIC.resolutionTime,
        value: hoursBetween(String(t.creationDate), String(t.resolutionDate)).toString(),
        subject: `ticket-${t.id}`,
        ...(customer ? { customer: { id: customer.id, name: customer.name } } : {}),
      };
    }),
  ];
}
