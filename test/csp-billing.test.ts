import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parsePeriodId } from '../core/billing-period.ts';
import { fromTmf, sum } from '../core/money.ts';
import { runBillingCycle, recurringLines } from '../actors/csp/domain/billing-cycle.ts';
import { rateRecurringFees } from '../actors/csp/domain/recurring-charges.ts';
import { cspDefaults, type CspData } from '../actors/csp/store.ts';
import { collection, type Entity } from '../tmf/data.ts';
import { addEntity } from '../tmf/resource.ts';
import { DomainError } from '../core/domain-error.ts';
import { toTmfError } from '../tmf/errors.ts';

const JANUARY = parsePeriodId('2026-01');
const AFTER_JANUARY = new Date('2026-02-01T00:00:00Z');
type Amount = { unit: string; value: number };

/** A CSP with one partner account and subscriptions to the given offerings, started at `start`. */
function cspWith(offerIds: string[], start: string): { draft: CspData; account: Entity } {
  const draft = cspDefaults(new Date('2026-01-01T00:00:00Z'));
  const account = addEntity(
    draft,
    'TMF666',
    'billingAccount',
    { name: 'OEM', state: 'active', relatedParty: [{ id: 'car-manufacturer' }] },
    'car-manufacturer',
  );
  for (const offerId of offerIds) {
    const offering = collection(draft, 'TMF620', 'productOffering').find((o) => o.id === offerId)!;
    addEntity(
      draft,
      'TMF637',
      'product',
      {
        name: offering.name,
        status: 'active',
        startDate: start,
        billingAccount: { id: account.id, href: account.href },
        productPrice: (offering.productOfferingPrice ?? []).map((p) => ({ priceType: 'recurring', price: {}, productOfferingPrice: { id: p.id } })),
      },
      'car-manufacturer',
    );
  }
  return { draft, account };
}

test('a subscription active the whole month pays each recurring fee exactly', () => {
  const { draft } = cspWith(['po-partner-connectivity', 'po-split-billing'], '2025-12-15T00:00:00Z');
  const charges = rateRecurringFees(collection(draft, 'TMF637', 'product'), collection(draft, 'TMF620', 'productOfferingPrice'), JANUARY);
  assert.deepEqual(
    charges.map((c) => [c.amount.toString(), c.days]),
    [
      ['1200.00 EUR', '31/31'],
      ['310.00 EUR', '31/31'],
    ],
  );
});

test('a subscription starting on the 10th pays 22 of 31 days, rounded half-up per item', () => {
  const { draft } = cspWith(['po-partner-connectivity', 'po-infotainment-5gb'], '2026-01-10T09:30:00Z');
  const charges = rateRecurringFees(collection(draft, 'TMF637', 'product'), collection(draft, 'TMF620', 'productOfferingPrice'), JANUARY);
  // 1200 × 22/31 = 851.6129…; 9.99 × 22/31 = 7.0896…
  assert.deepEqual(
    charges.map((c) => c.amount.toString()),
    ['851.61 EUR', '7.09 EUR'],
  );
  assert.ok(charges.every((c) => c.days === '22/31'));
});

test('usage and allowance prices are not recurring fees', () => {
  const { draft } = cspWith(['po-infotainment-5gb'], '2025-12-01T00:00:00Z');
  const charges = rateRecurringFees(collection(draft, 'TMF637', 'product'), collection(draft, 'TMF620', 'productOfferingPrice'), JANUARY);
  assert.deepEqual(
    charges.map((c) => c.price.id),
    ['pop-infotainment-5gb-monthly'],
  );
});

test('the bill run is refused while the period is still running, and changes nothing', () => {
  const { draft } = cspWith(['po-split-billing'], '2026-01-01T00:00:00Z');
  assert.throws(
    () => runBillingCycle(draft, JANUARY, new Date('2026-01-31T23:59:59Z'), [recurringLines]),
    (e: unknown) => e instanceof DomainError && toTmfError(e).status === 409,
  );
  assert.equal(collection(draft, 'TMF678', 'customerBill').length, 0);
});

test('one bill per account and period, owned like its account; a second run adds nothing', () => {
  const { draft, account } = cspWith(['po-partner-connectivity', 'po-split-billing'], '2026-01-01T00:00:00Z');
  const bills = runBillingCycle(draft, JANUARY, AFTER_JANUARY, [recurringLines]);
  assert.equal(bills.length, 1);
  assert.equal(draft.owners[bills[0].href], draft.owners[account.href]);
  assert.deepEqual(runBillingCycle(draft, JANUARY, AFTER_JANUARY, [recurringLines]), []);
  assert.equal(collection(draft, 'TMF678', 'customerBill').length, 1);
  assert.equal(collection(draft, 'TMF678', 'appliedCustomerBillingRate').length, 2);
});

test('property: for any start day, the bill totals equal the sums of its items, with and without tax', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 31 }),
      fc.subarray(['po-partner-connectivity', 'po-split-billing', 'po-infotainment-5gb', 'po-infotainment-20gb', 'po-telematics', 'po-mobile-unlimited'], {
        minLength: 1,
      }),
      (day, offers) => {
        const { draft } = cspWith(offers, `2026-01-${String(day).padStart(2, '0')}T12:00:00Z`);
        const [bill] = runBillingCycle(draft, JANUARY, AFTER_JANUARY, [recurringLines]);
        const items = collection(draft, 'TMF678', 'appliedCustomerBillingRate').filter((r) => (r.bill as Entity).id === bill.id);
        assert.equal(items.length, offers.length);
        for (const field of ['taxExcludedAmount', 'taxIncludedAmount'] as const) {
          assert.ok(
            sum(
              items.map((i) => fromTmf(i[field] as Amount)),
              'EUR',
            ).equals(fromTmf(bill[field] as Amount)),
            field,
          );
        }
      },
    ),
    { numRuns: 60 },
  );
});
