import { type BillingPeriod, isEnded, periodId } from '../../../core/billing-period.ts';
import { conflict } from '../../../core/domain-error.ts';
import { collection, snapshot } from '../../../tmf/data.ts';
import type { BillingAccount, CustomerBill, Product } from '../../../tmf/resources.ts';
import { billedAccounts } from '../../../core/tmf-bill.ts';
import type { CspData } from '../store.ts';
import { type ChargeLine, issueBill } from './bill-run.ts';
import { rateRecurringFees } from './recurring-charges.ts';

/** Extra bill lines of an account for a period (usage charges join here). */
export type LineSource = (draft: CspData, account: BillingAccount, period: BillingPeriod) => ChargeLine[];

/** Recurring fees of the account's active subscriptions, prorated. */
export const recurringLines: LineSource = (draft, account, period) => {
  const products = (productsByAccount(draft).get(account.id) ?? []).filter((p) => p.status === 'active');
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

/** Products by billing account, per products array as committed: a bill run looks up every account's once. */
const byAccount = new WeakMap<readonly Product[], Map<string, Product[]>>();

function productsByAccount(draft: CspData): Map<string, Product[]> {
  const products = snapshot(collection(draft, 'TMF637', 'product'));
  const cached = byAccount.get(products);
  if (cached) return cached;
  const index = new Map<string, Product[]>();
  for (const product of products) {
    const id = product.billingAccount?.id;
    if (id !== undefined) index.set(id, [...(index.get(id) ?? []), product]);
  }
  byAccount.set(products, index);
  return index;
}

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
  const billed = billedAccounts(snapshot(collection(draft, 'TMF678', 'customerBill')), period);
  for (const account of collection(draft, 'TMF666', 'billingAccount')) {
    if (billed.has(account.id)) continue; // billed by an earlier run: never twice
    const lines = sources.flatMap((source) => source(draft, account, period));
    const issued = issueBill(draft, account, period, lines, now, billed);
    if (issued) bills.push(issued.bill);
    billed.add(account.id);
  }
  return bills;
}
