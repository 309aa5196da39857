import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allocate, splitByPercent } from '../core/allocation.ts';
import { MoneyDecimal, fromMinorUnits, minorUnitsOf, money, sum } from '../core/money.ts';
import type { Money } from '../core/money.ts';

const strings = (shares: Money[]): string[] => shares.map((s) => s.toString());

describe('allocate', () => {
  it('splits 10.00 EUR three ways as 3.34 / 3.33 / 3.33', () => {
    assert.deepEqual(strings(allocate(money('10.00', 'EUR'), [1, 1, 1])), ['3.34 EUR', '3.33 EUR', '3.33 EUR']);
  });

  it('splits a credit as the mirror of the charge', () => {
    assert.deepEqual(strings(allocate(money('-10.00', 'EUR'), [1, 1, 1])), ['-3.34 EUR', '-3.33 EUR', '-3.33 EUR']);
  });

  it('gives leftover units to the largest remainders, then to lower indices', () => {
    // 0.01 by 1:2 — exact shares 0.0033 and 0.0067: the larger remainder wins.
    assert.deepEqual(strings(allocate(money('0.01', 'EUR'), [1, 2])), ['0.00 EUR', '0.01 EUR']);
    // 0.05 in three equal parts — equal remainders: lower indices first.
    assert.deepEqual(strings(allocate(money('0.05', 'EUR'), [1, 1, 1])), ['0.02 EUR', '0.02 EUR', '0.01 EUR']);
  });

  it('accepts decimal weights and gives nothing to a zero weight', () => {
    assert.deepEqual(strings(allocate(money('1.00', 'EUR'), ['0.5', '0.25', '0', '0.25'])), ['0.50 EUR', '0.25 EUR', '0.00 EUR', '0.25 EUR']);
  });

  it('works in whole units for JPY', () => {
    assert.deepEqual(strings(allocate(money('100', 'JPY'), [1, 1, 1])), ['34 JPY', '33 JPY', '33 JPY']);
  });

  it('rejects unrounded totals and unusable weights', () => {
    assert.throws(() => allocate(money('1.005', 'EUR'), [1, 1]), /not rounded/);
    assert.throws(() => allocate(money('1.00', 'EUR'), []), RangeError);
    assert.throws(() => allocate(money('1.00', 'EUR'), [1, -1]), RangeError);
    assert.throws(() => allocate(money('1.00', 'EUR'), [0, 0]), RangeError);
  });

  const totals = fc
    .tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.constantFrom('EUR', 'JPY', 'BHD'))
    .map(([units, currency]) => fromMinorUnits(units, currency));
  const weightLists = fc
    .array(fc.bigInt({ min: 0n, max: 10n ** 6n }), { minLength: 1, maxLength: 8 })
    .chain((ints) => fc.constantFrom(...[0, 1, 3]).map((places) => ints.map((i) => `${i}e-${places}`)))
    .filter((ws) => ws.some((w) => !new MoneyDecimal(w).isZero()));

  it('shares always sum exactly to the total', () => {
    fc.assert(
      fc.property(totals, weightLists, (total, weights) => {
        assert.ok(sum(allocate(total, weights), total.currency).equals(total));
      }),
    );
  });

  it('each share is within one minor unit of its exact proportional share', () => {
    fc.assert(
      fc.property(totals, weightLists, (total, weights) => {
        const weightTotal = weights.reduce((acc, w) => acc.plus(w), new MoneyDecimal(0));
        const minorUnit = new MoneyDecimal(10).pow(-minorUnitsOf(total.currency));
        allocate(total, weights).forEach((share, i) => {
          const exact = total.amount.times(weights[i]).dividedBy(weightTotal);
          assert.ok(share.amount.minus(exact).abs().lessThan(minorUnit), `share ${i}: ${share.toString()} vs ${exact}`);
        });
      }),
    );
  });

  it('is deterministic and symmetric under negation', () => {
    fc.assert(
      fc.property(totals, weightLists, (total, weights) => {
        const shares = allocate(total, weights);
        assert.deepEqual(strings(allocate(total, weights)), strings(shares));
        const negated = allocate(total.times(-1), weights);
        negated.forEach((share, i) => {
          assert.ok(share.equals(shares[i].times(-1)));
        });
      }),
    );
  });
});

describe('splitByPercent', () => {
  it('splits a 70/30 revenue share', () => {
    assert.deepEqual(strings(splitByPercent(money('9.99', 'EUR'), [70, 30])), ['6.99 EUR', '3.00 EUR']);
    assert.deepEqual(strings(splitByPercent(money('100.00', 'EUR'), ['33.3', '33.3', '33.4'])), ['33.30 EUR', '33.30 EUR', '33.40 EUR']);
  });

  it('rejects percentages not summing to 100', () => {
    assert.throws(() => splitByPercent(money('10.00', 'EUR'), [70, 20]), /summing to 100, got 90/);
    assert.throws(() => splitByPercent(money('10.00', 'EUR'), ['50', '50.01']), RangeError);
  });

  it('shares always sum to the total', () => {
    const percentLists = fc
      .uniqueArray(fc.integer({ min: 1, max: 9999 }), { maxLength: 6 })
      .map((cuts) => [0, ...[...cuts].sort((a, b) => a - b), 10000])
      .map((points) => points.slice(1).map((p, i) => new MoneyDecimal(p - points[i]).dividedBy(100)));
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), percentLists, (units, percents) => {
        const total = fromMinorUnits(units, 'EUR');
        assert.ok(sum(splitByPercent(total, percents), 'EUR').equals(total));
      }),
    );
  });
});
