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

/** Every page of a TMF collection, `pageSize` at a time (TMF630 offset/limit), each handed to `take` as it comes. */
export async function eachPage(client: TmfClient, api: ApiId, resource: string, take: (items: readonly Entity[]) => void, pageSize = 5000): Promise<void> {
  let seen = 0;
  for (let offset = 0; ; offset += pageSize) {
    const { items, total } = await client.listNamed(api, resource, { offset, limit: pageSize });
    take(items);
    seen += items.length;
    if (items.length === 0 || seen >= total) return;
  }
}

/** Every page of a TMF collection, in one list. */
export async function listAll(client: TmfClient, api: ApiId, resource: string, pageSize = 5000): Promise<Entity[]> {
  const all: Entity[] = [];
  await eachPage(client, api, resource, (items) => all.push(...items), pageSize);
  return all;
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
  const ledger = new UsageLedger(unitPrices(books.prices));
  ledger.take(books.usages);
  return ledger.reconciled(recordIds, books.bills, books.billItems);
}

/**
 * `reconcile`, reading the CSP's books page by page through its TMF APIs: each usage record is checked as
 * its page comes and only what the verdict needs of it is kept (a fleet's month is hundreds of thousands
 * of records: kept whole, they took more memory than the rest of the command).
 */
export async function reconcileAtCsp(csp: TmfClient, recordIds: readonly string[]): Promise<Reconciliation> {
  const ledger = new UsageLedger(unitPrices(await listAll(csp, 'TMF620', 'productOfferingPrice')));
  await eachPage(csp, 'TMF635', 'usage', (page) => ledger.take(page));
  return ledger.reconciled(recordIds, await listAll(csp, 'TMF678', 'customerBill'), await listAll(csp, 'TMF678', 'appliedCustomerBillingRate'));
}

/** What the verdict needs of the usages kept for one record id. */
interface KeptRecord {
  kept: number;
  rated: number;
  /** The ids of its rated usages, the statuses of all, and the first's description: for the findings. */
  readonly ratedIds: string[];
  readonly statuses: string[];
  readonly description: string;
  /** Its one rated usage's check: true when it adds up, else the finding it gives (kind and text). */
  check?: true | { readonly kind: string; readonly text: string };
}

/** The usages as they come, each checked once and summed up by record id. */
class UsageLedger {
  readonly #perMB: ReadonlyMap<string, Money>;
  readonly #byRecord = new Map<string, KeptRecord>();

  constructor(perMB: ReadonlyMap<string, Money>) {
    this.#perMB = perMB;
  }

  take(usages: readonly Entity[]): void {
    for (const usage of usages) {
      const id = charOf(usage, 'recordId');
      if (typeof id !== 'string') continue;
      let record = this.#byRecord.get(id);
      if (!record) this.#byRecord.set(id, (record = { kept: 0, rated: 0, ratedIds: [], statuses: [], description: String(usage.description ?? '') }));
      record.kept += 1;
      record.statuses.push(String(usage.status));
      if (!FINAL_RATED.includes(String(usage.status))) continue;
      record.rated += 1;
      record.ratedIds.push(String(usage.id));
      if (record.rated === 1) {
        const found = new Findings();
        record.check = checkRecord(usage, this.#perMB, found) || found.first!;
      }
    }
  }

  reconciled(recordIds: readonly string[], bills: readonly Entity[], billItems: readonly Entity[]): Reconciliation {
    const findings = new Findings();
    let ratedOnce = 0;
    for (const recordId of recordIds) {
      const record = this.#byRecord.get(recordId);
      if (!record) findings.add('missing', `record ${recordId} was sent but the CSP has no usage for it`);
      else if (record.rated > 1) findings.add('rated twice', `record ${recordId} is rated ${record.rated} times (${record.ratedIds.join(', ')})`);
      else if (record.rated === 0) findings.add('not rated', `record ${recordId} is ${record.statuses.join(', ')}: ${record.description}`);
      else if (record.kept > 1) findings.add('kept twice', `record ${recordId} is kept ${record.kept} times`);
      else if (record.check === true) ratedOnce += 1;
      else if (record.check) findings.add(record.check.kind, record.check.text);
    }
    const itemsOf = new Map<string, Entity[]>();
    for (const item of billItems) {
      const bill = (item.bill as { id: string } | undefined)?.id;
      if (bill) itemsOf.set(bill, [...(itemsOf.get(bill) ?? []), item]);
    }
    for (const bill of bills) checkBill(bill, itemsOf.get(bill.id) ?? [], findings);
    return { ok: findings.count === 0, recordsSent: recordIds.length, ratedOnce, billsChecked: bills.length, findings: findings.listed };
  }
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
  /** The first finding added, with its kind. */
  first: { readonly kind: string; readonly text: string } | undefined;
  readonly #perKind = new Map<string, number>();

  add(kind: string, text: string): false {
    this.first ??= { kind, text };
    this.count += 1;
    const n = (this.#perKind.get(kind) ?? 0) + 1;
    this.#perKind.set(kind, n);
    if (n <= LISTED_PER_KIND) this.listed.push(text);
    else if (n === LISTED_PER_KIND + 1) this.listed.push(`… more of kind '${kind}' (see the counts)`);
    return false;
  }
}
