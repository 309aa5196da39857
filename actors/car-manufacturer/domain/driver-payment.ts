import { fromTmf } from '../../../core/money.ts';
import { type BaseData, collection } from '../../../tmf/data.ts';
import type { CustomerBill, Payment } from '../../../tmf/resources.ts';
import { conflict, invalid } from '../../../core/domain-error.ts';

/** What the rules read of a payment, stored or still a POST body. */
type PaymentFacts = Pick<Payment, 'paymentItem' | 'totalAmount'>;

/** The bill a driver's payment names in its payment items. */
const billIdOf = (payment: PaymentFacts) => (payment.paymentItem ?? []).find((i) => i.item?.['@referredType'] === 'CustomerBill')?.item?.id;

/** Where the driver bill the payment names sits among the bills; -1 when it names none of them. */
export function paidBillIndex(draft: BaseData, payment: PaymentFacts): number {
  const billId = billIdOf(payment);
  return collection(draft, 'TMF678', 'customerBill').findIndex((b) => b.id === billId && draft.owners[b.href] === 'driver');
}

/** The flow's rule for a partner's payment: it pays a driver bill of the car manufacturer's. */
export function checkPaysDriverBill(draft: BaseData, payment: PaymentFacts): void {
  const billId = billIdOf(payment);
  if (!billId)
    throw invalid(
      'No bill',
      "A payment to the car manufacturer names the CustomerBill it pays in paymentItem[].item (with '@referredType': 'CustomerBill')",
      'NO_BILL',
    );
  if (paidBillIndex(draft, payment) < 0) throw invalid('Unknown bill', `The car manufacturer has no driver bill ${billId}`, 'UNKNOWN_BILL');
}

/**
 * A driver pays the OEM's invoice (TMF676 at the OEM): the payment names the bill it pays, in the bill's
 * currency, for no more than what remains due. The bill's remaining amount goes down by the payment;
 * it is `partiallyPaid` until nothing remains, then `settled`. Returns the stored payment and the bill.
 */
export function applyDriverPayment<P extends PaymentFacts>(draft: BaseData, payment: P, now: Date): { payment: P; bill: CustomerBill } {
  checkPaysDriverBill(draft, payment);
  const bills = collection(draft, 'TMF678', 'customerBill');
  const index = paidBillIndex(draft, payment);
  const bill = bills[index];
  if (!bill.remainingAmount) throw conflict('Nothing due', `Bill ${bill.billNo ?? bill.id} states no remaining amount to pay`, 'NOTHING_DUE');
  const remaining = fromTmf(bill.remainingAmount);
  const paid = fromTmf(payment.totalAmount);
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
