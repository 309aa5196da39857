import { assembleBill } from '../../../core/bill-assembly.ts';
import { type BillingPeriod, periodId, toTmfTimePeriod } from '../../../core/billing-period.ts';
import { fromTmf, type Money, type TmfMoney } from '../../../core/money.ts';
import { prorate } from '../../../core/proration.ts';
import { collection, type Entity, nextId } from '../../../tmf/data.ts';
import { hrefOf } from '../../../tmf/entity.ts';
import type { OemData } from '../store.ts';

export const VAT_PERCENT = '20';

const ref = (e: Entity) => ({ id: e.id, href: e.href });

/** The monthly fee recorded on a product when it was ordered. */
export function monthlyFeeOf(product: Entity): Money {
  const [price] = product.productPrice as { price: { dutyFreeAmount: TmfMoney } }[];
  return fromTmf(price.price.dutyFreeAmount);
}

/**
 * The driver's invoice at the end of a billing cycle (11.11): one line per active product, its monthly
 * fee prorated from activation, 20 % VAT per line, totals the exact sums of the lines. A period already
 * billed for the account, or with nothing to bill, yields nothing.
 */
export function billDriverAccount(draft: OemData, account: Entity, period: BillingPeriod, now: Date): Entity | undefined {
  const bills = collection(draft, 'TMF678', 'customerBill');
  const billingPeriod = toTmfTimePeriod(period);
  if (bills.some((b) => (b.billingAccount as Entity).id === account.id && (b.billingPeriod as { startDateTime: string }).startDateTime === billingPeriod.startDateTime)) return undefined;
  const products = collection(draft, 'TMF637', 'product')
    .filter((p) => (p.billingAccount as Entity | undefined)?.id === account.id && p.status === 'active' && p.startDate && new Date(String(p.startDate)) < period.end);
  const lines = products.map((product, i) => ({ id: String(i), product, amount: prorate(monthlyFeeOf(product), period, { start: new Date(String(product.startDate)) }) }));
  if (lines.length === 0) return undefined;
  const currency = lines[0].amount.currency;
  const assembled = assembleBill(lines, { currency, taxRatePercent: VAT_PERCENT });
  const billId = nextId(draft, 'bill');
  const billHref = hrefOf('TMF678', 'customerBill', billId);
  for (const line of assembled.items) {
    const id = nextId(draft, 'acbr');
    collection(draft, 'TMF678', 'appliedCustomerBillingRate').push({
      id, href: hrefOf('TMF678', 'appliedCustomerBillingRate', id), '@type': 'AppliedCustomerBillingRate',
      name: `${String(line.product.name)} (${periodId(period)})`, date: now.toISOString(), type: 'appliedBillingCharge', isBilled: true,
      bill: { id: billId, href: billHref }, billingAccount: ref(account), product: ref(line.product), periodCoverage: billingPeriod,
      taxExcludedAmount: line.amount.toTmf(), taxIncludedAmount: line.taxIncludedAmount.toTmf(),
      appliedTax: [{ taxCategory: 'VAT', taxRate: Number(VAT_PERCENT) / 100, taxAmount: line.taxIncludedAmount.minus(line.amount).toTmf() }],
    });
  }
  const bill: Entity = {
    id: billId, href: billHref, '@type': 'CustomerBill',
    billNo: `OEM-${periodId(period)}-${String(bills.length + 1).padStart(5, '0')}`,
    billDate: now.toISOString(), billingPeriod, runType: 'onCycle', category: 'normal', state: 'new',
    paymentDueDate: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    amountDue: assembled.taxIncludedTotal.toTmf(), remainingAmount: assembled.taxIncludedTotal.toTmf(),
    taxExcludedAmount: assembled.taxExcludedTotal.toTmf(), taxIncludedAmount: assembled.taxIncludedTotal.toTmf(),
    taxItem: [{ taxCategory: 'VAT', taxRate: Number(VAT_PERCENT) / 100, taxAmount: assembled.taxTotal.toTmf() }],
    billingAccount: ref(account), relatedParty: account.relatedParty,
  };
  bills.push(bill);
  draft.owners[bill.href] = 'driver';
  return bill;
}
