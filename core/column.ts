type TypedArray = Float64Array | Uint32Array | Uint16Array | Uint8Array;
type TypedArrayType = new (length: number) => TypedArray;

/**
 * A growable column of numbers in a typed array: what an index of millions of rows keeps per row,
 * at a few bytes each and nothing for the garbage collector to trace.
 */
export class Column {
  readonly #type: TypedArrayType;
  #values: TypedArray;
  #length = 0;

  /** `type`: the typed array that holds the values (its range is the column's: Uint8Array for 0–255). */
  constructor(type: TypedArrayType, capacity = 1024) {
    this.#type = type;
    this.#values = new type(capacity);
  }

  get length(): number {
    return this.#length;
  }

  get(row: number): number {
    return this.#values[row];
  }

  set(row: number, value: number): void {
    this.#values[row] = value;
  }

  /** Adds a row; returns its number. */
  push(value: number): number {
    if (this.#length === this.#values.length) {
      const grown = new this.#type(this.#values.length * 2);
      grown.set(this.#values);
      this.#values = grown;
    }
    this.#values[this.#length] = value;
    return this.#length++;
  }

  /** A copy of the column's values, to `restore` (an update taken back). */
  snapshot(): TypedArray {
    return this.#values.slice(0, this.#length);
  }

  /** Puts back the values of a snapshot over the first rows. */
  restore(values: TypedArray): void {
    this.#values.set(values);
  }

  /** Drops the rows from `length` on (an update taken back). */
  truncate(length: number): void {
    this.#length = Math.min(this.#length, length);
  }
}

/** Names numbered in order of first use (owners, accounts, products): a row keeps the number. */
export class NameTable {
  readonly #names: string[] = [];
  readonly #codes = new Map<string, number>();

  code(name: string): number {
    let code = this.#codes.get(name);
    if (code === undefined) {
      code = this.#names.push(name) - 1;
      this.#codes.set(name, code);
    }
    return code;
  }

  name(code: number): string {
    return this.#names[code];
  }
}
