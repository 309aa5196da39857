import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { prorate, usedDays } from '../core/proration.ts';
import { fromMinorUnits, money } from '../core/money.ts';

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const january = { start: day('2026-01-01'), end: day('2026-02-01') };
const MS_PER_DAY = 86_400_000;

describe('usedDays', () => {
  it('counts UTC calendar days, start inclusive and end exclusive', () => {
    assert.deepEqual(usedDays(january, { start: day('2026-01-22') }), { used: 10, total: 31 });
    assert.deepEqual(usedDays(january, { start: day('2026-01-01'), end: day('2026-01-11') }), { used: 10, total: 31 });
    assert.deepEqual(usedDays({ start: day('2028-02-01'), end: day('2028-03-01') }, { start: day('2027-12-01') }), {
      used: 29,
      total: 29,
    });
  });

  it('ignores the time of day', () => {
    const lateStart = { start: new Date('2026-01-22T23:59:59Z') };
    assert.deepEqual(usedDays(january, lateStart), { used: 10, total: 31 });
  });

  it('counts nothing for an active range outside the period', () => {
    assert.equal(usedDays(january, { start: day('2025-11-01'), end: day('2025-12-15') }).used, 0);
    assert.equal(usedDays(january, { start: day('2026-03-01') }).used, 0);
  });

  it('rejects empty periods and inverted active ranges', () => {
    assert.throws(() => usedDays({ start: day('2026-01-02'), end: day('2026-01-02') }, { start: day('2026-01-01') }));
    assert.throws(() => usedDays(january, { start: day('2026-01-10'), end: day('2026-01-05') }), RangeError);
    assert.throws(() => usedDays(january, { start: new Date('not a date') }), RangeError);
  });
});

describe('prorate', () => {
  it('charges 30 EUR for 10 of 31 days as 9.68 EUR', () => {
    assert.equal(prorate(money('30', 'EUR'), january, { start: day('2026-01-22') }).toString(), '9.68 EUR');
  });

  it('credits mirror charges', () => {
    assert.equal(prorate(money('-30', 'EUR'), january, { start: day('2026-01-22') }).toString(), '-9.68 EUR');
  });

  it('charges exactly the fee for the full period and nothing outside it', () => {
    const fee = money('9.99', 'EUR');
    assert.ok(prorate(fee, january, { start: day('2025-06-01') }).equals(fee));
    assert.ok(prorate(fee, january, { start: day('2026-03-01') }).isZero());
  });

  it('rounds a true half up (0.15 EUR for 1 of 30 days = 0.005 → 0.01)', () => {
    const april = { start: day('2026-04-01'), end: day('2026-05-01') };
    assert.equal(prorate(money('0.15', 'EUR'), april, { start: day('2026-04-30') }).toString(), '0.01 EUR');
  });

  it('rounds a half hidden behind an inexact ratio up (0.14 EUR for 5 of 28 days = 0.025 → 0.03)', () => {
    const february = { start: day('2026-02-01'), end: day('2026-03-01') };
    const fiveDays = { start: day('2026-02-10'), end: day('2026-02-15') };
    assert.equal(prorate(money('0.14', 'EUR'), february, fiveDays).toString(), '0.03 EUR');
    assert.equal(prorate(money('2.94', 'EUR'), february, fiveDays).toString(), '0.53 EUR');
  });

  const fees = fc.bigInt({ min: 0n, max: 10n ** 9n }).map((units) => fromMinorUnits(units, 'EUR'));
  const periods = fc.tuple(fc.integer({ min: 18000, max: 22000 }), fc.integer({ min: 1, max: 366 })).map(([startDay, length]) => ({
    start: new Date(startDay * MS_PER_DAY),
    end: new Date((startDay + length) * MS_PER_DAY),
  }));

  it('a full period always equals the fee', () => {
    fc.assert(fc.property(fees, periods, (fee, period) => assert.ok(prorate(fee, period, period).equals(fee))));
  });

  it('never exceeds the fee nor goes below zero', () => {
    fc.assert(
      fc.property(fees, periods, fc.integer({ min: -400, max: 400 }), fc.nat(800), (fee, period, offset, length) => {
        const start = new Date(period.start.getTime() + offset * MS_PER_DAY);
        const active = { start, end: new Date(start.getTime() + length * MS_PER_DAY) };
        const charge = prorate(fee, period, active);
        assert.ok(charge.compare(fee) <= 0 && charge.compare(money('0', 'EUR')) >= 0);
      }),
    );
  });

  it('two halves of a period add up to the fee within one cent', () => {
    fc.assert(
      fc.property(fees, periods, fc.nat(366), (fee, period, cut) => {
        const cutDate = new Date(Math.min(period.start.getTime() + cut * MS_PER_DAY, period.end.getTime()));
        const first = prorate(fee, period, { start: period.start, end: cutDate });
        const second = prorate(fee, period, { start: cutDate });
        const gap = first.plus(second).minus(fee).toMinorUnits();
        assert.ok(gap >= -1n && gap <= 1n, `gap of ${gap} cents`);
      }),
    );
  });
});
