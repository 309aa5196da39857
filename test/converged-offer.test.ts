import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { memberReasons, publicationReasons, settle, shareCoversPrice, shareReasons, type RevenueShare } from '../core/converged-offer.ts';
import { fromMinorUnits, money, sum } from '../core/money.ts';
import { applyReview, verifyAtCentral } from '../actors/car-manufacturer/domain/central-catalog.ts';
import { compatibilityReasons } from '../actors/car-manufacturer/domain/compatibility.ts';
import { verifyAsCsp } from '../actors/csp/domain/partner-offers.ts';
import { baseData, collection, type Entity } from '../tmf/data.ts';
import type { Product, ProductOffering } from '../tmf/resources.ts';
import { fulfilConvergedOrder } from '../actors/car-manufacturer/domain/converged-order.ts';
import { oemDefaults } from '../actors/car-manufacturer/store.ts';
import { applyDriverPayment } from '../actors/car-manufacturer/domain/driver-payment.ts';
import { monthlyFeeOf } from '../actors/car-manufacturer/domain/driver-billing.ts';
import { createBundle, createOwnOffer } from '../actors/content-provider/domain/converged-bundle.ts';
import { DomainError } from '../core/domain-error.ts';

const eur = (value: number) => ({ unit: 'EUR', value });
const offering = (id: string, extra: Record<string, unknown> = {}): Entity => ({ id, href: `/po/${id}`, '@type': 'ProductOffering', ...extra });
const central = (id: string, publisher: string, extra: Record<string, unknown> = {}) =>
  offering(id, { category: [{ id: 'cat-central-catalog', name: 'central-catalog' }], relatedParty: [{ id: publisher, role: 'publisher' }], ...extra });
const monthly = (value: number) => [{ id: 'pop', priceType: 'recurring', price: eur(value) }];
const share = (partyId: string, productOfferingId: string, value: number): RevenueShare => ({ partyId, productOfferingId, amount: eur(value) });

const cspOffer = central('po-1', 'csp', { isPartnerEligible: true, lifecycleStatus: 'Launched', productOfferingPrice: monthly(7.5) });
const bundle = (shares: RevenueShare[], members = ['cp-1', 'po-1'], price = 14.99) =>
  central('po-2', 'content-provider', {
    isBundle: true,
    bundledProductOffering: members.map((id) => ({ id })),
    productOfferingPrice: monthly(price),
    revenueShare: shares,
  });

describe('catalog verification (10.3, 10.8)', () => {
  it('publishes only partner-eligible, launched offers, listing every reason', () => {
    assert.deepEqual(publicationReasons(offering('x', { isPartnerEligible: true, lifecycleStatus: 'Launched' })), []);
    assert.deepEqual(publicationReasons(offering('x', { isPartnerEligible: false, lifecycleStatus: 'Retired' })), [
      'offering x is not partner-eligible',
      'offering x is Retired, not Launched',
    ]);
    assert.deepEqual(memberReasons('y', undefined), ['bundled offering y does not exist']);
  });

  it("approves a bundle of a central partner offer and the registrant's own offer", () => {
    assert.deepEqual(verifyAtCentral(bundle([share('content-provider', 'cp-1', 4.99), share('csp', 'po-1', 7.5)]), [cspOffer]), []);
  });

  it('rejects with every reason: a member outside the central catalog, a share below its price, shares above the price', () => {
    const reasons = verifyAtCentral(
      bundle([share('content-provider', 'cp-1', 9), share('csp', 'po-1', 7), share('csp', 'po-9', 1)], ['cp-1', 'po-1', 'po-9'], 15),
      [cspOffer],
    );
    assert.deepEqual(reasons, [
      'the share for po-1 (7.00 EUR) is below its price (7.50 EUR)',
      'bundled offering po-9 is not in the central catalog',
      'the shares (17.00 EUR) exceed the price (15.00 EUR)',
    ]);
  });

  it('tells members apart by the party their share names, not by id (ids are unique per catalog only)', () => {
    // The provider's own offer has the same id as the CSP's central offer.
    const same = bundle([share('content-provider', 'po-1', 4.99), share('csp', 'po-1', 7.5)], ['po-1', 'po-1']);
    assert.deepEqual(verifyAtCentral(same, [cspOffer]), []);
  });

  it('needs a share for every member and a price', () => {
    assert.deepEqual(shareReasons(undefined, [], []), ['the converged offering has no recurring price']);
    assert.deepEqual(shareReasons(money('10', 'EUR'), ['a', 'b'], [share('x', 'a', 1)]), ['bundled offering b has no revenue share']);
    assert.deepEqual(shareCoversPrice(undefined, money('1', 'EUR'), 'a'), ['bundled offering a has no revenue share']);
  });

  it('the CSP checks its own offers, found through the central catalog or by their CSP id', () => {
    const draft = baseData(new Date());
    draft.resources['TMF620.productOffering'] = [
      offering('csp-5gb', { isPartnerEligible: true, lifecycleStatus: 'Launched', productOfferingPrice: [{ id: 'pop-5' }] }),
      offering('csp-20gb', { isPartnerEligible: false, lifecycleStatus: 'Launched', productOfferingPrice: [{ id: 'pop-20' }] }),
    ];
    draft.resources['TMF620.productOfferingPrice'] = [
      { id: 'pop-5', href: '', '@type': 'ProductOfferingPrice', priceType: 'recurring', price: eur(7.5) },
      { id: 'pop-20', href: '', '@type': 'ProductOfferingPrice', priceType: 'recurring', price: eur(24.99) },
    ];
    const published = central('po-1', 'csp', { productOfferingRelationship: [{ id: 'csp-5gb', relationshipType: 'publishedFrom' }] });
    const good = bundle([share('csp', 'po-1', 7.5)]);
    assert.deepEqual(verifyAsCsp(good, [{ id: 'po-1', central: published }], draft), []);
    const bad = bundle([share('csp', 'csp-20gb', 5)]);
    assert.deepEqual(verifyAsCsp(bad, [{ id: 'csp-20gb' }], draft), [
      'bundled offering csp-20gb is not partner-eligible',
      'the share for csp-20gb (5.00 EUR) is below its price (24.99 EUR)',
    ]);
    assert.deepEqual(verifyAsCsp(bad, [{ id: 'other' }], draft), ['the converged offering bundles no CSP offering']);
  });

  it('launches only when both reviewers approved; one rejection rejects with its reasons', () => {
    const pending = bundle([]);
    const oemOk = applyReview(pending, { partyId: 'car-manufacturer', verdict: 'approved' });
    assert.equal(oemOk.lifecycleStatus, 'In test');
    assert.equal(applyReview(oemOk, { partyId: 'csp', verdict: 'approved' }).lifecycleStatus, 'Launched');
    const rejected = applyReview(oemOk, { partyId: 'csp', verdict: 'rejected', reason: ['a', 'b'] });
    assert.equal(rejected.lifecycleStatus, 'Rejected');
    assert.equal(rejected.statusReason, 'csp: a; b');
  });
});

describe('an offering without a recurring price (10.6, 11.2)', () => {
  const NOW = new Date('2026-03-02T08:00:00Z');
  const refusedWith = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;

  it('is not ordered: a 400 NO_PRICE before any customer is looked at, where a priced one gets to that check', () => {
    const orderOf = (prices: ProductOffering['productOfferingPrice']) => {
      const draft = oemDefaults(NOW);
      collection(draft, 'TMF620', 'productOffering').push(bundle([], ['cp-1', 'po-1'], 14.99), { ...bundle([]), id: 'po-9', productOfferingPrice: prices });
      for (const o of collection(draft, 'TMF620', 'productOffering')) o.lifecycleStatus = 'Launched';
      return () =>
        fulfilConvergedOrder(
          draft,
          { id: 'o-1', href: '/o/o-1' },
          { customerId: 'nobody', productOfferingId: 'po-9', channel: 'car-manufacturer' },
          NOW,
          () => {},
        );
    };
    assert.throws(orderOf([]), refusedWith('NO_PRICE'));
    assert.throws(orderOf(monthly(14.99)), refusedWith('NOT_FOUND'));
  });

  it('is not bundled by the content provider: a 400 NO_PRICE, where its own priced offer is', () => {
    const draft = baseData(NOW);
    const own = createOwnOffer(draft, { name: 'Music access', monthlyFee: '4.99', currency: 'EUR' }, NOW);
    const request = { name: 'Music and data', monthlyFee: '14.99', cspOffering: { id: 'po-1' } };
    assert.throws(() => createBundle(draft, { ...request, ownOffering: { ...own, productOfferingPrice: [] } }, NOW), refusedWith('NO_PRICE'));
    assert.equal(createBundle(draft, { ...request, ownOffering: own }, NOW).isBundle, true);
  });
});

describe("a driver's payment of the OEM's invoice (11.12)", () => {
  const NOW = new Date('2026-03-02T08:00:00Z');
  const billWith = (remaining?: { unit: string; value: number }) => {
    const draft = oemDefaults(NOW);
    const bill = {
      id: 'b-1',
      href: '/bill/b-1',
      '@type': 'CustomerBill',
      billNo: 'OEM-1',
      state: 'new' as const,
      ...(remaining ? { remainingAmount: remaining } : {}),
    };
    collection(draft, 'TMF678', 'customerBill').push(bill);
    draft.owners[bill.href] = 'driver';
    return draft;
  };
  const payment = {
    account: { id: 'ba-1' },
    paymentMethod: { id: 'card' },
    totalAmount: eur(4.99),
    paymentItem: [{ item: { id: 'b-1', '@referredType': 'CustomerBill' } }],
  };
  const refusedWith = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;

  it('pays down what remains due, and is refused (409 NOTHING_DUE) on a bill that states no remaining amount', () => {
    assert.equal(applyDriverPayment(billWith(eur(4.99)), payment, NOW).bill.state, 'settled');
    assert.throws(() => applyDriverPayment(billWith(), payment, NOW), refusedWith('NOTHING_DUE'));
  });

  it("bills a product's recorded monthly fee, and refuses (409 NO_PRICE) a product that records none", () => {
    assert.equal(monthlyFeeOf({ id: 'p-1', productPrice: [{ priceType: 'recurring', price: { dutyFreeAmount: eur(14.99) } }] }).toString(), '14.99 EUR');
    assert.throws(() => monthlyFeeOf({ id: 'p-2' }), refusedWith('NO_PRICE'));
  });
});

describe('compatibility rules (11.4)', () => {
  const product = (id: string, offeringId: string, status: Product['status']): Product => ({
    id,
    href: '',
    '@type': 'Product',
    status,
    productOffering: { id: offeringId },
  });

  it('refuses a second live subscription of the same offering, with a reason per clash', () => {
    assert.deepEqual(compatibilityReasons([product('p1', 'po-2', 'active')], 'po-2'), ['the customer already has product p1 of offering po-2 (status active)']);
    assert.equal(compatibilityReasons([product('p1', 'po-2', 'created'), product('p2', 'po-2', 'pendingActive')], 'po-2').length, 2);
  });

  it('allows another offering, or the same one once terminated or cancelled', () => {
    assert.deepEqual(
      compatibilityReasons([product('p1', 'po-3', 'active'), product('p2', 'po-2', 'terminated'), product('p3', 'po-2', 'cancelled')], 'po-2'),
      [],
    );
  });
});

describe('settlement shares (11.12)', () => {
  it('a full month at the list price pays every partner exactly its share', () => {
    const { shares, margin } = settle(money('14.99', 'EUR'), money('14.99', 'EUR'), [share('content-provider', 'a', 4.99), share('csp', 'b', 7.5)]);
    assert.deepEqual(
      shares.map((s) => s.amount.toString()),
      ['4.99 EUR', '7.50 EUR'],
    );
    assert.equal(margin.toString(), '2.50 EUR');
  });

  it('refuses shares above the price', () => {
    assert.throws(() => settle(money('10', 'EUR'), money('10', 'EUR'), [share('x', 'a', 11)]), /exceed/);
  });

  const scenario = fc
    .record({
      price: fc.integer({ min: 1, max: 1_000_000 }),
      split: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 4 }),
      paidPermille: fc.integer({ min: 0, max: 1000 }),
    })
    .map(({ price, split, paidPermille }) => {
      // Shares take up to the whole price, in proportion to `split`; the driver paid a part of the price (proration).
      const total = split.reduce((a, b) => a + b, 0) || 1;
      const shareCents = split.map((w) => Math.floor((price * w) / (total + 1)));
      return {
        price: fromMinorUnits(BigInt(price), 'EUR'),
        shares: shareCents.map((c, i) => share(`p${i}`, `o${i}`, c / 100)),
        paid: fromMinorUnits(BigInt(Math.floor((price * paidPermille) / 1000)), 'EUR'),
      };
    });

  it('shares plus the margin equal what the driver paid, exactly, each within a cent of its proportional part', () => {
    fc.assert(
      fc.property(scenario, ({ price, shares, paid }) => {
        const result = settle(paid, price, shares);
        assert.ok(sum([...result.shares.map((s) => s.amount), result.margin], 'EUR').equals(paid));
        result.shares.forEach((s, i) => {
          const exact = paid.amount.times(String(shares[i].amount.value)).dividedBy(price.amount);
          assert.ok(s.amount.amount.minus(exact).abs().lessThan('0.01'), `${s.amount.toString()} vs ${exact.toString()}`);
          assert.ok(s.amount.isRounded());
        });
      }),
      { numRuns: 300 },
    );
  });

  it('paid at the list price, every partner gets exactly its share', () => {
    fc.assert(
      fc.property(scenario, ({ price, shares }) => {
        const result = settle(price, price, shares);
        result.shares.forEach((s, i) => {
          assert.equal(s.amount.toTmf().value, shares[i].amount.value);
        });
      }),
      { numRuns: 300 },
    );
  });
});
