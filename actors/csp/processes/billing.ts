import { periodContaining, previousPeriod, requestedPeriod } from '../../../core/billing-period.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { JOURNAL } from '../../../core/journal-events.ts';
import { collection } from '../../../tmf/data.ts';
import type { CustomerBill } from '../../../tmf/resources.ts';
import { type LineSource, recurringLines, runBillingCycle } from '../domain/billing-cycle.ts';
import { markUsageBilled, usageLinesOf } from '../domain/usage-billing.ts';
import type { CspData } from '../store.ts';
import type { UsageBook } from '../usage-book/book.ts';
import { oweInvoiceNotices } from './invoice-notice.ts';

/** The line sources of the CSP's bill run, in bill order. */
export const lineSources = (book: UsageBook): LineSource[] => [recurringLines, usageLinesOf(book)];

/** Runs the bill run of a period (default: the month before the clock's) and tells subscribers of each bill. */
export async function billingRun(runtime: ActorRuntime<CspData>, book: UsageBook, requested?: string): Promise<CustomerBill[]> {
  const now = runtime.clock.now();
  const period = requested ? requestedPeriod(requested, 'billing') : previousPeriod(periodContaining(now));
  const bills = await runtime.store.update((draft) => {
    const issued = runBillingCycle(draft, period, now, lineSources(book));
    for (const bill of issued) {
      runtime.journal(draft, JOURNAL.billProduced, { bill: bill.id, billingAccount: bill.billingAccount?.id, owner: draft.owners[bill.href] });
      runtime.notifier.enqueue(draft, now, { api: 'TMF678', eventType: 'CustomerBillCreateEvent', resource: 'customerBill', entity: bill });
    }
    const billOf = new Map(issued.map((b) => [b.billingAccount?.id, b]));
    for (const account of collection(draft, 'TMF666', 'billingAccount')) {
      const bill = billOf.get(account.id);
      const records = markUsageBilled(book, account, period, bill !== undefined);
      if (records.length > 0) runtime.journal(draft, JOURNAL.usageBilled, { bill: bill?.id, billingAccount: account.id, records });
    }
    oweInvoiceNotices(runtime, draft, issued);
    return issued;
  });
  runtime.notifier.kick();
  return bills;
}
