import type { TmfMoney } from '../../../core/money.ts';
import type { Entity } from '../../../tmf/data.ts';
import { conflict } from '../../../tmf/errors.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { DriverData } from '../store.ts';

const isCustomers = (bill: Entity, customerId: string) => ((bill.relatedParty as { id: string }[] | undefined) ?? []).some((p) => p.id === customerId);

/**
 * The driver pays the car manufacturer's invoice (TMF676 at the OEM): its latest bill with something
 * still due, for `amount` (default: all that remains). The OEM's refusal comes back as its TMF error.
 */
export async function payInvoice(runtime: ActorRuntime<DriverData>, customerId: string, amount?: string): Promise<Entity> {
  const oem = runtime.client('car-manufacturer');
  const { items: bills } = await oem.list('TMF678', 'customerBill');
  const bill = bills.filter((b) => isCustomers(b, customerId) && (b.remainingAmount as TmfMoney).value > 0).at(-1);
  if (!bill) throw conflict('Nothing to pay', `${customerId} has no invoice of the car manufacturer with an amount due`);
  const remaining = bill.remainingAmount as TmfMoney;
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
