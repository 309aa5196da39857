import { fromTmf } from '../../core/money.ts';

type TmfMoney = { unit: string; value: number | string };

export const BILL_AMOUNTS = 'amountDue is the bill total and 0 ≤ remainingAmount ≤ amountDue';

/**
 * A customerBill's amounts agree with each other (TMF678): what is due is the tax-included total of its
 * items, and what remains to pay lies between nothing and what is due. Returns what is wrong, or
 * undefined when they agree (or the bill does not carry the amounts).
 */
export function billAmountsProblem(bill: Record<string, unknown>): string | undefined {
  const total = bill.taxIncludedAmount as TmfMoney | undefined;
  const due = bill.amountDue as TmfMoney | undefined;
  const remaining = bill.remainingAmount as TmfMoney | undefined;
  if (!total || !due) return undefined;
  try {
    const [t, d] = [fromTmf(total), fromTmf(due)];
    if (!d.equals(t)) return `bill ${String(bill.id)}: amountDue ${d.toString()}, taxIncludedAmount ${t.toString()}`;
    if (remaining) {
      const r = fromTmf(remaining);
      if (r.compare(d) > 0 || r.compare(d.minus(d)) < 0)
        return `bill ${String(bill.id)}: remainingAmount ${r.toString()} is not between 0 and amountDue ${d.toString()}`;
    }
    return undefined;
  } catch (error) {
    return `bill ${String(bill.id)}: ${(error as Error).message}`;
  }
}
