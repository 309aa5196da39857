/** How a record and its billing marks are written in the usage book's log, and read back. */
import { invalid } from '../../../core/domain-error.ts';
import { minorUnitsOf } from '../../../core/money.ts';
import type { Usage } from '../../../tmf/resources.ts';

/** A line of the book: a version of a record (with its owner), shares billed, or a record deleted. */
export type BookLine = { readonly u: Usage; readonly o?: string } | { readonly b: readonly number[] } | { readonly d: string };

/** The most shares a record may have its billing kept for (one per payer role). */
export const MAX_SHARES = 8;

/** The recordId characteristic a car gives each record: what a record is recognised by. */
export const recordIdOf = (usage: Usage) => usage.usageCharacteristic?.find((c) => c.name === 'recordId')?.value;

/** A line of the book, as the book wrote it. */
export const parseLine = (line: string) => JSON.parse(line) as BookLine;

/** The shares a version says are billed, as bits. */
export function billedBits(usage: Usage): number {
  let bits = 0;
  (usage.ratedProductUsage ?? []).slice(0, MAX_SHARES).forEach((share, j) => {
    if (share.isBilled) bits |= 1 << j;
  });
  return bits;
}

/** An amount in minor units: exact for an amount mediation rounded to them. */
export function minorUnits(value: number, currency: string): number {
  const scale = 10 ** minorUnitsOf(currency);
  const minor = Math.round(value * scale);
  if (minor / scale !== value) throw invalid('Invalid share amount', `${value} ${currency} is not a whole number of minor units`, 'INVALID_AMOUNT');
  return minor;
}
