import { type BillingPeriod, periodId } from '../../../core/billing-period.ts';
import { Money } from '../../../core/money.ts';
import { buildTmfBill } from '../../../core/tmf-bill.ts';
import type { AppliedCustomerBillingRate, CustomerBill } from '../../../tmf/resources.ts';
import { billRefs } from '../../../tmf/entity.ts';
import type { OemData } from '../store.ts';
import type { HandledTicket, SettlementPolicy } from './ticket-settlement.ts';

/** The number of the OEM's ticket invoice of a period: one per period. */
export const ticketInvoiceNo = (period: BillingPeriod) => `OEM-TT-${periodId(period)}`;

/**
 * The ticket invoice of a period already issued, if any. Found by its number: the OEM's drivers' bills of
 * the same period (figure 11) share its billing period but are not it.
 */
export function issuedTicketInvoice(bills: readonly CustomerBill[], period: BillingPeriod): CustomerBill | undefined {
  return bills.find((b) => b.billNo === ticketInvoiceNo(period));
}

/**
 * Step 9.14: the OEM's bill to the CSP for the connectivity troubles the call center handled (those the
 * CSP resolved): one appliedCustomerBillingRate per ticket at the handling fee, VAT per line, the bill's
 * totals the exact sums of its items. Undefined when there is nothing to bill.
 */
export function ticketInvoice(
  draft: OemData,
  handled: readonly HandledTicket[],
  policy: SettlementPolicy,
  period: BillingPeriod,
  now: Date,
): { bill: CustomerBill; rates: AppliedCustomerBillingRate[] } | undefined {
  const connectivity = handled.filter((t) => t.resolver === 'csp');
  if (connectivity.length === 0) return undefined;
  const fee = new Money(policy.feePerTicket, policy.currency);
  return buildTmfBill({
    billNo: ticketInvoiceNo(period),
    period,
    now,
    currency: policy.currency,
    taxRatePercent: policy.taxRatePercent,
    relatedParty: [{ id: 'csp', name: 'CSP', role: 'customer' }],
    newRef: billRefs(draft),
    lines: connectivity.map((t) => ({
      id: t.trouble,
      name: `Call center handling of connectivity ticket ${t.trouble}`,
      amount: fee,
      characteristic: [{ name: 'troubleTicket', value: t.trouble }],
    })),
  });
}
