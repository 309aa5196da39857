import { type BillingPeriod, isEnded, periodId } from '../../../core/billing-period.ts';
import { conflict } from '../../../core/domain-error.ts';
import { collection } from '../../../tmf/data.ts';
import type { BillingAccount, CustomerBill } from '../../../tmf/resources.ts';
import type { CspData } from '../store.ts';
import { type ChargeLine, issueBill } from './bill-run.ts';
import { rateRecurringFees } from './recurring-charges.ts';

/** Extra bill lines of an account for a period (usage charges join here). */
export type LineSource = (draft: CspData, account: BillingAccount, period: BillingPeriod) => ChargeLine[];

/** Recurring fees of the account's active subscriptions, prorated. */
export const recurringLines: LineSource = (draft, account, period) => {
  const products = collection(draft, 'TMF637', 'product').filter((p) => p.billingAccount?.id === account.id && p.status === 'active');
  return rateRecurringFees(products, collection(draft, 'TMF620', 'productOfferingPrice'), period).map((c) => ({
    name: `${c.price.name} (${periodId(period)})`,
    amount: c.amount,
    product: c.product,
    coverage: c.coverage,
    characteristic: [
      { name: 'chargedDays', value: c.days },
      { name: 'productOfferingPrice', value: c.price.id },
    ],
  }));
};

/**
 * End of a billing period (steps 7.7 and 8.12): every billing account gets one bill with all its lines.
 * Refused while the period is still running on the simulated clock. Idempotent per account and period.
 */
export function runBillingCycle(draft: CspData, period: BillingPeriod, now: Date, sources: readonly LineSource[]): CustomerBill[] {
  if (!isEnded(period, now))
    throw conflict(
      'Billing period not ended',
      `Period ${periodId(period)} ends at ${period.end.toISOString()}; the clock says ${now.toISOString()}`,
      'PERIOD_NOT_ENDED',
    );
  const bills: CustomerBill[] = [];
  for (const account of collection(draft, 'TMF666', 'billingAccount')) {
    const lines = sources.flatMap((source) => source(draft, account, period));
    const issued = issueBill(draft, account, period, lines, now);
    if (issued) bills.push(issued.bill);
  }
  return bills;
}
