import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CurrencyMismatchError, fromMinorUnits, fromTmf, minorUnitsOf, money, sum } from '../core/money.ts';

const currencies = fc.constantFrom('EUR', 'USD', 'JPY', 'BHD');
/** Rounded money whose minor units fit comfortably in a JSON number. */
const roundedMoney = fc.tuple(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), currencies).map(([units, currency]) => fromMinorUnits(units, currency));
/** Money with up to 6 decimal places, usually not rounded to the minor unit. */
const anyMoney = fc.tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), currencies).map(([micros, currency]) => money(`${micros}e-6`, currency));

describe('Money arithmetic', () => {
  it('adds decimals exactly (0.1 + 0.2 = 0.3)', () => {
    assert.equal(money('0.1', 'EUR').plus(money('0.2', 'EUR')).toString(), '0.30 EUR');
    assert.ok(money('0.1', 'EUR').plus(money('0.2', 'EUR')).equals(money('0.3', 'EUR')));
  });

  it('subtracts, multiplies and detects zero', () => {
    assert.equal(money('10.00', 'EUR').minus(money('10.01', 'EUR')).toString(), '-0.01 EUR');
    assert.equal(money('1.10', 'USD').times(3).toString(), '3.30 USD');
    assert.equal(money('19.99', 'EUR').times('0.19').toString(), '3.7981 EUR');
    assert.ok(money('5', 'EUR').minus(money('5.00', 'EUR')).isZero());
    assert.ok(!money('0.01', 'EUR').isZero());
  });

  it('compares and tests equality by value', () => {
    assert.equal(money('1.00', 'EUR').compare(money('2', 'EUR')), -1);
    assert.equal(money('2', 'EUR').compare(money('1.99', 'EUR')), 1);
    assert.equal(money('1.0', 'EUR').compare(money('1.00', 'EUR')), 0);
    assert.ok(money('1.0', 'EUR').equals(money('1.00', 'EUR')));
    assert.ok(!money('1', 'EUR').equals(money('1', 'USD')));
  });

  it('is immutable', () => {
    const a = money('1.00', 'EUR');
    a.plus(money('2.00', 'EUR'));
    assert.equal(a.toString(), '1.00 EUR');
    assert.ok(Object.isFrozen(a));
  });

  it('throws a CurrencyMismatchError when mixing currencies', () => {
    const eur = money('1', 'EUR');
    const usd = money('1', 'USD');
    assert.throws(() => eur.plus(usd), CurrencyMismatchError);
    assert.throws(() => eur.minus(usd), /expected EUR, got USD/);
    assert.throws(() => eur.compare(usd), CurrencyMismatchError);
    assert.throws(() => sum([eur, usd], 'EUR'), CurrencyMismatchError);
  });

  it('rejects invalid currency codes and non-finite amounts', () => {
    assert.throws(() => money('1', 'eur'), RangeError);
    assert.throws(() => money('1', 'EURO'), RangeError);
    assert.throws(() => money('NaN', 'EUR'), RangeError);
    assert.throws(() => money('Infinity', 'EUR'), RangeError);
  });

  it('sums exactly, the empty sum being zero', () => {
    assert.equal(sum([], 'JPY').toString(), '0 JPY');
    const items = ['0.10', '0.20', '0.30', '1234567890123.45'].map((a) => money(a, 'EUR'));
    assert.equal(sum(items, 'EUR').toString(), '1234567890124.05 EUR');
  });

  it('sum agrees with integer arithmetic on minor units', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n })), (units) => {
        const total = sum(
          units.map((u) => fromMinorUnits(u, 'EUR')),
          'EUR',
        );
        assert.equal(
          total.toMinorUnits(),
          units.reduce((a, b) => a + b, 0n),
        );
      }),
    );
  });
});

describe('Money rounding', () => {
  it('knows the minor unit of a currency, defaulting to 2', () => {
    assert.equal(minorUnitsOf('EUR'), 2);
    assert.equal(minorUnitsOf('USD'), 2);
    assert.equal(minorUnitsOf('JPY'), 0);
    assert.equal(minorUnitsOf('BHD'), 3);
    assert.equal(minorUnitsOf('XYZ'), 2);
  });

  it('rounds half-up to the minor unit, credits mirroring charges', () => {
    assert.equal(money('2.345', 'EUR').roundToMinor().toString(), '2.35 EUR');
    assert.equal(money('2.3449', 'EUR').roundToMinor().toString(), '2.34 EUR');
    assert.equal(money('-2.345', 'EUR').roundToMinor().toString(), '-2.35 EUR');
    assert.equal(money('12.5', 'JPY').roundToMinor().toString(), '13 JPY');
    assert.equal(money('1.2345', 'BHD').roundToMinor().toString(), '1.235 BHD');
  });

  it('tells rounded from unrounded amounts', () => {
    assert.ok(money('2.30', 'EUR').isRounded());
    assert.ok(!money('2.301', 'EUR').isRounded());
    assert.ok(!money('1.5', 'JPY').isRounded());
  });

  it('converts to and from integer minor units', () => {
    assert.equal(money('12.34', 'EUR').toMinorUnits(), 1234n);
    assert.equal(money('-0.05', 'EUR').toMinorUnits(), -5n);
    assert.equal(money('500', 'JPY').toMinorUnits(), 500n);
    assert.throws(() => money('0.001', 'EUR').toMinorUnits(), RangeError);
    assert.ok(fromMinorUnits(1234n, 'EUR').equals(money('12.34', 'EUR')));
    assert.ok(fromMinorUnits(1234n, 'BHD').equals(money('1.234', 'BHD')));
  });

  it('rounding is idempotent and moves the amount by at most half a minor unit', () => {
    fc.assert(
      fc.property(anyMoney, (m) => {
        const rounded = m.roundToMinor();
        assert.ok(rounded.isRounded());
        assert.ok(rounded.roundToMinor().equals(rounded));
        const half = fromMinorUnits(1n, m.currency).times('0.5');
        const distance = rounded.minus(m);
        assert.ok(distance.compare(half) <= 0 && distance.compare(half.times(-1)) >= 0);
      }),
    );
  });

  it('prints at least the minor-unit digits and every digit of unrounded amounts', () => {
    assert.equal(money('12.3', 'EUR').toString(), '12.30 EUR');
    assert.equal(money('12.345', 'EUR').toString(), '12.345 EUR');
    assert.equal(money('7', 'JPY').toString(), '7 JPY');
  });
});

describe('Money at the TMF edge', () => {
  it('writes the rounded amount as a JSON number', () => {
    assert.deepEqual(money('12.345', 'EUR').toTmf(), { unit: 'EUR', value: 12.35 });
    assert.deepEqual(money('-3', 'USD').toTmf(), { unit: 'USD', value: -3 });
  });

  it('reads a JSON number through its string form, not its binary value', () => {
    const m = fromTmf({ unit: 'EUR', value: 0.1 });
    assert.equal(m.amount.toString(), '0.1');
    assert.ok(fromTmf({ unit: 'EUR', value: 1.005 }).roundToMinor().equals(money('1.01', 'EUR')));
    assert.ok(fromTmf({ unit: 'EUR', value: '12.34' }).equals(money('12.34', 'EUR')));
  });

  it('rejects non-finite TMF values and amounts a JSON number cannot hold', () => {
    assert.throws(() => fromTmf({ unit: 'EUR', value: Number.NaN }), RangeError);
    assert.throws(() => money('123456789012345678.91', 'EUR').toTmf(), /JSON number/);
  });

  it('round-trips rounded money through toTmf/fromTmf and JSON', () => {
    fc.assert(
      fc.property(roundedMoney, (m) => {
        const wire = JSON.parse(JSON.stringify(m.toTmf())) as { unit: string; value: number };
        const back = fromTmf(wire);
        assert.ok(back.equals(m), `${m.toString()} came back as ${back.toString()}`);
      }),
    );
  });

  it('toTmf of any amount reads back as that amount rounded', () => {
    fc.assert(fc.property(anyMoney, (m) => assert.ok(fromTmf(m.toTmf()).equals(m.roundToMinor()))));
  });
});
