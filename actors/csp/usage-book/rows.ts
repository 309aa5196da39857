import { Column } from '../../../core/column.ts';

/** The rows of the book's index: per record and per share, columns of numbers and names by code. */
export class Rows {
  readonly ids: string[] = [];
  readonly ordinalOf = new Map<string, number>();
  readonly byRecordId = new Map<string, number>();
  readonly offset = new Column(Float64Array);
  readonly length = new Column(Uint32Array);
  /** Owner's code + 1 (0: none). */
  readonly owner = new Column(Uint16Array);
  readonly status = new Column(Uint16Array);
  /** Bit j: share j is billed. */
  readonly billed = new Column(Uint8Array);
  readonly shares = new Column(Uint8Array);
  readonly chargeable: string[] = [];
  // Per share: its record, its place in the record, the version it was read from, and what billing needs.
  readonly shareRecord = new Column(Uint32Array);
  readonly shareIndex = new Column(Uint8Array);
  readonly shareVersion = new Column(Float64Array);
  readonly shareAccount = new Column(Uint32Array);
  readonly shareProduct = new Column(Uint32Array);
  readonly shareClass = new Column(Uint32Array);
  readonly shareDate = new Column(Float64Array);
  readonly shareMinor = new Column(Float64Array);
  readonly shareCurrency = new Column(Uint32Array);

  /** The columns of a record, in the order `#index` writes them. */
  get recordColumns(): readonly Column[] {
    return [this.offset, this.length, this.owner, this.status, this.billed, this.shares];
  }

  get shareColumns(): readonly Column[] {
    return [
      this.shareRecord,
      this.shareIndex,
      this.shareVersion,
      this.shareAccount,
      this.shareProduct,
      this.shareClass,
      this.shareDate,
      this.shareMinor,
      this.shareCurrency,
    ];
  }
}

/**
 * Where the rows stood when an update first added to them: what the update appended is cut off when it
 * fails, with no undo kept per record (a batch adds thousands).
 */
export class Savepoint {
  readonly rows: Rows;
  readonly records: number;
  readonly shares: number;
  /** Record ids the update indexed. */
  readonly recordIds: string[] = [];
  /** The billed column before the update's first billing mark (a bill run marks millions of shares). */
  billed: ReturnType<Column['snapshot']> | undefined;

  constructor(rows: Rows) {
    this.rows = rows;
    this.records = rows.ids.length;
    this.shares = rows.shareRecord.length;
  }

  /** Takes back what the update appended to the rows. */
  restore(): void {
    const rows = this.rows;
    if (this.billed) rows.billed.restore(this.billed);
    for (const id of rows.ids.splice(this.records)) rows.ordinalOf.delete(id);
    rows.chargeable.length = this.records;
    for (const column of rows.recordColumns) column.truncate(this.records);
    for (const column of rows.shareColumns) column.truncate(this.shares);
    for (const recordId of this.recordIds) rows.byRecordId.delete(recordId);
  }
}
