import { fromTmf, type TmfMoney } from '../../../core/money.ts';
import { collection, type Entity } from '../../../tmf/data.ts';
import { conflict, invalid } from '../../../core/domain-error.ts';

type PaymentItem = { item?: { id?: string; '@referredType'?: string }; totalAmount?: TmfMoney };

/** The bill a driver's payment names in its payment items. */
const billIdOf = (payment: Entity) =>
  ((payment.paymentItem as PaymentItem[] | undefined) ?? []).find((i) => i.item?.['@referredType'] === 'CustomerBill')?.item?.id;

/**
 * A driver pays the OEM's invoice (TMF676 at the OEM): the payment names the bill it pays, in the bill's
 * currency, for no more than what remains due. The bill's remaining amount goes down by the payment;
 * it is `partiallyPaid` until nothing remains, then `settled`. Returns the stored payment and the bill.
 */
type BillData = { resources: Record<string, Entity[]>; owners: Record<string, string> };

/** Where the driver bill the payment names sits among the bills; -1 when it names none of them. */
export function paidBillIndex(draft: BillData, payment: Entity): number {
  const billId = billIdOf(payment);
  return collection(draft as never, 'TMF678', 'customerBill').findIndex((b) => b.id === billId && draft.owners[b.href] === 'driver');
}

/** The flow's rule for a partner's payment: it pays a driver bill of the car manufacturer's. */
export function checkPaysDriverBill(draft: BillData, payment: Entity): void {
  const billId = billIdOf(payment);
  if (!billId)
    throw invalid(
      'No bill',
      "A payment to the car manufacturer names the CustomerBill it pays in paymentItem[].item (with '@referredType': 'CustomerBill')",
      'NO_BILL',
    );
  if (paidBillIndex(draft, payment) < 0) throw invalid('Unknown bill', `The car manufacturer has no driver bill ${billId}`, 'UNKNOWN_BILL');
}

export function applyDriverPayment(draft: BillData, payment: Entity, now: Date): { payment: Entity; bill: Entity } {
  checkPaysDriverBill(draft, payment);
  const bills = collection(draft as never, 'TMF678', 'customerBill');
  const index = paidBillIndex(draft, payment);
  const bill = bills[index];
  const remaining = fromTmf(bill.remainingAmount as TmfMoney);
  const paid = fromTmf(payment.totalAmount as TmfMoney);
  if (bill.state === 'settled' || remaining.isZero())
    throw conflict('Already paid', `Bill ${String(bill.billNo)} is settled: nothing remains due`, 'ALREADY_PAID');
  if (paid.currency !== remaining.currency)
    throw invalid('Wrong currency', `Bill ${String(bill.billNo)} is due in ${remaining.currency}, not ${paid.currency}`, 'WRONG_CURRENCY');
  if (!paid.isRounded() || paid.compare(remaining.times(0)) <= 0)
    throw invalid('Invalid amount', `A payment is a positive amount in cents, got ${paid.toString()}`, 'INVALID_AMOUNT');
  if (paid.compare(remaining) > 0)
    throw invalid('Overpayment', `Bill ${String(bill.billNo)} has ${remaining.toString()} remaining; a payment of ${paid.toString()} is more`, 'OVERPAYMENT');
  const left = remaining.minus(paid);
  const updated: typeof bill = { ...bill, remainingAmount: left.toTmf(), state: left.isZero() ? 'settled' : 'partiallyPaid' };
  bills[index] = updated;
  return { payment: { ...payment, status: 'succeeded', paymentDate: now.toISOString() }, bill: updated };
}
