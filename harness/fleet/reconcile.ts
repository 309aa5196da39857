import { fromTmf, type Money, MoneyDecimal, sum } from '../../core/money.ts';
import type { TmfClient } from '../../tmf/client.ts';
import type { Entity } from '../../tmf/data.ts';
import type { ApiId } from '../../tmf/apis.ts';

type TmfMoney = { unit: string; value: number };
type Share = { taxExcludedRatingAmount: TmfMoney; offerTariffType?: string; isBilled?: boolean; payerRole?: string };

/** What the CSP holds after the fleet's month, read through its TMF APIs. */
export interface CspBooks {
  readonly usages: readonly Entity[];
  readonly bills: readonly Entity[];
  readonly billItems: readonly Entity[];
  readonly prices: readonly Entity[];
}

/** Whether the books reconcile with what was sent, and every discrepancy found (the first of each kind listed). */
export interface Reconciliation {
  readonly ok: boolean;
  readonly recordsSent: number;
  readonly ratedOnce: number;
  readonly billsChecked: number;
  readonly findings: readonly string[];
}

const FINAL_RATED = ['rated', 'billed'];
const LISTED_PER_KIND = 5;

/** Every page of a TMF collection, `pageSize` at a time (TMF630 offset/limit). */
export async function listAll(client: TmfClient, api: ApiId, resource: string, pageSize = 5000): Promise<Entity[]> {
  const all: Entity[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const { items, total } = await client.listNamed(api, resource, { offset, limit: pageSize });
    all.push(...items);
    if (items.length === 0 || all.length >= total) return all;
  }
}

export async function readBooks(csp: TmfClient): Promise<CspBooks> {
  return {
    usages: await listAll(csp, 'TMF635', 'usage'),
    bills: await listAll(csp, 'TMF678', 'customerBill'),
    billItems: await listAll(csp, 'TMF678', 'appliedCustomerBillingRate'),
    prices: await listAll(csp, 'TMF620', 'productOfferingPrice'),
  };
}

/**
 * The fleet's month reconciled: every record sent is at the CSP exactly once, rated (or billed), never
 * rejected; its included and chargeable MB add up to its volume and its payers' shares add up to its
 * chargeable MB at its tariff's unit price (rounded to the cent, as the record is); each bill's totals
 * are the sums of its items.
 */
export function reconcile(recordIds: readonly string[], books: CspBooks): Reconciliation {
  const findings = new Findings();
  const byRecord = new Map<string, Entity[]>();
  for (const usage of books.usages) {
    const id = charOf(usage, 'recordId');
    if (typeof id === 'string') byRecord.set(id, [...(byRecord.get(id) ?? []), usage]);
  }
  const perMB = unitPrices(books.prices);
  let ratedOnce = 0;
  for (const recordId of recordIds) {
    const kept = byRecord.get(recordId) ?? [];
    const rated = kept.filter((u) => FINAL_RATED.includes(String(u.status)));
    if (kept.length === 0) findings.add('missing', `record ${recordId} was sent but the CSP has no usage for it`);
    else if (rated.length > 1) findings.add('rated twice', `record ${recordId} is rated ${rated.length} times (${rated.map((u) => u.id).join(', ')})`);
    else if (rated.length === 0)
      findings.add('not rated', `record ${recordId} is ${kept.map((u) => u.status).join(', ')}: ${String(kept[0].description ?? '')}`);
    else if (kept.length > 1) findings.add('kept twice', `record ${recordId} is kept ${kept.length} times`);
    else if (checkRecord(rated[0], perMB, findings)) ratedOnce += 1;
  }
  const itemsOf = new Map<string, Entity[]>();
  for (const item of books.billItems) {
    const bill = (item.bill as { id: string } | undefined)?.id;
    if (bill) itemsOf.set(bill, [...(itemsOf.get(bill) ?? []), item]);
  }
  for (const bill of books.bills) checkBill(bill, itemsOf.get(bill.id) ?? [], findings);
  return { ok: findings.count === 0, recordsSent: recordIds.length, ratedOnce, billsChecked: books.bills.length, findings: findings.listed };
}

/** The record's volume and shares add up; true when they do. */
function checkRecord(usage: Entity, perMB: ReadonlyMap<string, Money>, findings: Findings): boolean {
  const recordId = String(charOf(usage, 'recordId'));
  const mb = (name: string) => new MoneyDecimal(String(charOf(usage, name) ?? 'NaN'));
  const shares = (usage.ratedProductUsage as Share[] | undefined) ?? [];
  if (shares.length === 0) return findings.add('no shares', `record ${recordId} is ${usage.status} with no payer's share`);
  if (!mb('includedMB').plus(mb('chargeableMB')).equals(mb('volumeMB'))) {
    return findings.add(
      'volume',
      `record ${recordId}: included ${charOf(usage, 'includedMB')} MB + chargeable ${charOf(usage, 'chargeableMB')} MB ≠ its ${charOf(usage, 'volumeMB')} MB`,
    );
  }
  const price = perMB.get(String(shares[0].offerTariffType));
  if (!price) return findings.add('tariff', `record ${recordId} names tariff ${shares[0].offerTariffType}, which the CSP's catalog does not price per MB`);
  const expected = price.times(mb('chargeableMB')).roundToMinor();
  const total = sum(
    shares.map((s) => fromTmf(s.taxExcludedRatingAmount)),
    expected.currency,
  );
  if (!total.equals(expected))
    return findings.add('split', `record ${recordId}: its shares add up to ${total} but its ${charOf(usage, 'chargeableMB')} chargeable MB cost ${expected}`);
  return true;
}

function checkBill(bill: Entity, items: readonly Entity[], findings: Findings): void {
  for (const field of ['taxExcludedAmount', 'taxIncludedAmount'] as const) {
    const stated = bill[field] as TmfMoney | undefined;
    if (!stated) continue;
    const total = sum(
      items.map((i) => fromTmf(i[field] as TmfMoney)),
      stated.unit,
    );
    if (!total.equals(fromTmf(stated)))
      findings.add('bill', `bill ${bill.id}: ${field} ${stated.value} ${stated.unit} but its ${items.length} items add up to ${total}`);
  }
}

/** Unit price per MB of each usage price of the catalog (price per unitOfMeasure.amount MB). */
function unitPrices(prices: readonly Entity[]): Map<string, Money> {
  const perMB = new Map<string, Money>();
  for (const p of prices.filter((p) => p.priceType === 'usage')) {
    const unit = (p.unitOfMeasure as { amount?: number } | undefined)?.amount ?? 1;
    perMB.set(p.id, fromTmf(p.price as TmfMoney).times(new MoneyDecimal(1).div(String(unit))));
  }
  return perMB;
}

const charOf = (usage: Entity, name: string) =>
  ((usage.usageCharacteristic as { name: string; value: unknown }[] | undefined) ?? []).find((c) => c.name === name)?.value;

/** Findings counted by kind, the first few of each listed. */
class Findings {
  count = 0;
  readonly listed: string[] = [];
  readonly #perKind = new Map<string, number>();

  add(kind: string, text: string): false {
    this.count += 1;
    const n = (this.#perKind.get(kind) ?? 0) + 1;
    this.#perKind.set(kind, n);
    if (n <= LISTED_PER_KIND) this.listed.push(text);
    else if (n === LISTED_PER_KIND + 1) this.listed.push(`… more of kind '${kind}' (see the counts)`);
    return false;
  }
}
