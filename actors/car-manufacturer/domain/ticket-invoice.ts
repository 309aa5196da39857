import { assembleBill } from '../../../core/bill-assembly.ts';
import { type BillingPeriod, periodId, toTmfTimePeriod } from '../../../core/billing-period.ts';
import { Money } from '../../../core/money.ts';
import { nextId, type Entity } from '../../../tmf/data.ts';
import { hrefOf } from '../../../tmf/entity.ts';
import type { OemData } from '../store.ts';
import type { HandledTicket, SettlementPolicy } from './settlement.ts';

/**
 * Step 9.14: the OEM's bill to the CSP for the connectivity troubles the call center handled (those the
 * CSP resolved): one appliedCustomerBillingRate per ticket at the handling fee, VAT per line, the bill's
 * totals the exact sums of its items. Undefined when there is nothing to bill.
 */
export function ticketInvoice(draft: OemData, handled: readonly HandledTicket[], policy: SettlementPolicy, period: BillingPeriod, now: Date): { bill: Entity; rates: Entity[] } | undefined {
  const connectivity = handled.filter((t) => t.resolver === 'csp');
  if (connectivity.length === 0) return undefined;
  const fee = new Money(policy.feePerTicket, policy.currency);
  const assembled = assembleBill(connectivity.map((t) => ({ id: t.trouble, amount: fee })), { currency: policy.currency, taxRatePercent: policy.taxRatePercent });
  const rate = Number(policy.taxRatePercent) / 100;
  const billId = nextId(draft, 'bill');
  const billHref = hrefOf('TMF678', 'customerBill', billId);
  const rates: Entity[] = assembled.items.map((line) => {
    const id = nextId(draft, 'acbr');
    return {
      id, href: hrefOf('TMF678', 'appliedCustomerBillingRate', id), '@type': 'AppliedCustomerBillingRate',
      name: `Call center handling of connectivity ticket ${line.id}`, date: now.toISOString(), type: 'appliedBillingCharge', isBilled: true,
      bill: { id: billId, href: billHref }, periodCoverage: toTmfTimePeriod(period),
      taxExcludedAmount: line.amount.toTmf(), taxIncludedAmount: line.taxIncludedAmount.toTmf(),
      appliedTax: [{ taxCategory: 'VAT', taxRate: rate, taxAmount: line.taxIncludedAmount.minus(line.amount).toTmf() }],
      characteristic: [{ name: 'troubleTicket', value: line.id }],
    };
  });
  const bill: Entity = {
    id: billId, href: billHref, '@type': 'CustomerBill', billNo: `OEM-TT-${periodId(period)}`, billDate: now.toISOString(),
    runType: 'onCycle', category: 'normal', state: 'new', billingPeriod: toTmfTimePeriod(period),
    relatedParty: [{ id: 'csp', name: 'CSP', role: 'customer' }],
    paymentDueDate: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    amountDue: assembled.taxIncludedTotal.toTmf(), remainingAmount: assembled.taxIncludedTotal.toTmf(),
    taxExcludedAmount: assembled.taxExcludedTotal.toTmf(), taxIncludedAmount: assembled.taxIncludedTotal.toTmf(),
    taxItem: [{ taxCategory: 'VAT', taxRate: rate, taxAmount: assembled.taxTotal.toTmf() }],
    appliedCustomerBillingRate: rates.map((r) => ({ id: r.id, href: r.href })),
  };
  return { bill, rates };
}
