import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assembleBill } from '../core/bill-assembly.ts';
import { CurrencyMismatchError, MoneyDecimal, fromMinorUnits, money, sum } from '../core/money.ts';

const line = (id: string, amount: string, currency = 'EUR') => ({ id, amount: money(amount, currency), name: `line ${id}` });

describe('assembleBill', () => {
  it('totals the rounded items exactly and keeps their fields', () => {
    const bill = assembleBill([line('a', '10.00'), line('b', '5.55'), line('c', '-2.00')], { currency: 'EUR' });
    assert.equal(bill.taxExcludedTotal.toString(), '13.55 EUR');
    assert.equal(bill.itemCount, 3);
    assert.equal(bill.items[1].name, 'line b');
  });

  it('assembles an empty bill with a zero total', () => {
    const bill = assembleBill([], { currency: 'JPY' });
    assert.equal(bill.taxExcludedTotal.toString(), '0 JPY');
    assert.equal(bill.itemCount, 0);
  });

  it('rejects unrounded items, other currencies and repeated ids', () => {
    assert.throws(() => assembleBill([line('a', '1.005')], { currency: 'EUR' }), /"a".*not rounded/);
    assert.throws(() => assembleBill([line('a', '1.00', 'USD')], { currency: 'EUR' }), CurrencyMismatchError);
    assert.throws(() => assembleBill([line('a', '1.00'), line('a', '2.00')], { currency: 'EUR' }), /more than once/);
  });

  it('taxes each line half-up and totals the taxed lines', () => {
    const bill = assembleBill([line('a', '0.02'), line('b', '0.02'), line('c', '0.02')], {
      currency: 'EUR',
      taxRatePercent: 19,
    });
    // Per line 0.0238 → 0.02; taxing the 0.06 total instead would give 0.07.
    assert.deepEqual(
      bill.items.map((i) => i.taxIncludedAmount.toString()),
      ['0.02 EUR', '0.02 EUR', '0.02 EUR'],
    );
    assert.equal(bill.taxIncludedTotal.toString(), '0.06 EUR');
    assert.ok(bill.taxTotal.isZero());
  });

  it('computes a known VAT example', () => {
    const bill = assembleBill([line('a', '9.99'), line('b', '20.00')], { currency: 'EUR', taxRatePercent: '19' });
    assert.deepEqual(
      bill.items.map((i) => i.taxIncludedAmount.toString()),
      ['11.89 EUR', '23.80 EUR'],
    );
    assert.equal(bill.taxIncludedTotal.toString(), '35.69 EUR');
    assert.equal(bill.taxTotal.toString(), '5.70 EUR');
    assert.equal(bill.taxRatePercent.toString(), '19');
  });

  it('rejects a negative tax rate', () => {
    assert.throws(() => assembleBill([line('a', '1.00')], { currency: 'EUR', taxRatePercent: -1 }), RangeError);
  });

  const items = fc
    .uniqueArray(fc.tuple(fc.uuid(), fc.bigInt({ min: -(10n ** 10n), max: 10n ** 10n })), {
      selector: ([id]) => id,
      maxLength: 30,
    })
    .map((rows) => rows.map(([id, units]) => ({ id, amount: fromMinorUnits(units, 'EUR') })));

  it('the total is the sum of the items for random items', () => {
    fc.assert(
      fc.property(items, (rows) => {
        const bill = assembleBill(rows, { currency: 'EUR' });
        const expected = rows.reduce((acc, r) => acc + r.amount.toMinorUnits(), 0n);
        assert.equal(bill.taxExcludedTotal.toMinorUnits(), expected);
        assert.equal(bill.itemCount, rows.length);
      }),
    );
  });

  it('taxed totals are sums of per-line amounts, each within half a cent of exact', () => {
    const rates = fc.integer({ min: 0, max: 3000 }).map((n) => new MoneyDecimal(n).dividedBy(100));
    fc.assert(
      fc.property(items, rates, (rows, rate) => {
        const bill = assembleBill(rows, { currency: 'EUR', taxRatePercent: rate });
        assert.ok(
          bill.taxIncludedTotal.equals(
            sum(
              bill.items.map((i) => i.taxIncludedAmount),
              'EUR',
            ),
          ),
        );
        assert.ok(bill.taxTotal.equals(bill.taxIncludedTotal.minus(bill.taxExcludedTotal)));
        for (const item of bill.items) {
          assert.ok(item.taxIncludedAmount.isRounded());
          const exact = item.amount.amount.times(rate.dividedBy(100).plus(1));
          assert.ok(item.taxIncludedAmount.amount.minus(exact).abs().lessThanOrEqualTo('0.005'));
        }
      }),
    );
  });
});
