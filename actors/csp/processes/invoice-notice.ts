import { INBOX_TOPIC, PARTY_API } from '../../../core/party-api.ts';
import type { Entity } from '../../../tmf/data.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { CONSUMER_OWNER } from '../domain/third-party-payer.ts';
import type { CspData } from '../store.ts';

/** Step 8.14: the driver is told, in its inbox, of each of its bills; partners hear of theirs by event. */
export async function tellDriverOfInvoices(runtime: ActorRuntime<CspData>, bills: readonly Entity[]): Promise<void> {
  for (const bill of bills.filter((b) => runtime.store.data.owners[b.href] === CONSUMER_OWNER)) {
    const due = bill.amountDue as { unit: string; value: number };
    await runtime.client('driver').post(PARTY_API.inbox, {
      from: 'csp', topic: INBOX_TOPIC.invoiceAvailable,
      subject: `Your connectivity invoice ${String(bill.billNo)} is available`,
      body: `Amount due ${due.value.toFixed(2)} ${due.unit}, payable by ${String(bill.paymentDueDate).slice(0, 10)}.`,
      relatedEntity: [{ id: bill.id, href: bill.href, name: String(bill.billNo), role: 'customerBill', '@referredType': 'CustomerBill' }],
    });
  }
}
