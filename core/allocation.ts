import type { Decimal } from 'decimal.js';
import { type Money, MoneyDecimal, fromMinorUnits } from './money.ts';

/** One share's integer part and the numerator of its fractional part (over the weight total). */
interface ShareParts {
  index: number;
  whole: bigint;
  remainder: bigint;
}

/**
 * Splits `total` into shares proportional to `weights` by largest remainder: each share is the exact
 * proportional share in minor units, rounded down, then the minor units left over go one each to the
 * largest remainders (ties: lower index first). Shares sum exactly to `total` and each is within one
 * minor unit of its exact share. A negative total (a credit) is split as the mirror of its charge.
 *
 * The computation is done in integers (bigint) so remainders compare exactly, with no rounding at all.
 */
export function allocate(total: Money, weights: readonly Decimal.Value[]): Money[] {
  const units = total.toMinorUnits();
  const scaled = toIntegerWeights(weights);
  const weightTotal = scaled.reduce((acc, w) => acc + w, 0n);
  if (weightTotal === 0n) throw new RangeError('allocate needs at least one positive weight');

  const sign = units < 0n ? -1n : 1n;
  const magnitude = units * sign;
  const parts: ShareParts[] = scaled.map((w, index) => ({
    index,
    whole: (magnitude * w) / weightTotal,
    remainder: (magnitude * w) % weightTotal,
  }));
  const leftover = magnitude - parts.reduce((acc, p) => acc + p.whole, 0n);
  const favoured = new Set(
    [...parts]
      .sort(byLargestRemainderThenIndex)
      .slice(0, Number(leftover))
      .map((p) => p.index),
  );
  return parts.map((p) => fromMinorUnits(sign * (p.whole + (favoured.has(p.index) ? 1n : 0n)), total.currency));
}

/**
 * Splits `total` by percentages that must add up to exactly 100, e.g. a 70/30 revenue share; a sum
 * other than 100 is a configuration error and is rejected rather than silently normalised.
 */
export function splitByPercent(total: Money, percents: readonly Decimal.Value[]): Money[] {
  const percentTotal = percents.reduce<Decimal>((acc, p) => acc.plus(new MoneyDecimal(p)), new MoneyDecimal(0));
  if (!percentTotal.equals(100)) {
    throw new RangeError(`splitByPercent needs percentages summing to 100, got ${percentTotal.toFixed()}`);
  }
  return allocate(total, percents);
}

/** Scales decimal weights by a common power of ten so that they become exact integers. */
function toIntegerWeights(weights: readonly Decimal.Value[]): bigint[] {
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  const decimals = weights.map((w) => new MoneyDecimal(w));
  for (const d of decimals) {
    if (!d.isFinite() || d.lessThan(0)) throw new RangeError(`Invalid allocation weight ${d.toString()}`);
  }
  const places = Math.max(...decimals.map((d) => d.decimalPlaces()));
  return decimals.map((d) => BigInt(d.toFixed(places).replace('.', '')));
}

function byLargestRemainderThenIndex(a: ShareParts, b: ShareParts): number {
  if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
  return a.index - b.index;
}
