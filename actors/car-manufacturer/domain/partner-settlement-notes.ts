import { settle, type RevenueShare } from '../../../core/converged-offer.ts';
import { fromTmf, sum, type Money, type TmfMoney } from '../../../core/money.ts';
import { collection, type Entity } from '../../../tmf/data.ts';
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
    // Each item taxed on its own, the totals the exact sums (as the driver's bill is).
    const taxed = assembleBill(
      mine.map((i, n) => ({ ...i, id: String(n) })),
      { currency, taxRatePercent: VAT_PERCENT },
    );
    const rate = Number(VAT_PERCENT) / 100;
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
        currencyCode: currency,
        taxExcludedAmount: sum(
          mine.map((i) => i.amount),
          currency,
        ).toTmf().value,
        taxIncludedAmount: taxed.taxIncludedTotal.toTmf().value,
        taxItem: [{ taxCategory: 'VAT', taxRate: rate, taxAmount: taxed.taxTotal.toTmf().value }],
        settlementNoteItem: taxed.items.map((i, n) => ({
          itemNumber: String(n + 1),
          itemId: i.rate.id,
          itemLabel: String(i.rate.name),
          taxExcludedAmount: i.amount.toTmf().value,
          taxIncludedAmount: i.taxIncludedAmount.toTmf().value,
          taxItem: [{ taxCategory: 'VAT', taxRate: rate, taxAmount: i.taxIncludedAmount.minus(i.amount).toTmf().value }],
          productSpecification: { name: String(i.rate.name), productNumber: (i.rate.product as Entity).id },
          period: {
            startPeriod: (i.rate.periodCoverage as { startDateTime: string }).startDateTime,
            endPeriod: (i.rate.periodCoverage as { endDateTime: string }).endDateTime,
          },
        })),
      },
      payee,
    );
  });
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
export function paymentFor(note: Entity, now: Date): Record<string, unknown> {
  const total = { unit: String(note.currencyCode), value: Number(note.taxIncludedAmount) };
  const payee = (note.receiver as { id: string }).id;
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
