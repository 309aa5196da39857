import { Money } from './money.ts';

/** A span of time: start inclusive, end exclusive. */
export interface DateRange {
  readonly start: Date;
  readonly end: Date;
}

/** When a subscription was active; no `end` means still active. */
export interface ActiveRange {
  readonly start: Date;
  readonly end?: Date;
}

/** Calendar days counted for proration: `used` of `total` days in the period. */
export interface DayCount {
  readonly used: number;
  readonly total: number;
}

const MS_PER_DAY = 86_400_000;

/** Days since the epoch of the UTC calendar day holding `date` (time of day is ignored). */
function utcDay(date: Date): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Proration needs valid dates');
  return Math.floor(ms / MS_PER_DAY);
}

/** Calendar days (UTC, start inclusive, end exclusive) of `active` falling within `period`. */
export function usedDays(period: DateRange, active: ActiveRange): DayCount {
  const periodStart = utcDay(period.start);
  const periodEnd = utcDay(period.end);
  if (periodEnd <= periodStart) throw new RangeError('A proration period must span at least one day');
  const activeStart = utcDay(active.start);
  const activeEnd = active.end === undefined ? Number.POSITIVE_INFINITY : utcDay(active.end);
  if (activeEnd < activeStart) throw new RangeError('An active range cannot end before it starts');
  const used = Math.max(0, Math.min(activeEnd, periodEnd) - Math.max(activeStart, periodStart));
  return { used, total: periodEnd - periodStart };
}

/**
 * The part of a recurring `fee` owed for the days `active` covers in `period`: fee × used ÷ total,
 * rounded half-up to the minor unit. A full period yields exactly the (rounded) fee.
 */
export function prorate(fee: Money, period: DateRange, active: ActiveRange): Money {
  const { used, total } = usedDays(period, active);
  // Multiply before dividing: fee × used is exact, so the one division is the only inexact step. Taking
  // the ratio first would round 5/28 to 0.178571…, and 0.14 × 5/28 (exactly 0.025) would round to 0.02.
  return new Money(fee.amount.times(used).dividedBy(total), fee.currency).roundToMinor();
}
