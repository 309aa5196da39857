import { Money } from './money.ts';
import { isRecord, listIn } from './plain-data.ts';

/** What a payee knows of its own part in the converged offer: the products it delivered, each with its monthly share. */
export interface PayeeRecords {
  /** OEM product id the payee delivered (activated, or ordered connectivity for) → its agreed share of a month, before tax. */
  readonly products: ReadonlyMap<string, Money>;
  readonly taxRatePercent: string;
  /**
   * Its agreement owes its share in full for every month begun (a content licence), so an item below the
   * share is disputed too; without it a share may be prorated (connectivity is owed by the day).
   */
  readonly wholeMonths?: boolean;
}

type NoteItem = { readonly itemId: string; readonly taxExcludedAmount: number; readonly taxIncludedAmount?: unknown; readonly productOf?: string };

/** The items of a note that name what they settle and their amount before tax (the others are not items at all). */
const itemsOf = (note: Readonly<Record<string, unknown>>): NoteItem[] =>
  listIn(note.settlementNoteItem).flatMap((item) => {
    if (!isRecord(item) || typeof item.itemId !== 'string' || typeof item.taxExcludedAmount !== 'number') return [];
    const spec = item.productSpecification;
    const productOf = isRecord(spec) && typeof spec.productNumber === 'string' ? spec.productNumber : undefined;
    return [{ itemId: item.itemId, taxExcludedAmount: item.taxExcludedAmount, taxIncludedAmount: item.taxIncludedAmount, productOf }];
  });

/** A payee's verdict on a settlement note advice of the converged offer (11.12), item by item. */
export interface PartnerNoteReview {
  readonly decision: 'accepted' | 'disputed';
  readonly reasons: readonly string[];
  /** Reason per disputed item, by item id. */
  readonly disputed: Readonly<Record<string, string>>;
}

/**
 * 11.12 at the payee, by its own records: every item is for a product it delivered, never more than its
 * monthly share (a prorated month is less, unless its agreement owes whole months), taxed at the agreed rate to the cent, and the note's totals
 * are the sums of its items. Accepted when all hold; otherwise disputed, each item with its reason.
 */
export function reviewPartnerNote(note: Readonly<Record<string, unknown>>, records: PayeeRecords): PartnerNoteReview {
  const currency = String(note.currencyCode);
  const money = (value: unknown) => new Money(String(value ?? 0), currency);
  const items = itemsOf(note);
  const disputed: Record<string, string> = {};
  for (const item of items) {
    const product = item.productOf;
    const net = money(item.taxExcludedAmount);
    const taxed = net.plus(net.times(records.taxRatePercent).times('0.01')).roundToMinor();
    if (!product || !records.products.has(product))
      disputed[item.itemId] = `item ${item.itemId}: product ${product ?? '(none)'} is not one this partner delivered`;
    else if (net.compare(records.products.get(product)!) > 0)
      disputed[item.itemId] = `item ${item.itemId}: ${net.toString()} is more than the monthly share of ${records.products.get(product)!.toString()}`;
    else if (records.wholeMonths && net.compare(records.products.get(product)!) < 0)
      disputed[item.itemId] =
        `item ${item.itemId}: the share of ${records.products.get(product)!.toString()} is owed in full for a month begun, not ${net.toString()}`;
    else if (!money(item.taxIncludedAmount).equals(taxed))
      disputed[item.itemId] =
        `item ${item.itemId}: ${records.taxRatePercent} % tax on ${net.toString()} makes ${taxed.toString()}, not ${money(item.taxIncludedAmount).toString()}`;
  }
  const reasons = Object.values(disputed);
  const sum = (field: 'taxExcludedAmount' | 'taxIncludedAmount') => items.reduce((acc, i) => acc.plus(money(i[field])), money(0));
  for (const field of ['taxExcludedAmount', 'taxIncludedAmount'] as const) {
    if (!sum(field).equals(money(note[field])))
      reasons.push(`the items add up to ${sum(field).toString()} (${field}), the note says ${money(note[field]).toString()}`);
  }
  return { decision: reasons.length === 0 ? 'accepted' : 'disputed', reasons, disputed };
}

/** The PATCH that answers the note: accepted, or disputed with every reason and each disputed item's own. */
export function partnerNotePatch(note: Readonly<Record<string, unknown>>, review: PartnerNoteReview): Record<string, unknown> {
  if (review.decision === 'accepted') return { state: 'accepted' };
  const items = listIn(note.settlementNoteItem).map((i) =>
    isRecord(i) && typeof i.itemId === 'string' && review.disputed[i.itemId] ? { ...i, disputeReason: review.disputed[i.itemId] } : i,
  );
  return { state: 'disputed', disputeReason: review.reasons.join('; '), settlementNoteItem: items };
}
