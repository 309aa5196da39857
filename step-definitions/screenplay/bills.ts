import assert from 'node:assert/strict';
import { Decimal } from 'decimal.js';
import type { AppliedCustomerBillingRate, CustomerBill, Money, ProductOfferingPrice } from '../../tmf/resources.ts';

const dec = (m: Money | undefined) => new Decimal(String(m?.value));

/** Questions about bills, answered from the bills themselves with exact decimals. */
export const Bills = {
  periodOf: (bill: CustomerBill) => String(bill.billingPeriod?.startDateTime).slice(0, 7),

  /** Tax-excluded and tax-included totals both equal the sums of the bill's items, exactly. */
  assertTotalsEqualItems(bill: CustomerBill, rates: readonly AppliedCustomerBillingRate[]): void {
    const items = rates.filter((r) => r.bill?.id === bill.id);
    assert.ok(items.length > 0, `bill ${bill.id} has items`);
    for (const field of ['taxExcludedAmount', 'taxIncludedAmount'] as const) {
      const total = items.reduce((acc, r) => acc.plus(dec(r[field])), new Decimal(0));
      assert.equal(total.toFixed(2), dec(bill[field]).toFixed(2), `${field} of ${bill.id}`);
    }
    assert.equal(dec(bill.amountDue).toFixed(2), dec(bill.taxIncludedAmount).toFixed(2));
  },

  /** The item charges its price's fee × used / total days, rounded half-up to the cent. */
  assertProrated(rate: AppliedCustomerBillingRate, prices: readonly ProductOfferingPrice[], used: number, total: number): void {
    const priceId = (rate.characteristic ?? []).find((c) => c.name === 'productOfferingPrice')?.value;
    const price = prices.find((p) => p.id === priceId);
    assert.ok(price?.price, `rate ${rate.id} names its price`);
    const expected = new Decimal(String(price.price.value)).times(used).div(total).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    assert.equal(dec(rate.taxExcludedAmount).toFixed(2), expected.toFixed(2), `${rate.name}`);
  },
};
