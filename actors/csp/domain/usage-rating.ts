import type { Decimal } from 'decimal.js';
import { fromTmf, type Money, MoneyDecimal } from '../../../core/money.ts';
import type { Product, ProductOffering, ProductOfferingPrice } from '../../../tmf/resources.ts';

/** A usage class the car tags its records with; each is rated by the catalog's price for its category. */
export const USAGE_CLASSES = ['infotainment', 'telematics'] as const;
export type UsageClass = (typeof USAGE_CLASSES)[number];

export const isUsageClass = (value: unknown): value is UsageClass => USAGE_CLASSES.some((c) => c === value);

/** The catalog category whose offers price a usage class (`infotainment` → `infotainment-connectivity`). */
export const categoryOf = (usageClass: UsageClass) => `${usageClass}-connectivity`;

/** What a megabyte of one usage class costs under one subscription: an included allowance, then a unit price. */
export interface UsageTariff {
  /** MB included each month before the unit price applies (0 when none). */
  readonly allowanceMB: Decimal;
  /** Price of one MB beyond the allowance. */
  readonly perMB: Money;
  /** The productOfferingPrice that priced it. */
  readonly priceId: string;
}

/** A range of the month's cumulative volume, in MB: [fromMB, toMB). */
export interface VolumeRange {
  readonly fromMB: Decimal;
  readonly toMB: Decimal;
}

/** One record rated: how much of it was included, how much charged, and its amount rounded to the cent. */
export interface RatedVolume {
  /** Where the record sits in the month's cumulative volume of its subscription and class. */
  readonly volume: VolumeRange;
  /** The part beyond the allowance: what the amount is for. */
  readonly chargeable: VolumeRange;
  readonly includedMB: Decimal;
  readonly chargeableMB: Decimal;
  /** Chargeable MB × unit price, rounded half-up to the currency's minor unit (per record). */
  readonly amount: Money;
  /** TMF635 rating tag: all included, partly or wholly charged, or plain usage without an allowance. */
  readonly tag: 'included usage' | 'non included usage' | 'usage';
}

const max = (a: Decimal, b: Decimal) => (a.greaterThan(b) ? a : b);

/**
 * Rates one record of `volumeMB` that comes after `usedBeforeMB` of the same subscription, class and
 * month: the allowance is consumed first, the rest is charged at the unit price, rounded per record.
 */
export function rateVolume(volumeMB: Decimal.Value, usedBeforeMB: Decimal.Value, tariff: UsageTariff): RatedVolume {
  const from = new MoneyDecimal(usedBeforeMB);
  const to = from.plus(new MoneyDecimal(volumeMB));
  const chargeFrom = max(from, tariff.allowanceMB);
  const chargeable = { fromMB: chargeFrom, toMB: max(to, chargeFrom) };
  const chargeableMB = chargeable.toMB.minus(chargeable.fromMB);
  const includedMB = to.minus(from).minus(chargeableMB);
  const amount = tariff.perMB.times(chargeableMB).roundToMinor();
  const tag = tariff.allowanceMB.isZero() ? 'usage' : chargeableMB.isZero() ? 'included usage' : 'non included usage';
  return { volume: { fromMB: from, toMB: to }, chargeable, includedMB, chargeableMB, amount, tag };
}

/**
 * The tariff of a usage class under a subscription: the subscription's own allowance and usage price
 * when its offer is of that class's category; otherwise the usage price of the catalog's launched offer
 * of that category (telematics under an infotainment package is priced as telematics connectivity).
 */
export function tariffFor(
  product: Product,
  usageClass: UsageClass,
  offerings: readonly ProductOffering[],
  prices: readonly ProductOfferingPrice[],
): UsageTariff | undefined {
  const category = categoryOf(usageClass);
  const inCategory = (o: ProductOffering | undefined) => (o?.category ?? []).some((c) => c.name === category);
  const own = offerings.find((o) => o.id === product.productOffering?.id);
  const offering = inCategory(own) ? own : offerings.find((o) => o.lifecycleStatus === 'Launched' && inCategory(o));
  if (!offering) return undefined;
  const priceIds = new Set((offering.productOfferingPrice ?? []).map((p) => p.id));
  const ofOffer = prices.filter((p) => priceIds.has(p.id));
  const usage = ofOffer.find((p) => p.priceType === 'usage');
  // A usage price states its amount (a flow rule); one a tester stripped of it prices nothing.
  if (!usage?.price) return undefined;
  const allowance = offering === own ? ofOffer.find((p) => p.priceType === 'allowance') : undefined;
  const perMB = fromTmf(usage.price).times(new MoneyDecimal(1).div(String(usage.unitOfMeasure?.amount ?? 1)));
  const allowanceMB = new MoneyDecimal(String(allowance?.unitOfMeasure?.amount ?? 0));
  return { allowanceMB, perMB, priceId: usage.id };
}
