import { assembleBill } from './bill-assembly.ts';
import { type BillingPeriod, periodId, toTmfTimePeriod, type TmfTimePeriod } from './billing-period.ts';
import type { Money, TmfMoney } from './money.ts';

/** A reference to a stored TMF entity. */
export interface Ref {
  readonly id: string;
  readonly href: string;
}

/** A tax line of a bill or a rate. */
export interface BillTax {
  taxCategory: string;
  taxRate: number;
  taxAmount: TmfMoney;
}

/** A TMF678 appliedCustomerBillingRate as built here (the party's CustomerBill type accepts it). */
export interface BuiltRate {
  id: string;
  href: string;
  '@type': 'AppliedCustomerBillingRate';
  name: string;
  date: string;
  type: 'appliedBillingCharge';
  isBilled: true;
  bill: Ref;
  billingAccount?: Ref;
  product?: Ref;
  periodCoverage: TmfTimePeriod;
  taxExcludedAmount: TmfMoney;
  taxIncludedAmount: TmfMoney;
  appliedTax: BillTax[];
  characteristic?: { name: string; value: string }[];
}

/** A TMF678 customerBill as built here, with the parties the request gave. */
export interface BuiltBill<P> {
  id: string;
  href: string;
  '@type': 'CustomerBill';
  billNo: string;
  billDate: string;
  runType: 'onCycle';
  category: string;
  state: 'new';
  billingPeriod: TmfTimePeriod;
  billingAccount?: Ref;
  relatedParty?: P;
  paymentDueDate: string;
  amountDue: TmfMoney;
  remainingAmount: TmfMoney;
  taxExcludedAmount: TmfMoney;
  taxIncludedAmount: TmfMoney;
  taxItem: BillTax[];
  appliedCustomerBillingRate: Ref[];
}

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
export interface BillRequest<P> {
  readonly billNo: string;
  readonly period: BillingPeriod;
  readonly now: Date;
  readonly currency: string;
  /** VAT in percent, as the contract states it (20 means 20 %). */
  readonly taxRatePercent: string;
  readonly billingAccount?: Ref;
  readonly relatedParty?: P;
  readonly lines: readonly BillLine[];
  /** A new id and href for a customerBill or an appliedCustomerBillingRate, from the issuer's store. */
  readonly newRef: (resource: 'customerBill' | 'appliedCustomerBillingRate') => Ref;
}

/** A bill's number: the issuer's prefix, the period and the bill's sequence in the issuer's store (e.g. CSP-2026-01-00001). */
export function billNumber(issuer: string, period: BillingPeriod, sequence: number): string {
  return `${issuer}-${periodId(period)}-${String(sequence).padStart(5, '0')}`;
}

/** Days between the bill date and its payment due date. */
export const PAYMENT_TERM_DAYS = 30;

const ref = (e: Ref): Ref => ({ id: e.id, href: e.href });

/**
 * The one TMF678 bill builder every billing party uses (the CSP's bill run, the OEM's driver invoice,
 * the OEM's ticket invoice): a customerBill and one appliedCustomerBillingRate per line, each line taxed
 * and rounded on its own, the bill's totals the exact sums of its lines, due after the payment term.
 */
export function buildTmfBill<P>(request: BillRequest<P>): { bill: BuiltBill<P>; rates: BuiltRate[] } {
  const { period, now, currency, taxRatePercent, billingAccount } = request;
  const assembled = assembleBill(
    request.lines.map((line, i) => ({ ...line, id: line.id ?? String(i) })),
    { currency, taxRatePercent },
  );
  const billingPeriod = toTmfTimePeriod(period);
  const taxRate = Number(taxRatePercent) / 100;
  const billRef = ref(request.newRef('customerBill'));
  const rates = assembled.items.map(
    (line): BuiltRate => ({
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
      ...(line.characteristic ? { characteristic: line.characteristic.map((c) => ({ ...c })) } : {}),
    }),
  );
  const bill: BuiltBill<P> = {
    ...billRef,
    '@type': 'CustomerBill',
    billNo: request.billNo,
    billDate: now.toISOString(),
    runType: 'onCycle',
    category: 'normal',
    state: 'new',
    billingPeriod,
    ...(billingAccount ? { billingAccount: ref(billingAccount) } : {}),
    ...(request.relatedParty === undefined ? {} : { relatedParty: request.relatedParty }),
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

/** What the billed-period checks read of a bill. */
type BillPeriodFacts = { readonly billingAccount?: { readonly id: string }; readonly billingPeriod?: { readonly startDateTime?: string } };

/** A period already billed to an account: bills without an account (an invoice to a partner) never count. */
export function isBilledFor(bills: readonly BillPeriodFacts[], accountId: string, period: BillingPeriod): boolean {
  return billedAccounts(bills, period).has(accountId);
}

/** The accounts that have a bill of the period: looked up once by a bill run of many accounts. */
export function billedAccounts(bills: readonly BillPeriodFacts[], period: BillingPeriod): Set<string> {
  const start = toTmfTimePeriod(period).startDateTime;
  const accounts = new Set<string>();
  for (const b of bills) {
    const id = b.billingAccount?.id;
    if (id !== undefined && b.billingPeriod?.startDateTime === start) accounts.add(id);
  }
  return accounts;
}
