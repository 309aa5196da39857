import { assembleBill } from '../../../core/bill-assembly.ts';
import { type BillingPeriod, periodId, toTmfTimePeriod } from '../../../core/billing-period.ts';
import type { Money } from '../../../core/money.ts';
import { collection, type Entity, nextId } from '../../../tmf/data.ts';
import { hrefOf } from '../../../tmf/entity.ts';
import type { CspData } from '../store.ts';

/** A bill line before it is stored: what is charged, for which product, over which days. */
export interface ChargeLine {
  name: string;
  amount: Money;
  product: Entity;
  coverage: { start: Date; end: Date };
  characteristic: { name: string; value: string }[];
}

export const VAT_PERCENT = '20';

const ref = (e: Entity) => ({ id: e.id, href: e.href });

/**
 * Issues one customerBill for one billing account and period, with one appliedCustomerBillingRate per
 * line. The bill's totals are the exact sums of its lines (each rounded and taxed on its own). A period
 * already billed for that account yields nothing: running a bill run twice never bills twice.
 */
export function issueBill(draft: CspData, account: Entity, period: BillingPeriod, lines: readonly ChargeLine[], now: Date): { bill: Entity; rates: Entity[] } | undefined {
  const bills = collection(draft, 'TMF678', 'customerBill');
  const billingPeriod = toTmfTimePeriod(period);
  const already = bills.some((b) => (b.billingAccount as Entity).id === account.id && (b.billingPeriod as { startDateTime: string }).startDateTime === billingPeriod.startDateTime);
  if (already || lines.length === 0) return undefined;

  const currency = lines[0].amount.currency;
  const billId = nextId(draft, 'bill');
  const billHref = hrefOf('TMF678', 'customerBill', billId);
  const assembled = assembleBill(lines.map((line, i) => ({ ...line, id: String(i) })), { currency, taxRatePercent: VAT_PERCENT });
  const rates = assembled.items.map((line) => {
    const id = nextId(draft, 'acbr');
    return {
      id, href: hrefOf('TMF678', 'appliedCustomerBillingRate', id), '@type': 'AppliedCustomerBillingRate',
      name: line.name, date: now.toISOString(), type: 'appliedBillingCharge', isBilled: true,
      bill: { id: billId, href: billHref }, billingAccount: ref(account), product: ref(line.product),
      periodCoverage: { startDateTime: line.coverage.start.toISOString(), endDateTime: line.coverage.end.toISOString() },
      taxExcludedAmount: line.amount.toTmf(), taxIncludedAmount: line.taxIncludedAmount.toTmf(),
      appliedTax: [{ taxCategory: 'VAT', taxRate: Number(VAT_PERCENT) / 100, taxAmount: line.taxIncludedAmount.minus(line.amount).toTmf() }],
      characteristic: line.characteristic,
    } satisfies Entity;
  });
  const billNo = `CSP-${periodId(period)}-${String(bills.length + 1).padStart(5, '0')}`;
  const bill: Entity = {
    id: billId, href: billHref, '@type': 'CustomerBill', billNo, billDate: now.toISOString(), runType: 'onCycle', category: 'normal', state: 'new',
    billingPeriod, billingAccount: ref(account), relatedParty: account.relatedParty,
    paymentDueDate: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    amountDue: assembled.taxIncludedTotal.toTmf(), remainingAmount: assembled.taxIncludedTotal.toTmf(),
    taxExcludedAmount: assembled.taxExcludedTotal.toTmf(), taxIncludedAmount: assembled.taxIncludedTotal.toTmf(),
    taxItem: [{ taxCategory: 'VAT', taxRate: Number(VAT_PERCENT) / 100, taxAmount: assembled.taxTotal.toTmf() }],
    appliedCustomerBillingRate: rates.map(ref),
  };
  bills.push(bill);
  collection(draft, 'TMF678', 'appliedCustomerBillingRate').push(...rates);
  const owner = draft.owners[account.href];
  if (owner) for (const e of [bill, ...rates]) draft.owners[e.href] = owner;
  return { bill, rates };
}
