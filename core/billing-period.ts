import { invalid } from './domain-error.ts';

declare const monthlyPeriod: unique symbol;

/**
 * A calendar month in UTC: `start` is the first instant of the month, `end` the first instant of the
 * next month (exclusive). Branded so that only this module's functions make one; rebuild a stored
 * period with `parsePeriodId`.
 */
export interface BillingPeriod {
  readonly start: Date;
  readonly end: Date;
  readonly [monthlyPeriod]: true;
}

/** TMF `TimePeriod` form of a billing period (as in CustomerBill.billingPeriod). */
export interface TmfTimePeriod {
  startDateTime: string;
  endDateTime: string;
}

/** First instant of a UTC month; setUTCFullYear because Date.UTC maps years 0–99 to 1900–1999. */
function monthStart(year: number, monthIndex: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, 1);
  return date;
}

function monthPeriod(year: number, monthIndex: number): BillingPeriod {
  const period = { start: monthStart(year, monthIndex), end: monthStart(year, monthIndex + 1) };
  return Object.freeze(period) as unknown as BillingPeriod;
}

/** The monthly period that contains `date` (UTC). */
export function periodContaining(date: Date): BillingPeriod {
  if (Number.isNaN(date.getTime())) throw new RangeError('periodContaining needs a valid date');
  return monthPeriod(date.getUTCFullYear(), date.getUTCMonth());
}

/** The period right after `period`. */
export function nextPeriod(period: BillingPeriod): BillingPeriod {
  return periodContaining(period.end);
}

/** Stable identifier such as '2026-01'. */
export function periodId(period: BillingPeriod): string {
  const month = String(period.start.getUTCMonth() + 1).padStart(2, '0');
  return `${String(period.start.getUTCFullYear()).padStart(4, '0')}-${month}`;
}

/** Inverse of `periodId`: '2026-01' → January 2026. */
export function parsePeriodId(id: string): BillingPeriod {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(id);
  if (!match) throw new RangeError(`Invalid billing period id "${id}": expected YYYY-MM`);
  return monthPeriod(Number(match[1]), Number(match[2]) - 1);
}

/**
 * A period named in a request ('2026-01'), refused in the domain's words when it is not one: the kind
 * of period ("billing", "settlement", "measurement") says what the caller was asking for.
 */
export function requestedPeriod(id: unknown, kind: string): BillingPeriod {
  try {
    return parsePeriodId(String(id));
  } catch {
    throw invalid('Invalid period', `A ${kind} period is written YYYY-MM, got '${String(id)}'`);
  }
}

/** The period right before `period`. */
export function previousPeriod(period: BillingPeriod): BillingPeriod {
  return periodContaining(new Date(period.start.getTime() - 1));
}

/** True once `now` has reached the period's exclusive end: the period can be billed. */
export function isEnded(period: BillingPeriod, now: Date): boolean {
  return now.getTime() >= period.end.getTime();
}

/** The period as TMF TimePeriod strings (end exclusive, as stored). */
export function toTmfTimePeriod(period: BillingPeriod): TmfTimePeriod {
  return { startDateTime: period.start.toISOString(), endDateTime: period.end.toISOString() };
}
