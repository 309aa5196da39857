import type { BillingPeriod } from '../../../core/billing-period.ts';
import { fromTmf, type Money } from '../../../core/money.ts';
import { prorate, usedDays } from '../../../core/proration.ts';
import type { Entity } from '../../../tmf/data.ts';

/** One recurring fee of one subscription for one period, rounded: a future bill line. */
export interface RecurringCharge {
  product: Entity;
  price: Entity;
  amount: Money;
  /** Days charged of days in the period: `31/31`, or `22/31` for a first partial month. */
  days: string;
  coverage: { start: Date; end: Date };
}

/**
 * Rates the recurring fees of the subscriptions active in the period (steps 7.7 and 8.12). A
 * subscription that started during the period pays for the days it was active (proration).
 */
export function rateRecurringFees(products: readonly Entity[], prices: readonly Entity[], period: BillingPeriod): RecurringCharge[] {
  const charges: RecurringCharge[] = [];
  for (const product of products) {
    const start = new Date(String(product.startDate));
    const end = product.terminationDate ? new Date(String(product.terminationDate)) : undefined;
    if (start >= period.end || (end && end <= period.start)) continue;
    const priceIds = new Set(((product.productPrice as { productOfferingPrice?: { id: string } }[] | undefined) ?? []).map((p) => p.productOfferingPrice?.id));
    for (const price of prices.filter((p) => priceIds.has(p.id) && p.priceType === 'recurring')) {
      const fee = fromTmf(price.price as { unit: string; value: number });
      const active = { start, end };
      const { used, total } = usedDays(period, active);
      if (used === 0) continue;
      const coverageStart = start > period.start ? start : period.start;
      charges.push({
        product,
        price,
        amount: prorate(fee, period, active),
        days: `${used}/${total}`,
        coverage: { start: coverageStart, end: end && end < period.end ? end : period.end },
      });
    }
  }
  return charges;
}
