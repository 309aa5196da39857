import { fromTmf, sum } from './money.ts';
import { isTmfMoney } from './plain-data.ts';
import { invalid } from './domain-error.ts';

/** What a bill's recipient needs of a TMF678 bill and its items to check them: amounts and the bill's number. */
export interface CheckedBill {
  readonly id: string;
  readonly [attribute: string]: unknown;
}
export type CheckedItem = { readonly [attribute: string]: unknown };

/** The outcome of an invoice control, kept by whoever received the bill (the OEM in 7.9, the CSP in 9.14). */
export interface BillCheck {
  billId: string;
  billNo: string;
  amount: string;
  itemsTotal: string;
  items: number;
  matches: boolean;
}

/** Invoice control (step 7.9): do the bill items add up to the bill's amount, to the cent? */
export function checkInvoice(bill: CheckedBill, rates: readonly CheckedItem[]): BillCheck {
  const amountOf = (e: CheckedItem, what: string) => {
    if (!isTmfMoney(e.taxIncludedAmount)) throw invalid('Amount missing', `${what} states no taxIncludedAmount: the bill cannot be checked`, 'AMOUNT_MISSING');
    return fromTmf(e.taxIncludedAmount);
  };
  const amount = amountOf(bill, `bill ${bill.id}`);
  const itemsTotal = sum(
    rates.map((r, i) => amountOf(r, `item ${i + 1} of bill ${bill.id}`)),
    amount.currency,
  );
  return {
    billId: bill.id,
    billNo: String(bill.billNo),
    amount: amount.toString(),
    itemsTotal: itemsTotal.toString(),
    items: rates.length,
    matches: itemsTotal.equals(amount),
  };
}
