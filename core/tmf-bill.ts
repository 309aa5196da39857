import { assembleBill } from './bill-assembly.ts';
import { type BillingPeriod, toTmfTimePeriod, type TmfTimePeriod } from './billing-period.ts';
import type { Money } from './money.ts';

/** A reference to a stored TMF entity. */
export interface Ref {
  readonly id: string;
  readonly href: string;
}

/** A TMF678 document as built here: what a party stores and serves. */
export type BillDocument = { id: string; href: string; '@type': string; [attribute: string]: unknown };

/** One charge of a bill, before tax. */
export interface BillLine {
  /** Unique within the bill (a line billed twice is refused); its position when not given. */
  readonly id?: string;
  readonly name: string;
  readonly amount: Money;
  readonly product?: Ref;
  /** The days the charge covers; the bill's period when not given. */
  readonly coverage?: TmfTimePeriod;
  readonly characteristic?: readonly { readonly name: string; readonly value: string }[];
}

/** Everything a party decides about one bill; the builder does the TMF678 arithmetic and shape. */
export interface BillRequest {
  readonly billNo: string;
  readonly period: BillingPeriod;
  readonly now: Date;
  readonly currency: string;
  /** VAT in percent, as the contract states it (20 means 20 %). */
  readonly taxRatePercent: string;
  readonly billingAccount?: Ref;
  readonly relatedParty?: unknown;
  readonly lines: readonly BillLine[];
  /** A new id and href for a customerBill or an appliedCustomerBillingRate, from the issuer's store. */
  readonly newRef: (resource: 'customerBill' | 'appliedCustomerBillingRate') => Ref;
}

/** Days between the bill date and its payment due date. */
export const PAYMENT_TERM_DAYS = 30;

const ref = (e: Ref): Ref => ({ id: e.id, href: e.href });

/**
 * The one TMF678 bill builder every billing party uses (the CSP's bill run, the OEM's driver invoice,
 * the OEM's ticket invoice): a customerBill and one appliedCustomerBillingRate per line, each line taxed
 * and rounded on its own, the bill's totals the exact sums of its lines, due after the payment term.
 */
export function buildTmfBill(request: BillRequest): { bill: BillDocument; rates: BillDocument[] } {
  const { period, now, currency, taxRatePercent, billingAccount } = request;
  const assembled = assembleBill(
    request.lines.map((line, i) => ({ ...line, id: line.id ?? String(i) })),
    { currency, taxRatePercent },
  );
  const billingPeriod = toTmfTimePeriod(period);
  const taxRate = Number(taxRatePercent) / 100;
  const billRef = ref(request.newRef('customerBill'));
  const rates: BillDocument[] = assembled.items.map((line) => ({
    ...ref(request.newRef('appliedCustomerBillingRate')),
    '@type': 'AppliedCustomerBillingRate',
    name: line.name,
    date: now.toISOString(),
    type: 'appliedBillingCharge',
    isBilled: true,
    bill: billRef,
    ...(billingAccount ? { billingAccount: ref(billingAccount) } : {}),
    ...(line.product ? { product: ref(line.product) } : {}),
    periodCoverage: line.coverage ?? billingPeriod,
    taxExcludedAmount: line.amount.toTmf(),
    taxIncludedAmount: line.taxIncludedAmount.toTmf(),
    appliedTax: [{ taxCategory: 'VAT', taxRate, taxAmount: line.taxIncludedAmount.minus(line.amount).toTmf() }],
    ...(line.characteristic ? { characteristic: line.characteristic } : {}),
  }));
  const bill: BillDocument = {
    ...billRef,
    '@type': 'CustomerBill',
    billNo: request.billNo,
    billDate: now.toISOString(),
    runType: 'onCycle',
    category: 'normal',
    state: 'new',
    billingPeriod,
    ...(billingAccount ? { billingAccount: ref(billingAccount) } : {}),
    relatedParty: request.relatedParty,
    paymentDueDate: new Date(now.getTime() + PAYMENT_TERM_DAYS * 86_400_000).toISOString(),
    amountDue: assembled.taxIncludedTotal.toTmf(),
    remainingAmount: assembled.taxIncludedTotal.toTmf(),
    taxExcludedAmount: assembled.taxExcludedTotal.toTmf(),
    taxIncludedAmount: assembled.taxIncludedTotal.toTmf(),
    taxItem: [{ taxCategory: 'VAT', taxRate, taxAmount: assembled.taxTotal.toTmf() }],
    appliedCustomerBillingRate: rates.map(ref),
  };
  return { bill, rates };
}

/** A period already billed to an account: bills without an account (an invoice to a partner) never count. */
export function isBilledFor(bills: readonly { readonly [attribute: string]: unknown }[], accountId: string, period: BillingPeriod): boolean {
  return billedAccounts(bills, period).has(accountId);
}

/** The accounts that have a bill of the period: looked up once by a bill run of many accounts. */
export function billedAccounts(bills: readonly { readonly [attribute: string]: unknown }[], period: BillingPeriod): Set<string> {
  const start = toTmfTimePeriod(period).startDateTime;
  const accounts = new Set<string>();
  for (const b of bills) {
    const id = (b.billingAccount as Ref | undefined)?.id;
    if (id !== undefined && (b.billingPeriod as TmfTimePeriod | undefined)?.startDateTime === start) accounts.add(id);
  }
  return accounts;
}
