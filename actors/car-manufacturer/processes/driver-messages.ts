import { INBOX_TOPIC } from '../../../core/party-api.ts';
import { conflict } from '../../../core/domain-error.ts';
import type { CustomerBill, Product } from '../../../tmf/resources.ts';
import { oweDriverMessage } from '../../kit/driver-message.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { OemData } from '../store.ts';

type Runtime = ActorRuntime<OemData>;

/** 11.15, owed in the update that makes `product` active: the driver is told from when it is billed. */
export function oweActivationMessage(runtime: Runtime, draft: OemData, product: Product): void {
  const customer = (product.relatedParty ?? []).find((p) => p.role === 'customer');
  oweDriverMessage(runtime, draft, `${INBOX_TOPIC.serviceActivated}:${product.id}:${String(product.startDate)}`, {
    from: 'car-manufacturer',
    topic: INBOX_TOPIC.serviceActivated,
    subject: `Your service ${String(product.name)} is active`,
    body: `${customer?.name ?? 'Your'} service ${String(product.name)} is active since ${String(product.startDate)}; it is billed from that day.`,
    relatedEntity: [
      { id: product.id, href: product.href, name: String(product.name), role: 'product', '@referredType': 'Product' },
      ...(customer ? [{ id: customer.id, name: customer.name, role: 'customer', '@referredType': 'Customer' }] : []),
    ],
  });
}

/** 11.13, owed in the driver billing run's update: the driver is told of each invoice, the amount due and how to pay it. */
export function oweInvoiceMessages(runtime: Runtime, draft: OemData, bills: readonly CustomerBill[]): void {
  for (const bill of bills) {
    const due = bill.amountDue;
    if (!due) throw conflict('No amount due', `Driver bill ${bill.id} states no amount due to tell the driver`, 'NO_AMOUNT_DUE');
    oweDriverMessage(runtime, draft, `${INBOX_TOPIC.invoiceAvailable}:${bill.id}`, {
      from: 'car-manufacturer',
      topic: INBOX_TOPIC.invoiceAvailable,
      subject: `Your invoice ${String(bill.billNo)} is available`,
      body: `Amount due ${due.value.toFixed(2)} ${due.unit}, payable by ${String(bill.paymentDueDate).slice(0, 10)} (TMF676 payment to the car manufacturer).`,
      relatedEntity: [{ id: bill.id, href: bill.href, name: String(bill.billNo), role: 'customerBill', '@referredType': 'CustomerBill' }],
    });
  }
}
