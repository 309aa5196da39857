import type { CustomerBill, Money, Payment } from '../../../tmf/resources.ts';
import { conflict } from '../../../tmf/errors.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { DriverData } from '../store.ts';

const isCustomers = (bill: CustomerBill, customerId: string) => (bill.relatedParty ?? []).some((p) => p.id === customerId);

/** A bill with something still due. */
const isDue = (bill: CustomerBill): bill is CustomerBill & { remainingAmount: Money } => (bill.remainingAmount?.value ?? 0) > 0;

/**
 * The driver pays the car manufacturer's invoice (TMF676 at the OEM): its latest bill with something
 * still due, for `amount` (default: all that remains). The OEM's refusal comes back as its TMF error.
 */
export async function payInvoice(runtime: ActorRuntime<DriverData>, customerId: string, amount?: string): Promise<Payment> {
  const oem = runtime.client('car-manufacturer');
  const { items: bills } = await oem.list('TMF678', 'customerBill');
  const bill = bills
    .filter(isDue)
    .filter((b) => isCustomers(b, customerId))
    .at(-1);
  if (!bill) throw conflict('Nothing to pay', `${customerId} has no invoice of the car manufacturer with an amount due`);
  const remaining = bill.remainingAmount;
  const total = { unit: remaining.unit, value: amount === undefined ? remaining.value : Number(amount) };
  return passOnRefusal(() =>
    oem.create('TMF676', 'payment', {
      name: `Payment of invoice ${String(bill.billNo)}`,
      correlatorId: String(bill.billNo),
      account: { id: customerId, '@referredType': 'PartyAccount' },
      payer: { id: customerId, role: 'payer', '@referredType': 'Individual' },
      paymentMethod: { name: 'card' },
      totalAmount: total,
      paymentItem: [{ item: { id: bill.id, href: bill.href, name: String(bill.billNo), '@referredType': 'CustomerBill' }, totalAmount: total }],
    }),
  );
}
