import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeriodId } from '../core/billing-period.ts';
import { money } from '../core/money.ts';
import { buildTmfBill, isBilledFor, type BillRequest } from '../core/tmf-bill.ts';

const JANUARY = parsePeriodId('2026-01');
const NOW = new Date('2026-02-01T00:00:00Z');

function request(overrides: Partial<BillRequest<unknown>> = {}): BillRequest<unknown> {
  let n = 0;
  return {
    billNo: 'X-2026-01-00001',
    period: JANUARY,
    now: NOW,
    currency: 'EUR',
    taxRatePercent: '20',
    lines: [
      { name: 'a', amount: money('10.01', 'EUR'), product: { id: 'p1', href: '/p/p1' } },
      { name: 'b', amount: money('0.05', 'EUR') },
    ],
    newRef: (resource) => ({ id: `${resource}-${++n}`, href: `/${resource}/${n}` }),
    ...overrides,
  };
}

describe('buildTmfBill, the one TMF678 bill builder', () => {
  it('taxes each line on its own and totals the bill as the exact sum of its lines', () => {
    const { bill, rates } = buildTmfBill(request());
    // Each line rounded on its own (10.01 × 1.2 = 12.012 → 12.01, 0.05 × 1.2 = 0.06); the bill is their sum.
    assert.deepEqual(
      rates.map((r) => r.taxIncludedAmount),
      [
        { unit: 'EUR', value: 12.01 },
        { unit: 'EUR', value: 0.06 },
      ],
    );
    assert.deepEqual(bill.taxIncludedAmount, { unit: 'EUR', value: 12.07 });
    assert.deepEqual(bill.amountDue, bill.taxIncludedAmount);
    assert.deepEqual(bill.taxExcludedAmount, { unit: 'EUR', value: 10.06 });
    assert.deepEqual(bill.taxItem, [{ taxCategory: 'VAT', taxRate: 0.2, taxAmount: { unit: 'EUR', value: 2.01 } }]);
    assert.equal(bill.paymentDueDate, '2026-03-03T00:00:00.000Z');
  });

  it('links the bill and its rates both ways, with ids from the issuer (bill first)', () => {
    const { bill, rates } = buildTmfBill(request());
    assert.deepEqual([bill.id, ...rates.map((r) => r.id)], ['customerBill-1', 'appliedCustomerBillingRate-2', 'appliedCustomerBillingRate-3']);
    assert.deepEqual(
      bill.appliedCustomerBillingRate,
      rates.map((r) => ({ id: r.id, href: r.href })),
    );
    for (const r of rates) assert.deepEqual(r.bill, { id: bill.id, href: bill.href });
    assert.deepEqual(rates[0].product, { id: 'p1', href: '/p/p1' });
    assert.equal('product' in rates[1], false);
    assert.deepEqual(rates[1].periodCoverage, { startDateTime: '2026-01-01T00:00:00.000Z', endDateTime: '2026-02-01T00:00:00.000Z' });
  });

  it('names the billing account only when there is one (an invoice to a partner has none)', () => {
    assert.equal('billingAccount' in buildTmfBill(request()).bill, false);
    const { bill, rates } = buildTmfBill(request({ billingAccount: { id: 'ba-1', href: '/ba/1' } }));
    assert.deepEqual(bill.billingAccount, { id: 'ba-1', href: '/ba/1' });
    assert.deepEqual(rates[0].billingAccount, { id: 'ba-1', href: '/ba/1' });
  });

  it('refuses a line billed twice', () => {
    assert.throws(
      () =>
        buildTmfBill(
          request({
            lines: [
              { id: 't1', name: 'a', amount: money('1.00', 'EUR') },
              { id: 't1', name: 'b', amount: money('1.00', 'EUR') },
            ],
          }),
        ),
      /more than once/,
    );
  });
});

describe('isBilledFor', () => {
  const period = { startDateTime: '2026-01-01T00:00:00.000Z', endDateTime: '2026-02-01T00:00:00.000Z' };
  it('finds the account bill of the period, and is not thrown off by a bill without an account', () => {
    const partnerInvoice = { billNo: 'OEM-TT-2026-01', billingPeriod: period };
    assert.equal(isBilledFor([partnerInvoice], 'ba-1', JANUARY), false);
    assert.equal(isBilledFor([partnerInvoice, { billingAccount: { id: 'ba-1' }, billingPeriod: period }], 'ba-1', JANUARY), true);
    assert.equal(isBilledFor([{ billingAccount: { id: 'ba-2' }, billingPeriod: period }], 'ba-1', JANUARY), false);
    assert.equal(isBilledFor([{ billingAccount: { id: 'ba-1' }, billingPeriod: period }], 'ba-1', parsePeriodId('2026-02')), false);
  });
});
