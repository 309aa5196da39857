import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { parsePeriodId } from '../core/billing-period.ts';
import { fromTmf, sum } from '../core/money.ts';
import { collection, type Entity } from '../tmf/data.ts';
import { hrefOf, newEntityId } from '../tmf/resource.ts';
import { DomainError } from '../core/domain-error.ts';
import { toTmfError } from '../tmf/errors.ts';
import { cspDefaults, type CspData } from '../actors/csp/store.ts';
import { onboardPartner } from '../actors/csp/domain/onboarding.ts';
import { advanceMediation, mediate, receiveUsage } from '../actors/csp/domain/mediation.ts';
import { recurringLines, runBillingCycle } from '../actors/csp/domain/billing-cycle.ts';
import { markUsageBilled, usageLinesOf } from '../actors/csp/domain/usage-billing.ts';
import { UsageBook } from '../actors/csp/usage-book/book.ts';
import { usageRecords } from '../actors/driver/domain/usage-records.ts';
import { subscribeDriverAtCsp } from '../mocks/csp-seed.ts';

const START = new Date('2026-01-01T08:00:00Z');
const JANUARY = parsePeriodId('2026-01');
const END = new Date('2026-02-01T00:00:00Z');

/** A CSP with the OEM onboarded and one driver subscribed to the 5 GB package, default split; its usage book in memory. */
function subscribedCsp(criteria?: object): { draft: CspData; book: UsageBook; product: string } {
  const draft = cspDefaults(START);
  onboardPartner(draft, 'car-manufacturer', 'Car manufacturer', START, 's', 'http://x');
  const product = subscribeDriverAtCsp(draft, { givenName: 'Ada', familyName: 'Lovelace', email: 'ada@example.com' }, START, criteria);
  return { draft, book: UsageBook.open({ kind: 'memory' }), product };
}

/** What the book staged is committed, as a store update would. */
function committed<R>(draft: CspData, book: UsageBook, result: R): R {
  book.prepare(draft);
  book.commit();
  return result;
}

/** A record mediated and kept in the book, as the batch intake does; returns it as the book holds it. */
function send(draft: CspData, book: UsageBook, body: Record<string, unknown>): Entity {
  const id = newEntityId(draft, 'TMF635', 'usage');
  const received = { ...body, id, href: hrefOf('TMF635', 'usage', id), '@type': 'Usage' } as Entity;
  const { usage } = mediate(draft, book, received, START);
  book.add(draft, usage, undefined);
  return committed(draft, book, usage);
}

/** The record as the book holds it now. */
const stored = (book: UsageBook, usage: Entity) => book.get(undefined, usage.id)!;

const drive = (product: string, infotainmentMB: number, telematicsMB: number, seed = 7) =>
  usageRecords({
    subscription: product,
    vehicleId: 'VIN1',
    period: JANUARY,
    infotainmentMB,
    telematicsMB,
    sessions: { infotainment: 8, telematics: 4 },
    seed,
    firstRecord: 1,
  });

describe('mediation', () => {
  it('guides, rates and splits each record: received → rated with one share per payer', () => {
    const { draft, book, product } = subscribedCsp();
    const usage = drive(product, 6000, 40).map((r) => send(draft, book, r));
    assert.ok(usage.every((u) => u.status === 'rated'));
    const charged = usage
      .filter((u) => u.usageType === 'infotainment')
      .flatMap((u) => u.ratedProductUsage as { payerRole: string; taxExcludedRatingAmount: { unit: string; value: number } }[]);
    assert.ok(charged.every((s) => s.payerRole === 'thirdPartyPayer'));
    assert.ok(
      sum(
        charged.map((s) => fromTmf(s.taxExcludedRatingAmount)),
        'EUR',
      ).amount.greaterThan(10.9),
    );
  });

  it('refuses a record id already seen (409) and rates nothing more', () => {
    const { draft, book, product } = subscribedCsp();
    const [first] = drive(product, 100, 1);
    send(draft, book, first);
    assert.throws(
      () => mediate(draft, book, { ...first, id: 'x', href: 'x', '@type': 'Usage' } as Entity, START),
      (e: unknown) => e instanceof DomainError && toTmfError(e).status === 409 && e.code === 'DUPLICATE_USAGE',
    );
  });

  it('keeps a record for an unknown subscription as rejected, with the reason, and rates nothing', () => {
    const { draft, book } = subscribedCsp();
    const [record] = drive('product-9999', 100, 1);
    const usage = send(draft, book, record);
    assert.equal(usage.status, 'rejected');
    assert.match(String(usage.description), /unknown subscription product-9999/);
    assert.equal(usage.ratedProductUsage, undefined);
  });

  it('stores each state on its own: received (nothing guided yet), guided to its payers, then rated', () => {
    const { draft, book, product } = subscribedCsp();
    const [record] = drive(product, 100, 1);
    const received = receiveUsage(book, { ...record, id: 'u1', href: 'u1', '@type': 'Usage' } as Entity);
    assert.equal(received.usage.status, 'received');
    assert.equal(received.usage.relatedParty, undefined, 'received: not yet guided to anyone');
    const guided = advanceMediation(draft, received.usage, START);
    assert.equal(guided.usage.status, 'guided');
    assert.deepEqual((guided.usage.relatedParty as { role: string }[]).map((p) => p.role).sort(), ['buyer', 'thirdPartyPayer']);
    assert.equal(guided.owner, 'car-manufacturer', "guided to the subscription of the OEM's car: the OEM may see it");
    assert.equal(guided.usage.ratedProductUsage, undefined, 'guided: not yet rated');
    const rated = advanceMediation(draft, guided.usage, START);
    assert.equal(rated.usage.status, 'rated');
    assert.equal(rated.shares.length, 1);
    assert.equal(advanceMediation(draft, rated.usage, START).usage, rated.usage, 'a rated record moves no further');
  });

  it('rejects at guiding a record whose subscription mediation does not collect, naming it', () => {
    const { draft, book } = subscribedCsp();
    const [record] = drive('product-9999', 100, 1);
    const received = receiveUsage(book, { ...record, id: 'u1', href: 'u1', '@type': 'Usage' } as Entity);
    const guided = advanceMediation(draft, received.usage, START);
    assert.equal(guided.usage.status, 'rejected');
    assert.equal(guided.owner, undefined);
  });

  it('refuses a record without its id or volume (400)', () => {
    const { draft, book, product } = subscribedCsp();
    const [record] = drive(product, 100, 1);
    assert.throws(
      () => mediate(draft, book, { ...record, usageCharacteristic: [], id: 'x', href: 'x', '@type': 'Usage' } as Entity, START),
      (e: unknown) => e instanceof DomainError && toTmfError(e).status === 400,
    );
  });
});

describe('bill assembly with usage', () => {
  const billMonth = (draft: CspData, book: UsageBook, month: string, now: Date) => {
    const period = parsePeriodId(month);
    const bills = runBillingCycle(draft, period, now, [recurringLines, usageLinesOf(book)]);
    for (const account of collection(draft, 'TMF666', 'billingAccount'))
      markUsageBilled(
        book,
        account,
        period,
        bills.some((b) => (b.billingAccount as Entity).id === account.id),
      );
    return committed(draft, book, bills);
  };
  const run = (draft: CspData, book: UsageBook) => billMonth(draft, book, '2026-01', END);
  const criteria = fc.oneof(
    fc.constant(undefined),
    fc
      .integer({ min: 0, max: 9000 })
      .map((t) => ({ basis: 'volumeThreshold', thresholdMB: t, belowThresholdPayerRole: 'buyer', aboveThresholdPayerRole: 'thirdPartyPayer' })),
    fc.integer({ min: 1, max: 99 }).map((p) => ({
      basis: 'percentage',
      shares: [
        { payerRole: 'buyer', percent: p },
        { payerRole: 'thirdPartyPayer', percent: 100 - p },
      ],
    })),
  );

  it('property: bill total = sum of items, every share billed exactly once, a second run bills nothing', () => {
    fc.assert(
      fc.property(criteria, fc.integer({ min: 0, max: 12_000 }), fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 1000 }), (c, info, tel, seed) => {
        const { draft, book, product } = subscribedCsp(c);
        const usage = drive(product, info, tel, seed).map((r) => send(draft, book, r));
        const shares = usage.flatMap((u) => u.ratedProductUsage as { taxExcludedRatingAmount: { unit: string; value: number } }[]);
        const bills = run(draft, book);
        assert.ok(bills.length >= 1, 'the driver always has its monthly fee');
        const rates = collection(draft, 'TMF678', 'appliedCustomerBillingRate');
        for (const bill of bills) {
          const items = rates.filter((r) => (r.bill as { id: string }).id === bill.id);
          for (const field of ['taxExcludedAmount', 'taxIncludedAmount'] as const) {
            assert.ok(
              sum(
                items.map((r) => fromTmf(r[field] as { unit: string; value: number })),
                'EUR',
              ).equals(fromTmf(bill[field] as { unit: string; value: number })),
            );
          }
        }
        const usageItems = rates.filter((r) => String(r.name).includes('data usage'));
        const billedUsage = sum(
          usageItems.map((r) => fromTmf(r.taxExcludedAmount as { unit: string; value: number })),
          'EUR',
        );
        assert.ok(
          billedUsage.equals(
            sum(
              shares.map((s) => fromTmf(s.taxExcludedRatingAmount)),
              'EUR',
            ),
          ),
          'every share on a bill, none twice',
        );
        assert.ok(usage.every((u) => stored(book, u).status === 'billed'));
        assert.ok(
          usage.every((u) => (stored(book, u).ratedProductUsage as { isBilled: boolean }[]).every((s) => s.isBilled)),
          'every share reads billed',
        );
        assert.deepEqual(run(draft, book), []);
        assert.equal(collection(draft, 'TMF678', 'appliedCustomerBillingRate').length, rates.length);
      }),
      { numRuns: 40 },
    );
  });

  it("a record that arrives after its month was billed goes on the next month's bill, on a line of its own month, once", () => {
    const { draft, book, product } = subscribedCsp();
    drive(product, 6000, 40).map((r) => send(draft, book, r));
    run(draft, book);
    const januaryRates = collection(draft, 'TMF678', 'appliedCustomerBillingRate').length;
    const late = usageRecords({
      subscription: product,
      vehicleId: 'VIN1',
      period: JANUARY,
      infotainmentMB: 100,
      telematicsMB: 0,
      sessions: { infotainment: 1, telematics: 0 },
      seed: 7,
      firstRecord: 99,
    });
    const [usage] = late.map((r) => send(draft, book, r));
    assert.equal(
      (usage.ratedProductUsage as { taxExcludedRatingAmount: { value: number } }[])[0].taxExcludedRatingAmount.value,
      1.25,
      "100 MB beyond January's allowance at 0.0125",
    );
    assert.deepEqual(run(draft, book), [], 'January is billed already: the late record waits');
    assert.equal(stored(book, usage).status, 'rated');
    billMonth(draft, book, '2026-02', new Date('2026-03-01T00:00:00Z'));
    const lateLines = collection(draft, 'TMF678', 'appliedCustomerBillingRate')
      .slice(januaryRates)
      .filter((r) => String(r.name).includes('data usage'));
    assert.deepEqual(
      lateLines.map((r) => [r.name, (r.taxExcludedAmount as { value: number }).value]),
      [['Infotainment data usage (2026-01), received late', 1.25]],
    );
    assert.equal(stored(book, usage).status, 'billed');
    const again = billMonth(draft, book, '2026-03', new Date('2026-04-01T00:00:00Z'));
    assert.ok(
      again.every(
        (b) =>
          !collection(draft, 'TMF678', 'appliedCustomerBillingRate').some(
            (r) => (r.bill as { id: string }).id === b.id && String(r.name).includes('data usage'),
          ),
      ),
      'never billed twice',
    );
  });

  it('the volumes the car reports add up to what it was asked to drive, to the kilobyte', () => {
    const records = drive('p', 6000.5, 40);
    const total = records.reduce(
      (acc, r) => acc.plus(String((r.usageCharacteristic as { name: string; value: number }[]).find((c) => c.name === 'volumeMB')!.value)),
      new Decimal(0),
    );
    assert.equal(total.toFixed(3), '6040.500');
    assert.deepEqual(drive('p', 6000.5, 40), records, 'the same seed gives the same records');
  });
});
