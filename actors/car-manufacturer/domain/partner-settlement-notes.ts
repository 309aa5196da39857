import { conflict } from '../../../core/domain-error.ts';
import { settle, type RevenueShare } from '../../../core/converged-offer.ts';
import { fromTmf, sum, type Money, type TmfMoney } from '../../../core/money.ts';
import { collection, type Entity } from '../../../tmf/data.ts';
import type { CreateBody, SettlementNoteAdvice } from '../../../tmf/resources.ts';
import { addEntity } from '../../../tmf/entity.ts';
import { assembleBill } from '../../../core/bill-assembly.ts';
import { VAT_PERCENT } from './driver-billing.ts';
import { recurringPrice } from '../../../core/converged-offer.ts';
import type { OemData } from '../store.ts';

/** One payee's item: what it is owed for one bill line of a converged product. */
interface PayeeItem {
  payee: string;
  rate: Entity;
  amount: Money;
}

/**
 * Settlements of a driver's bill (11.12): each bill line of a converged product is split between its
 * partners' shares and the OEM's margin (exactly, see `settle`); the partners' parts are gathered in one
 * settlement note advice per payee, one item per bill line. A line already settled is not settled again.
 */
export function settlementNotes(draft: OemData, bill: Entity, now: Date): Entity[] {
  const settled = new Set(
    collection(draft, 'BillingV2', 'settlementNoteAdvice').flatMap((n) => (n.settlementNoteItem as { itemId: string }[]).map((i) => i.itemId)),
  );
  const rates = collection(draft, 'TMF678', 'appliedCustomerBillingRate').filter((r) => (r.bill as Entity).id === bill.id && !settled.has(r.id));
  const items = rates.flatMap((rate) => payeeItems(draft, rate));
  const payees = [...new Set(items.map((i) => i.payee))];
  return payees.map((payee) => {
    const mine = items.filter((i) => i.payee === payee);
    const currency = mine[0].amount.currency;
    const noteItems = mine.map((i) => ({
      itemId: i.rate.id,
      itemLabel: String(i.rate.name),
      amount: i.amount,
      productSpecification: { name: String(i.rate.name), productNumber: (i.rate.product as Entity).id },
      period: {
        startPeriod: (i.rate.periodCoverage as { startDateTime: string }).startDateTime,
        endPeriod: (i.rate.periodCoverage as { endDateTime: string }).endDateTime,
      },
    }));
    return addEntity(
      draft,
      'BillingV2',
      'settlementNoteAdvice',
      {
        state: 'issued',
        date: now.toISOString(),
        description: `Converged offer settlement of bill ${String(bill.billNo)}`,
        issuer: { id: 'car-manufacturer', name: 'Car manufacturer' },
        receiver: { id: payee },
        payer: { id: 'car-manufacturer', name: 'Car manufacturer' },
        ...taxedNote(noteItems, currency),
      },
      payee,
    );
  });
}

/** A note item before tax: its amount and what it is about (kept as it is). */
type UntaxedItem = { itemId: string; amount: Money };

/** The amounts of a note with VAT: each item taxed on its own, the totals the exact sums (as the driver's bill is). */
function taxedNote<I extends UntaxedItem>(items: readonly I[], currency: string) {
  const taxed = assembleBill(
    items.map((i, n) => ({ ...i, id: String(n) })),
    { currency, taxRatePercent: VAT_PERCENT },
  );
  const rate = Number(VAT_PERCENT) / 100;
  return {
    currencyCode: currency,
    taxExcludedAmount: sum(
      items.map((i) => i.amount),
      currency,
    ).toTmf().value,
    taxIncludedAmount: taxed.taxIncludedTotal.toTmf().value,
    taxItem: [{ taxCategory: 'VAT', taxRate: rate, taxAmount: taxed.taxTotal.toTmf().value }],
    settlementNoteItem: taxed.items.map(({ id: _n, amount, taxIncludedAmount, ...item }, n) => ({
      itemNumber: String(n + 1),
      ...item,
      taxExcludedAmount: amount.toTmf().value,
      taxIncludedAmount: taxIncludedAmount.toTmf().value,
      taxItem: [{ taxCategory: 'VAT', taxRate: rate, taxAmount: taxIncludedAmount.minus(amount).toTmf().value }],
    })),
  };
}

/**
 * The OEM's revision of a partner's disputed note (11.12): only the disputed items are looked at again,
 * each against the partner's monthly share in the OEM's own records of the offer (`monthlyShare`). A
 * share prorated below the month's share is raised to it (the OEM concedes a month begun, out of its
 * margin); an item at or above the share, or for a product it knows no share of, stands. Every changed
 * item says why; undisputed items stay exactly as they were; the totals are recomputed exactly.
 */
export function revisedPartnerNote(note: SettlementNoteAdvice, monthlyShare: (productId: string) => Money | undefined): SettlementNoteAdvice {
  const currency = note.currencyCode;
  const items = note.settlementNoteItem.map(({ disputeReason, itemNumber: _n, taxIncludedAmount: _t, taxItem: _x, taxExcludedAmount, ...item }) => {
    const amount = fromTmf({ unit: currency, value: taxExcludedAmount });
    if (!disputeReason) return { ...item, amount };
    const share = monthlyShare(item.productSpecification?.productNumber ?? '');
    const raised = share !== undefined && amount.compare(share) < 0;
    const label = item.itemLabel ?? item.itemId;
    return raised
      ? { ...item, amount: share, itemLabel: `${label} — raised from ${amount.toString()} to the month's share after dispute` }
      : { ...item, amount, itemLabel: `${label} — dispute examined, amount stands` };
  });
  const { disputeReason: _reason, ...rest } = note;
  return { ...rest, ...taxedNote(items, currency), state: 'revised', revision: (note.revision ?? 0) + 1 };
}

/** A partner's monthly share of the offering a product was sold on, as the OEM's catalog records it. */
export function monthlyShareOf(draft: OemData, productId: string, payee: string): Money | undefined {
  const product = collection(draft, 'TMF637', 'product').find((p) => p.id === productId);
  const offering = collection(draft, 'TMF620', 'productOffering').find((o) => o.id === (product?.productOffering as Entity | undefined)?.id);
  const share = ((offering?.revenueShare as { partyId: string; amount: TmfMoney }[] | undefined) ?? []).find((s) => s.partyId === payee);
  return share && fromTmf(share.amount);
}

function payeeItems(draft: OemData, rate: Entity): PayeeItem[] {
  const product = collection(draft, 'TMF637', 'product').find((p) => p.id === (rate.product as Entity).id);
  const offering = collection(draft, 'TMF620', 'productOffering').find((o) => o.id === (product?.productOffering as Entity | undefined)?.id);
  const price = offering && recurringPrice(offering);
  if (!offering || !price) return [];
  const { shares } = settle(fromTmf(rate.taxExcludedAmount as TmfMoney), price, (offering.revenueShare as RevenueShare[] | undefined) ?? []);
  return shares.map((s) => ({ payee: s.partyId, rate, amount: s.amount }));
}

/** The TMF676 payment of an accepted settlement note to its receiver: its amount with tax. */
export function paymentFor(note: SettlementNoteAdvice, now: Date): CreateBody<'TMF676', 'payment'> {
  if (note.taxIncludedAmount === undefined)
    throw conflict('No amount due', `Settlement note advice ${note.id} states no tax-included amount to pay`, 'NO_AMOUNT_DUE');
  const total = { unit: note.currencyCode, value: note.taxIncludedAmount };
  const payee = note.receiver.id;
  return {
    name: `Settlement ${note.id}`,
    paymentDate: now.toISOString(),
    status: 'succeeded',
    correlatorId: note.id,
    account: { id: `${payee}-settlement`, name: `${payee} settlement account`, '@referredType': 'PartyAccount' },
    paymentMethod: { name: 'bank transfer' },
    payer: { id: 'car-manufacturer', name: 'Car manufacturer', role: 'payer', '@referredType': 'Organization' },
    totalAmount: total,
    amount: total,
    paymentItem: [{ item: { id: note.id, href: note.href, '@referredType': 'SettlementNoteAdvice' }, totalAmount: total }],
  };
}
