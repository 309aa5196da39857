import { type BillingPeriod, periodId } from '../../../core/billing-period.ts';
import { conflict } from '../../../core/domain-error.ts';
import { fromTmf, type Money } from '../../../core/money.ts';
import { prorate } from '../../../core/proration.ts';
import { billNumber, buildTmfBill, isBilledFor } from '../../../core/tmf-bill.ts';
import { collection } from '../../../tmf/data.ts';
import type { BillingAccount, CustomerBill, Product } from '../../../tmf/resources.ts';
import { billRefs, storeBill } from '../../../tmf/entity.ts';
import type { OemData } from '../store.ts';

export const VAT_PERCENT = '20';

/** The monthly fee recorded on a product when it was ordered. */
export function monthlyFeeOf(product: Pick<Product, 'id' | 'productPrice'>): Money {
  const fee = product.productPrice?.[0]?.price?.dutyFreeAmount;
  if (!fee) throw conflict('No price', `Product ${product.id} records no monthly fee to bill`, 'NO_PRICE');
  return fromTmf(fee);
}

/**
 * The driver's invoice at the end of a billing cycle (11.11): one line per active product, its monthly
 * fee prorated from activation, 20 % VAT per line, totals the exact sums of the lines. A period already
 * billed for the account, or with nothing to bill, yields nothing.
 */
export function billDriverAccount(draft: OemData, account: BillingAccount, period: BillingPeriod, now: Date): CustomerBill | undefined {
  const bills = collection(draft, 'TMF678', 'customerBill');
  if (isBilledFor(bills, account.id, period)) return undefined;
  const products = collection(draft, 'TMF637', 'product').filter(
    (p) => p.billingAccount?.id === account.id && p.status === 'active' && p.startDate && new Date(String(p.startDate)) < period.end,
  );
  if (products.length === 0) return undefined;
  const lines = products.map((product) => ({
    name: `${String(product.name)} (${periodId(period)})`,
    product,
    amount: prorate(monthlyFeeOf(product), period, { start: new Date(String(product.startDate)) }),
  }));
  const { bill, rates } = buildTmfBill({
    billNo: billNumber('OEM', period, bills.length + 1),
    period,
    now,
    currency: lines[0].amount.currency,
    taxRatePercent: VAT_PERCENT,
    billingAccount: account,
    relatedParty: account.relatedParty,
    newRef: billRefs(draft),
    lines,
  });
  storeBill(draft, { bill, rates }, 'driver');
  return bill;
}
