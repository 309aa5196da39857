import type { Decimal } from 'decimal.js';
import { CurrencyMismatchError, type Money, MoneyDecimal, sum } from './money.ts';

/** A bill line to assemble: any record with a unique id and an amount already rounded to the minor unit. */
export interface BillItem {
  readonly id: string;
  readonly amount: Money;
}

/** A bill: its lines and the exact sum of their (rounded) tax-excluded amounts. */
export interface Bill<T extends BillItem> {
  readonly items: readonly T[];
  readonly taxExcludedTotal: Money;
  readonly itemCount: number;
}

/** A line with its tax-included amount, taxed and rounded on its own. */
export type TaxedLine<T extends BillItem> = T & { readonly taxIncludedAmount: Money };

/** A bill with tax: totals are sums of per-line rounded amounts, never a tax on the total. */
export type TaxedBill<T extends BillItem> = Bill<TaxedLine<T>> & {
  readonly taxRatePercent: Decimal;
  readonly taxIncludedTotal: Money;
  readonly taxTotal: Money;
};

/** Options without tax. */
export interface BillOptions {
  readonly currency: string;
}

/** Options with a tax rate in percent, as the TMF APIs state it (19 means 19 %). */
export interface TaxedBillOptions extends BillOptions {
  readonly taxRatePercent: Decimal.Value;
}

/**
 * Assembles bill lines into a bill whose total is the exact sum of the lines. Rejects lines in another
 * currency, lines not rounded to the minor unit, and repeated ids (a line billed twice). With a tax
 * rate, each line is taxed and rounded half-up by itself, and the tax-included total is their sum;
 * taxed lines are copies of the items as plain objects.
 */
export function assembleBill<T extends BillItem>(items: readonly T[], options: TaxedBillOptions): TaxedBill<T>;
export function assembleBill<T extends BillItem>(items: readonly T[], options: BillOptions): Bill<T>;
export function assembleBill<T extends BillItem>(items: readonly T[], options: BillOptions | TaxedBillOptions): Bill<T> | TaxedBill<T> {
  checkItems(items, options.currency);
  const bill: Bill<T> = {
    items,
    taxExcludedTotal: sum(
      items.map((item) => item.amount),
      options.currency,
    ),
    itemCount: items.length,
  };
  return 'taxRatePercent' in options ? addTax(bill, new MoneyDecimal(options.taxRatePercent), options.currency) : bill;
}

function checkItems(items: readonly BillItem[], currency: string): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new RangeError(`Bill item "${item.id}" appears more than once`);
    seen.add(item.id);
    if (item.amount.currency !== currency) {
      throw new CurrencyMismatchError(currency, item.amount.currency, `bill item "${item.id}"`);
    }
    if (!item.amount.isRounded()) {
      throw new RangeError(`Bill item "${item.id}" amount ${item.amount.toString()} is not rounded to the minor unit`);
    }
  }
}

function addTax<T extends BillItem>(bill: Bill<T>, ratePercent: Decimal, currency: string): TaxedBill<T> {
  if (!ratePercent.isFinite() || ratePercent.lessThan(0)) {
    throw new RangeError(`Invalid tax rate ${ratePercent.toString()} %`);
  }
  const factor = ratePercent.dividedBy(100).plus(1);
  const items = bill.items.map((item) => ({ ...item, taxIncludedAmount: item.amount.times(factor).roundToMinor() }));
  const taxIncludedTotal = sum(
    items.map((item) => item.taxIncludedAmount),
    currency,
  );
  return {
    items,
    itemCount: items.length,
    taxExcludedTotal: bill.taxExcludedTotal,
    taxRatePercent: ratePercent,
    taxIncludedTotal,
    taxTotal: taxIncludedTotal.minus(bill.taxExcludedTotal),
  };
}
