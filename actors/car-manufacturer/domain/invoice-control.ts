import { fromTmf, sum } from '../../../core/money.ts';
import type { Entity } from '../../../tmf/data.ts';
import type { BillCheck } from '../store.ts';

type TmfMoneyValue = { unit: string; value: number };

/** Invoice control (step 7.9): do the bill items add up to the bill's amount, to the cent? */
export function checkInvoice(bill: Entity, rates: readonly Entity[]): BillCheck {
  const amount = fromTmf(bill.taxIncludedAmount as TmfMoneyValue);
  const itemsTotal = sum(rates.map((r) => fromTmf(r.taxIncludedAmount as TmfMoneyValue)), amount.currency);
  return { billId: bill.id, billNo: String(bill.billNo), amount: amount.toString(), itemsTotal: itemsTotal.toString(), items: rates.length, matches: itemsTotal.equals(amount) };
}
