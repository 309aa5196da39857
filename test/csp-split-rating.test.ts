import assert from 'node:assert/strict';
import type { Product } from '../tmf/resources.ts';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { money, sum } from '../core/money.ts';
import { splitRecord, checkCriteria, DEFAULT_CRITERIA, type SplitCriteria } from '../actors/csp/domain/split-billing.ts';
import { rateVolume, tariffFor, type UsageTariff } from '../actors/csp/domain/usage-rating.ts';
import { seedCatalog } from '../actors/csp/domain/catalog-seed.ts';

const tariff: UsageTariff = { allowanceMB: new Decimal(5120), perMB: money('0.0125', 'EUR'), priceId: 'pop-infotainment-5gb-overage' };
const range = (from: number, to: number) => ({ fromMB: new Decimal(from), toMB: new Decimal(to) });

describe('rating a usage record', () => {
  it('charges nothing within the allowance', () => {
    const r = rateVolume('1000', '3000', tariff);
    assert.equal(r.amount.toString(), '0.00 EUR');
    assert.equal(r.tag, 'included usage');
    assert.equal(r.includedMB.toFixed(), '1000');
  });

  it('charges only the part beyond the allowance, rounded half-up to the cent per record', () => {
    const r = rateVolume('100.2', '5100', tariff); // 80.2 MB × 0.0125 = 1.0025 → 1.00; 80.4 → 1.005 → 1.01
    assert.equal(r.chargeableMB.toFixed(), '80.2');
    assert.equal(r.amount.toString(), '1.00 EUR');
    assert.equal(rateVolume('100.4', '5100', tariff).amount.toString(), '1.01 EUR');
    assert.equal(r.tag, 'non included usage');
  });

  it('prices infotainment by the subscription, telematics by the catalog telematics offer', () => {
    const catalog = seedCatalog();
    const product: Product = { id: 'p', href: 'p', '@type': 'Product', status: 'active', productOffering: { id: 'po-infotainment-5gb' } };
    const info = tariffFor(product, 'infotainment', catalog['TMF620.productOffering'], catalog['TMF620.productOfferingPrice'])!;
    const tel = tariffFor(product, 'telematics', catalog['TMF620.productOffering'], catalog['TMF620.productOfferingPrice'])!;
    assert.equal(info.allowanceMB.toFixed(), '5120');
    assert.equal(info.perMB.toString(), '0.0125 EUR');
    assert.equal(tel.allowanceMB.toFixed(), '0');
    assert.equal(tel.perMB.toString(), '0.02 EUR');
  });

  it('property: included + chargeable = volume, and the amount is the rounded chargeable price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (vol, before) => {
        const v = new Decimal(vol).div(1000);
        const r = rateVolume(v, new Decimal(before).div(1000), tariff);
        assert.ok(r.includedMB.plus(r.chargeableMB).equals(v));
        assert.ok(r.amount.equals(money(r.chargeableMB.times('0.0125').toDecimalPlaces(2, Decimal.ROUND_HALF_UP), 'EUR')));
      }),
    );
  });
});

describe('splitting a rated record between payers', () => {
  const record = (amount: string, chargeable = range(5120, 5200), usageClass: 'infotainment' | 'telematics' = 'infotainment') => ({
    usageClass,
    amount: money(amount, 'EUR'),
    volume: range(5000, 5200),
    chargeable,
  });

  it('by default: infotainment to the 3rd party payer, telematics to the buyer', () => {
    assert.deepEqual(
      splitRecord(DEFAULT_CRITERIA, record('1.00')).map((s) => s.payerRole),
      ['thirdPartyPayer'],
    );
    assert.deepEqual(
      splitRecord(DEFAULT_CRITERIA, record('1.00', undefined, 'telematics')).map((s) => s.payerRole),
      ['buyer'],
    );
  });

  it('by volume threshold: the chargeable MB below the threshold to one payer, above to the other', () => {
    const criteria: SplitCriteria = {
      basis: 'volumeThreshold',
      thresholdMB: 5150,
      belowThresholdPayerRole: 'buyer',
      aboveThresholdPayerRole: 'thirdPartyPayer',
    };
    const shares = splitRecord(criteria, record('1.00'));
    assert.deepEqual(
      shares.map((s) => [s.payerRole, s.amount.toString()]),
      [
        ['buyer', '0.38 EUR'],
        ['thirdPartyPayer', '0.62 EUR'],
      ],
    );
    assert.deepEqual(
      splitRecord(criteria, record('1.00', range(6000, 6080))).map((s) => s.payerRole),
      ['thirdPartyPayer'],
    );
  });

  it('by percentage, telematics staying with the buyer', () => {
    const criteria: SplitCriteria = {
      basis: 'percentage',
      shares: [
        { payerRole: 'buyer', percent: 30 },
        { payerRole: 'thirdPartyPayer', percent: 70 },
      ],
    };
    assert.deepEqual(
      splitRecord(criteria, record('0.05')).map((s) => s.amount.toString()),
      ['0.02 EUR', '0.03 EUR'],
    );
    assert.deepEqual(
      splitRecord(criteria, record('0.05', undefined, 'telematics')).map((s) => s.payerRole),
      ['buyer'],
    );
  });

  it('refuses criteria naming a payer not on the order, or percentages not adding up to 100', () => {
    assert.throws(
      () =>
        checkCriteria(
          '1',
          {
            basis: 'percentage',
            shares: [
              { payerRole: 'buyer', percent: 30 },
              { payerRole: 'thirdPartyPayer', percent: 60 },
            ],
          },
          ['buyer', 'thirdPartyPayer'],
        ),
      /add up to 90/,
    );
    assert.throws(
      () => checkCriteria('1', { basis: 'usageClass', payerRoleByUsageClass: { infotainment: 'sponsor', telematics: 'buyer' } }, ['buyer']),
      /sponsor/,
    );
    assert.doesNotThrow(() => checkCriteria('1', DEFAULT_CRITERIA, ['buyer', 'thirdPartyPayer']));
  });

  const criteriaArb: fc.Arbitrary<SplitCriteria> = fc.oneof(
    fc.constant(DEFAULT_CRITERIA),
    fc
      .integer({ min: 0, max: 8000 })
      .map((t) => ({ basis: 'volumeThreshold' as const, thresholdMB: t, belowThresholdPayerRole: 'buyer', aboveThresholdPayerRole: 'thirdPartyPayer' })),
    fc.integer({ min: 1, max: 99 }).map((p) => ({
      basis: 'percentage' as const,
      shares: [
        { payerRole: 'buyer', percent: p },
        { payerRole: 'thirdPartyPayer', percent: 100 - p },
      ],
    })),
  );

  it('property: the shares of a record always sum to its amount exactly, one share per payer', () => {
    fc.assert(
      fc.property(
        criteriaArb,
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.integer({ min: 0, max: 500_000 }),
        fc.boolean(),
        (criteria, before, vol, cents, telematics) => {
          const from = new Decimal(before),
            to = from.plus(new Decimal(vol).div(1000));
          const chargeFrom = Decimal.max(from, 5120);
          const input = {
            usageClass: telematics ? ('telematics' as const) : ('infotainment' as const),
            amount: money(new Decimal(cents).div(100), 'EUR'),
            volume: { fromMB: from, toMB: to },
            chargeable: { fromMB: chargeFrom, toMB: Decimal.max(to, chargeFrom) },
          };
          const shares = splitRecord(criteria, input);
          assert.ok(
            sum(
              shares.map((s) => s.amount),
              'EUR',
            ).equals(input.amount),
          );
          assert.equal(new Set(shares.map((s) => s.payerRole)).size, shares.length);
          assert.ok(shares.every((s) => s.amount.isRounded() && !s.amount.amount.isNegative()));
        },
      ),
    );
  });
});
