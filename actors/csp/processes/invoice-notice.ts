import { INBOX_TOPIC, PARTY_API } from '../../../core/party-api.ts';
import { items, type Entity } from '../../../tmf/data.ts';
import type { EffectHandler } from '../../../tmf/owed-effects.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { CONSUMER_OWNER } from '../domain/third-party-payer.ts';
import type { CspData } from '../store.ts';

export const INVOICE_NOTICE = 'invoice-notice';

/**
 * Step 8.14: the driver is told, in its inbox, of each of its bills (partners hear of theirs by event).
 * Owed in the bill run's own update, one per consumer bill; the effect's key is the message's id.
 */
export function oweInvoiceNotices(runtime: ActorRuntime<CspData>, draft: CspData, bills: readonly Entity[]): void {
  for (const bill of bills.filter((b) => draft.owners[b.href] === CONSUMER_OWNER)) {
    runtime.owe(draft, INVOICE_NOTICE, { billId: bill.id }, { key: `${INVOICE_NOTICE}:${bill.id}` });
  }
}

/** Carries out one owed invoice notice. */
export function invoiceNoticeEffect(runtime: ActorRuntime<CspData>): EffectHandler<CspData> {
  return async (args, effect) => {
    const bill = items(runtime.store.data, 'TMF678', 'customerBill').find((b) => b.id === args.billId);
    if (!bill) return; // the bill is gone (a reset): nothing left to tell
    const due = bill.amountDue;
    // The CSP's bills always state their amount due (core/tmf-bill.ts); one without tells the driver nothing.
    if (!due) return;
    await runtime.client('driver').post(PARTY_API.inbox, {
      id: `csp-${effect.key}`,
      from: 'csp',
      topic: INBOX_TOPIC.invoiceAvailable,
      subject: `Your connectivity invoice ${String(bill.billNo)} is available`,
      body: `Amount due ${due.value.toFixed(2)} ${due.unit}, payable by ${String(bill.paymentDueDate).slice(0, 10)}.`,
      relatedEntity: [{ id: bill.id, href: bill.href, name: String(bill.billNo), role: 'customerBill', '@referredType': 'CustomerBill' }],
    });
  };
}
