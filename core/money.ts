import { Decimal } from 'decimal.js';

/**
 * Decimal constructor used for every money computation. decimal.js rounds the result of each operation
 * to `precision` significant digits (20 by default), which could silently round a large sum; 60 digits
 * keeps every realistic amount exact, and the single division in proration correctly rounded.
 */
export const MoneyDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

/** What an amount may be given as: never a binary float (use a string such as '12.34'). */
export type AmountInput = string | bigint | Decimal;

/** Money as the TM Forum APIs carry it: the only place where a JSON number stands for an amount. */
export interface TmfMoney {
  unit: string;
  value: number;
}

/** Minor-unit exponents that differ from the default of 2 (ISO 4217). */
const MINOR_UNIT_EXCEPTIONS: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  BHD: 3,
  KWD: 3,
  JOD: 3,
  OMR: 3,
  TND: 3,
};
const DEFAULT_MINOR_UNITS = 2;

/** Number of decimal places of the currency's minor unit: EUR/USD 2, JPY 0, BHD 3; unknown codes 2. */
export function minorUnitsOf(currency: string): number {
  return MINOR_UNIT_EXCEPTIONS[currency] ?? DEFAULT_MINOR_UNITS;
}

/** Thrown when an operation combines amounts of two different currencies. */
export class CurrencyMismatchError extends Error {
  constructor(expected: string, actual: string, operation: string) {
    super(`Currency mismatch in ${operation}: expected ${expected}, got ${actual}`);
    this.name = 'CurrencyMismatchError';
  }
}

/** An immutable, exact amount of one ISO 4217 currency. */
export class Money {
  readonly amount: Decimal;
  readonly currency: string;

  constructor(amount: AmountInput, currency: string) {
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw new RangeError(`Invalid currency code "${currency}": expected three upper-case letters (ISO 4217)`);
    }
    const value = new MoneyDecimal(amount);
    if (!value.isFinite()) throw new RangeError(`Invalid money amount "${String(amount)}"`);
    this.amount = value;
    this.currency = currency;
    Object.freeze(this);
  }

  plus(other: Money): Money {
    this.assertSameCurrency(other, 'plus');
    return new Money(this.amount.plus(other.amount), this.currency);
  }

  minus(other: Money): Money {
    this.assertSameCurrency(other, 'minus');
    return new Money(this.amount.minus(other.amount), this.currency);
  }

  /** Multiplies exactly by a ratio or quantity (a number here is a factor, not money). */
  times(factor: Decimal.Value): Money {
    return new Money(this.amount.times(new MoneyDecimal(factor)), this.currency);
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  /** -1, 0 or 1; throws on different currencies, which have no order. */
  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other, 'compare');
    const order = this.amount.comparedTo(other.amount);
    return order < 0 ? -1 : order > 0 ? 1 : 0;
  }

  /** Same currency and numerically equal amount ('1.0' equals '1.00'). */
  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount.equals(other.amount);
  }

  /** Rounds half-up (ties away from zero, so a credit mirrors its charge) to the currency's minor unit. */
  roundToMinor(): Money {
    return new Money(this.amount.toDecimalPlaces(minorUnitsOf(this.currency), Decimal.ROUND_HALF_UP), this.currency);
  }

  /** True when the amount has no digits below the currency's minor unit. */
  isRounded(): boolean {
    return this.amount.decimalPlaces() <= minorUnitsOf(this.currency);
  }

  /** The amount as an integer count of minor units (cents); the amount must already be rounded. */
  toMinorUnits(): bigint {
    if (!this.isRounded()) throw new RangeError(`${this.toString()} is not rounded to the minor unit`);
    return BigInt(this.amount.times(new MoneyDecimal(10).pow(minorUnitsOf(this.currency))).toFixed(0));
  }

  /** The TMF form `{unit, value}` of the rounded amount; throws if a JSON number cannot hold it exactly. */
  toTmf(): TmfMoney {
    const rounded = this.roundToMinor().amount;
    const value = Number(rounded.toFixed());
    if (!new MoneyDecimal(String(value)).equals(rounded)) {
      throw new RangeError(`${this.toString()} cannot be represented exactly as a JSON number`);
    }
    return { unit: this.currency, value };
  }

  /** E.g. "12.30 EUR": at least the minor-unit digits, and every digit of an unrounded amount. */
  toString(): string {
    const places = Math.max(minorUnitsOf(this.currency), this.amount.decimalPlaces());
    return `${this.amount.toFixed(places)} ${this.currency}`;
  }

  private assertSameCurrency(other: Money, operation: string): void {
    if (other.currency !== this.currency) throw new CurrencyMismatchError(this.currency, other.currency, operation);
  }
}

/** Shorthand for `new Money(amount, currency)`, e.g. `money('12.34', 'EUR')`. */
export function money(amount: AmountInput, currency: string): Money {
  return new Money(amount, currency);
}

/** Money from an integer count of minor units, e.g. `fromMinorUnits(1234n, 'EUR')` is 12.34 EUR. */
export function fromMinorUnits(units: bigint, currency: string): Money {
  return new Money(new MoneyDecimal(units.toString()).dividedBy(new MoneyDecimal(10).pow(minorUnitsOf(currency))), currency);
}

/**
 * Reads TMF money. A JSON number is converted through its shortest string form, so 0.1 becomes exactly
 * 0.1 rather than the binary float nearest to it.
 */
export function fromTmf(tmf: { unit: string; value: number | string }): Money {
  if (typeof tmf.value === 'number' && !Number.isFinite(tmf.value)) {
    throw new RangeError(`Invalid TMF money value ${tmf.value}`);
  }
  return new Money(String(tmf.value), tmf.unit);
}

/** Exact sum of amounts that must all be in `currency`; the empty sum is zero. */
export function sum(list: readonly Money[], currency: string): Money {
  return list.reduce((total, item) => total.plus(item), new Money('0', currency));
}
