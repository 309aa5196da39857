import type { BillingPeriod } from '../../../core/billing-period.ts';
import type { Money } from '../../../core/money.ts';
import { billedAccounts, billNumber, buildTmfBill } from '../../../core/tmf-bill.ts';
import { collection, snapshot } from '../../../tmf/data.ts';
import type { AppliedCustomerBillingRate, BillingAccount, CustomerBill } from '../../../tmf/resources.ts';
import type { Ref } from '../../../core/tmf-bill.ts';
import { billRefs, storeBill } from '../../../tmf/entity.ts';
import type { CspData } from '../store.ts';

/** A bill line before it is stored: what is charged, for which product, over which days. */
export interface ChargeLine {
  name: string;
  amount: Money;
  product: Ref;
  coverage: { start: Date; end: Date };
  characteristic: { name: string; value: string }[];
}

export const VAT_PERCENT = '20';

/**
 * Issues one customerBill for one billing account and period, with one appliedCustomerBillingRate per
 * line. The bill's totals are the exact sums of its lines (each rounded and taxed on its own). A period
 * already billed for that account yields nothing: running a bill run twice never bills twice.
 */
export function issueBill(
  draft: CspData,
  account: BillingAccount,
  period: BillingPeriod,
  lines: readonly ChargeLine[],
  now: Date,
  /** Accounts billed for the period already (a bill run looks them up once for all its accounts). */
  billed: ReadonlySet<string> = billedAccounts(snapshot(collection(draft, 'TMF678', 'customerBill')), period),
): { bill: CustomerBill; rates: AppliedCustomerBillingRate[] } | undefined {
  const bills = collection(draft, 'TMF678', 'customerBill');
  if (lines.length === 0 || billed.has(account.id)) return undefined;
  const { bill, rates } = buildTmfBill({
    billNo: billNumber('CSP', period, bills.length + 1),
    period,
    now,
    currency: lines[0].amount.currency,
    taxRatePercent: VAT_PERCENT,
    billingAccount: account,
    relatedParty: account.relatedParty,
    newRef: billRefs(draft),
    lines: lines.map((line) => ({ ...line, coverage: { startDateTime: line.coverage.start.toISOString(), endDateTime: line.coverage.end.toISOString() } })),
  });
  storeBill(draft, { bill, rates }, draft.owners[account.href]);
  return { bill, rates };
}
