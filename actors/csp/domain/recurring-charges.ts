import type { BillingPeriod } from '../../../core/billing-period.ts';
import { fromTmf, type Money } from '../../../core/money.ts';
import { prorate, usedDays } from '../../../core/proration.ts';
import { conflict } from '../../../core/domain-error.ts';
import type { Product, ProductOfferingPrice } from '../../../tmf/resources.ts';

/** One recurring fee of one subscription for one period, rounded: a future bill line. */
export interface RecurringCharge {
  product: Product;
  price: ProductOfferingPrice;
  amount: Money;
  /** Days charged of days in the period: `31/31`, or `22/31` for a first partial month. */
  days: string;
  coverage: { start: Date; end: Date };
}

/**
 * Rates the recurring fees of the subscriptions active in the period (steps 7.7 and 8.12). A
 * subscription that started during the period pays for the days it was active (proration).
 */
export function rateRecurringFees(products: readonly Product[], prices: readonly ProductOfferingPrice[], period: BillingPeriod): RecurringCharge[] {
  const charges: RecurringCharge[] = [];
  for (const product of products) {
    // A subscription is charged from its start: one never started is charged nothing.
    if (!product.startDate) continue;
    const start = new Date(product.startDate);
    const end = product.terminationDate ? new Date(product.terminationDate) : undefined;
    if (start >= period.end || (end && end <= period.start)) continue;
    const priceIds = new Set((product.productPrice ?? []).map((p) => p.productOfferingPrice?.id));
    for (const price of prices.filter((p) => priceIds.has(p.id) && p.priceType === 'recurring')) {
      if (!price.price)
        throw conflict('Price without amount', `Recurring price ${price.id} states no amount: the bill run cannot charge it`, 'PRICE_WITHOUT_AMOUNT');
      const fee = fromTmf(price.price);
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
