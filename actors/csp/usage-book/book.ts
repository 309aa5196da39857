import { NameTable } from '../../../core/column.ts';
import { EMPTY_MARK, FileLineLog, type LineAt, type LineLog, type LogMark, MemoryLineLog } from '../../../core/line-log.ts';
import type { StorageOption, StorePart } from '../../../core/store.ts';
import { type ListQuery, matchesFilters } from '../../../tmf/query.ts';
import type { Usage } from '../../../tmf/resources.ts';
import type { Shelf } from '../../../tmf/shelf.ts';
import type { CspData } from '../store.ts';
import { type BookLine, billedBits, MAX_SHARES, minorUnits, parseLine, recordIdOf } from './line.ts';
import { Rows, Savepoint } from './rows.ts';

/** A payer's share of a rated record, as billing reads it from the book's index (never from the record). */
export interface ShareRow {
  readonly usage: string;
  readonly account: string;
  readonly product: string;
  readonly usageClass: string;
  /** When the record's usage happened (ms since the epoch). */
  readonly usageDate: number;
  /** The share's amount in the currency's minor units (exact: mediation rounds each share to them). */
  readonly minorUnits: number;
  readonly currency: string;
  /** The record's chargeable MB, as mediation wrote it. */
  readonly chargeableMB: string;
}

const RATED = 'rated';
const DELETED = '(deleted)';

/** The collection the usage book keeps. */
export const USAGE_BOOK = 'TMF635.usage';

/** The file of the usage book of a store kept at `storePath` (`csp.json` → `csp.usage.ndjson`). */
export const usageBookPath = (storePath: string) => storePath.replace(/(\.json)?$/, '.usage.ndjson');

/** Where the book of a store is kept: beside its file, or in memory with it. */
const logFor = (storage: StorageOption, mark: LogMark): LineLog =>
  storage.kind === 'file' ? new FileLineLog(usageBookPath(storage.path), mark) : new MemoryLineLog();

/**
 * The CSP's usage records (TMF635), kept in a ledger beside its store instead of in it: a million
 * records would not fit in memory as objects, and would be rewritten whole by every compaction. Each
 * version of a record is one line of an append-only log; in memory the book keeps only an index —
 * where each record's latest version is, its owner and status, which of its shares are billed, and per
 * share what the bill run adds up — in typed columns. A record is read back from its line, with the
 * billing marks laid over it. Writes are staged in the current store update and written with it
 * (`StorePart`): an update that fails leaves the book as it was, and a kill between the book's write
 * and the store's is cut off when the book is opened again.
 */
export class UsageBook implements Shelf<CspData, Usage>, StorePart<CspData> {
  readonly #log: LineLog;
  readonly #names = new NameTable();
  #rows = new Rows();
  /** Undoes of the current update's changes to what it did not append (newest last), and where its rows stood. */
  #undo: (() => void)[] = [];
  #savepoints: Savepoint[] = [];
  /** Unbilled shares by account for a bill run, while no record or share is added. */
  #byAccount: { end: number; shares: number; index: Map<string, number[]> } | undefined;

  private constructor(log: LineLog) {
    this.#log = log;
  }

  /** The book of a store: its log (beside the store's file) read up to the mark the store committed. */
  static open(storage: StorageOption, mark: LogMark = EMPTY_MARK): UsageBook {
    const book = new UsageBook(logFor(storage, mark));
    book.#log.replay((line, at) => book.#replay(parseLine(line), at));
    book.#undo = [];
    book.#savepoints = [];
    return book;
  }

  /** How many records the book holds (deleted ones included: their ids stay taken). */
  get size(): number {
    return this.#rows.ids.length;
  }

  // Reading

  get(_data: Readonly<CspData> | undefined, id: string): Usage | undefined {
    const ordinal = this.#rows.ordinalOf.get(id);
    return ordinal === undefined ? undefined : this.#read(ordinal);
  }

  *all(): Iterable<Usage> {
    const rows = this.#rows;
    for (let ordinal = 0; ordinal < rows.ids.length; ordinal++) {
      const usage = this.#read(ordinal);
      if (usage) yield usage;
    }
  }

  /** A page of the records, filtered by status or not at all (the index knows each one's); undefined for any other filter. */
  page(
    _data: Readonly<CspData> | undefined,
    offset: number,
    limit: number | undefined,
    filters: ListQuery['filters'] = [],
  ): { page: Usage[]; total: number } | undefined {
    if (!filters.every((f) => f.path === 'status')) return undefined;
    // Whether a status passes, worked out once per status with the lists' own matching (a book holds a few).
    const passes = new Map<string, boolean>();
    const page: Usage[] = [];
    const end = limit === undefined ? Number.POSITIVE_INFINITY : offset + limit;
    let total = 0;
    // Counted from the status column; only the records on the page are read.
    for (let ordinal = 0; ordinal < this.#rows.ids.length; ordinal++) {
      const status = this.#statusAt(ordinal);
      if (status === DELETED) continue;
      let pass = passes.get(status);
      if (pass === undefined) passes.set(status, (pass = matchesFilters({ status }, filters)));
      if (!pass) continue;
      if (total >= offset && total < end) page.push(this.#read(ordinal)!);
      total += 1;
    }
    return { page, total };
  }

  ownerOf(_data: Readonly<CspData> | undefined, entity: Usage): string | undefined {
    const ordinal = this.#rows.ordinalOf.get(entity.id);
    return ordinal === undefined ? undefined : this.#ownerAt(ordinal);
  }

  /** The usage a car's record id was received as, if it was (a record is never taken twice). */
  receivedAs(recordId: string): string | undefined {
    const ordinal = this.#rows.byRecordId.get(recordId);
    return ordinal === undefined ? undefined : this.#rows.ids[ordinal];
  }

  /** Counts of records by status (deleted ones left out), as the records read. */
  statusCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (let ordinal = 0; ordinal < this.#rows.ids.length; ordinal++) {
      const status = this.#statusAt(ordinal);
      if (status !== DELETED) counts[status] = (counts[status] ?? 0) + 1;
    }
    return counts;
  }

  // Writing (inside a store update)

  add(_draft: CspData | undefined, usage: Usage, owner: string | undefined): void {
    if (this.#rows.ordinalOf.has(usage.id)) throw new Error(`usage ${usage.id} is already in the book`);
    this.#write(usage, owner);
  }

  /** Stores a new version of a record; `owner`, when given, becomes its owner (mediation found the product's). */
  replace(_draft: CspData | undefined, usage: Usage, newOwner?: string): void {
    const ordinal = this.#rows.ordinalOf.get(usage.id);
    if (ordinal === undefined) throw new Error(`usage ${usage.id} is not in the book`);
    this.#write(usage, newOwner ?? this.#ownerAt(ordinal));
  }

  /** Writes a version of a record, and indexes it where it was written. */
  #write(usage: Usage, owner: string | undefined): void {
    const line: BookLine = owner === undefined ? { u: usage } : { u: usage, o: owner };
    this.#index(usage, owner, this.#log.append(JSON.stringify(line)));
  }

  remove(_draft: CspData | undefined, id: string): void {
    const ordinal = this.#rows.ordinalOf.get(id);
    if (ordinal === undefined) return;
    this.#log.append(JSON.stringify({ d: id }));
    this.#delete(ordinal);
  }

  // Billing

  /**
   * The unbilled shares of rated records whose usage happened before `end`, by billing account: rows to
   * read with `share`. Built once per bill run (one pass over the shares, not one per account);
   * shares billed since are left out by `isUnbilled`.
   */
  unbilledByAccount(end: Date): ReadonlyMap<string, readonly number[]> {
    const rows = this.#rows;
    const cached = this.#byAccount;
    if (cached && cached.end === end.getTime() && cached.shares === rows.shareRecord.length) return cached.index;
    const index = new Map<string, number[]>();
    for (let row = 0; row < rows.shareRecord.length; row++) {
      if (!this.isUnbilled(row) || rows.shareDate.get(row) >= end.getTime()) continue;
      const account = this.#names.name(rows.shareAccount.get(row));
      let list = index.get(account);
      if (!list) index.set(account, (list = []));
      list.push(row);
    }
    this.#byAccount = { end: end.getTime(), shares: rows.shareRecord.length, index };
    return index;
  }

  /** Whether the share is of the record's latest version, the record is rated, and the share not billed. */
  isUnbilled(row: number): boolean {
    const rows = this.#rows;
    const ordinal = rows.shareRecord.get(row);
    return (
      rows.shareVersion.get(row) === rows.offset.get(ordinal) &&
      this.#names.name(rows.status.get(ordinal)) === RATED &&
      (rows.billed.get(ordinal) & (1 << rows.shareIndex.get(row))) === 0
    );
  }

  share(row: number): ShareRow {
    const rows = this.#rows;
    const ordinal = rows.shareRecord.get(row);
    return {
      usage: rows.ids[ordinal],
      account: this.#names.name(rows.shareAccount.get(row)),
      product: this.#names.name(rows.shareProduct.get(row)),
      usageClass: this.#names.name(rows.shareClass.get(row)),
      usageDate: rows.shareDate.get(row),
      minorUnits: rows.shareMinor.get(row),
      currency: this.#names.name(rows.shareCurrency.get(row)),
      chargeableMB: rows.chargeable[ordinal],
    };
  }

  /** Marks the shares billed; a record whose every share is billed reads `billed`. Returns the records touched. */
  markBilled(shareRows: readonly number[]): string[] {
    const rows = this.#rows;
    const flat: number[] = [];
    const touched = new Set<number>();
    for (const row of shareRows) {
      const ordinal = rows.shareRecord.get(row);
      flat.push(ordinal, rows.shareIndex.get(row));
      touched.add(ordinal);
    }
    if (flat.length === 0) return [];
    this.#log.append(JSON.stringify({ b: flat }));
    this.#bill(flat);
    return [...touched].map((ordinal) => rows.ids[ordinal]);
  }

  // Kept in step with the store (StorePart)

  prepare(draft: CspData): void {
    if (this.#log.dirty) draft.usageLedger.log = this.#log.flush();
  }

  commit(): void {
    this.#log.commit();
    this.#undo = [];
    this.#savepoints = [];
  }

  abort(): void {
    this.#log.abort();
    this.#byAccount = undefined;
    for (const undo of this.#undo.reverse()) undo();
    for (const savepoint of this.#savepoints.reverse()) savepoint.restore();
    this.#undo = [];
    this.#savepoints = [];
  }

  /** The current update's savepoint of the current rows. */
  #savepoint(): Savepoint {
    let savepoint = this.#savepoints.find((s) => s.rows === this.#rows);
    if (!savepoint) this.#savepoints.push((savepoint = new Savepoint(this.#rows)));
    return savepoint;
  }

  clear(): void {
    const rows = this.#rows;
    this.#log.clear();
    this.#rows = new Rows();
    this.#byAccount = undefined;
    this.#undo.push(() => {
      this.#rows = rows;
    });
  }

  close(): void {
    this.#log.close();
  }

  // The index

  #replay(line: BookLine, at: LineAt): void {
    if ('u' in line) this.#index(line.u, line.o, at);
    else if ('b' in line) this.#bill(line.b);
    else {
      const ordinal = this.#rows.ordinalOf.get(line.d);
      if (ordinal !== undefined) this.#delete(ordinal);
    }
  }

  /** Indexes a version of a record written at `at`: a new record, or the latest version of one. */
  #index(usage: Usage, owner: string | undefined, at: LineAt): void {
    const rows = this.#rows;
    const known = rows.ordinalOf.get(usage.id);
    const status = this.#names.code(String(usage.status ?? ''));
    const ownerCode = owner === undefined ? 0 : this.#names.code(owner) + 1;
    const billed = billedBits(usage);
    const chargeable = String(usage.usageCharacteristic?.find((c) => c.name === 'chargeableMB')?.value ?? 0);
    const columns = rows.recordColumns;
    const values = [at.offset, at.length, ownerCode, status, billed, usage.ratedProductUsage?.length ?? 0];
    const savepoint = this.#savepoint();
    let ordinal: number;
    // Indexed loops, not iterators: a restart indexes every line of the book (two million at a million records).
    if (known === undefined) {
      ordinal = rows.ids.push(usage.id) - 1;
      rows.ordinalOf.set(usage.id, ordinal);
      for (let i = 0; i < columns.length; i++) columns[i].push(values[i]);
      rows.chargeable.push(chargeable);
    } else {
      ordinal = known;
      // A record the update appended is cut off whole; one it found is put back as it was.
      if (ordinal < savepoint.records) this.#undo.push(restorerOf(rows, ordinal));
      for (let i = 0; i < columns.length; i++) columns[i].set(ordinal, values[i]);
      rows.chargeable[ordinal] = chargeable;
    }
    const recordId = recordIdOf(usage);
    if (typeof recordId === 'string' && !rows.byRecordId.has(recordId)) {
      rows.byRecordId.set(recordId, ordinal);
      savepoint.recordIds.push(recordId);
    }
    if (usage.status === RATED) this.#indexShares(usage, ordinal, at.offset);
  }

  /** A rated record's shares, as billing reads them. */
  #indexShares(usage: Usage, ordinal: number, version: number): void {
    const rows = this.#rows;
    this.#savepoint();
    const usageDate = Date.parse(String(usage.usageDate));
    (usage.ratedProductUsage ?? []).slice(0, MAX_SHARES).forEach((share, index) => {
      const amount = share.taxExcludedRatingAmount;
      const account = share.billingAccount?.id;
      const product = share.productRef?.id;
      if (!amount || account === undefined || product === undefined) return;
      rows.shareRecord.push(ordinal);
      rows.shareIndex.push(index);
      rows.shareVersion.push(version);
      rows.shareAccount.push(this.#names.code(account));
      rows.shareProduct.push(this.#names.code(product));
      rows.shareClass.push(this.#names.code(String(usage.usageType)));
      rows.shareDate.push(usageDate);
      rows.shareMinor.push(minorUnits(amount.value, amount.unit));
      rows.shareCurrency.push(this.#names.code(amount.unit));
    });
  }

  #bill(flat: readonly number[]): void {
    const rows = this.#rows;
    const savepoint = this.#savepoint();
    savepoint.billed ??= rows.billed.snapshot();
    for (let i = 0; i < flat.length; i += 2) rows.billed.set(flat[i], rows.billed.get(flat[i]) | (1 << flat[i + 1]));
  }

  #delete(ordinal: number): void {
    const rows = this.#rows;
    const before = rows.status.get(ordinal);
    rows.status.set(ordinal, this.#names.code(DELETED));
    this.#undo.push(() => rows.status.set(ordinal, before));
  }

  #ownerAt(ordinal: number): string | undefined {
    const code = this.#rows.owner.get(ordinal);
    return code === 0 ? undefined : this.#names.name(code - 1);
  }

  /** The status a record reads: `billed` once every share of a rated record is. */
  #statusAt(ordinal: number): string {
    const rows = this.#rows;
    const status = this.#names.name(rows.status.get(ordinal));
    const all = (1 << rows.shares.get(ordinal)) - 1;
    return status === RATED && all > 0 && (rows.billed.get(ordinal) & all) === all ? 'billed' : status;
  }

  /** The record's latest version, with the billing marks laid over it (none when deleted). */
  #read(ordinal: number): Usage | undefined {
    const rows = this.#rows;
    const status = this.#statusAt(ordinal);
    if (status === DELETED) return undefined;
    const line = parseLine(this.#log.read({ offset: rows.offset.get(ordinal), length: rows.length.get(ordinal) }));
    if (!('u' in line)) throw new Error(`the usage book's line of record ${rows.ids[ordinal]} holds no record`);
    const usage = line.u;
    const billed = rows.billed.get(ordinal);
    if (billed === 0) return usage;
    return {
      ...usage,
      ...(status === 'billed' ? { status } : {}),
      ratedProductUsage: usage.ratedProductUsage?.map((share, j) => ((billed & (1 << j)) !== 0 ? { ...share, isBilled: true } : share)),
    };
  }
}

/** Puts a record's row back as it is now. */
function restorerOf(rows: Rows, ordinal: number): () => void {
  const columns = rows.recordColumns;
  const before = columns.map((column) => column.get(ordinal));
  const chargeableBefore = rows.chargeable[ordinal];
  return () => {
    for (let i = 0; i < columns.length; i++) columns[i].set(ordinal, before[i]);
    rows.chargeable[ordinal] = chargeableBefore;
  };
}
