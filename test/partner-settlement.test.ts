import assert from 'node:assert/strict';
import type { SettlementNoteAdvice } from '../tmf/resources.ts';
import { describe, test } from 'node:test';
import { Money } from '../core/money.ts';
import { partnerNotePatch, reviewPartnerNote } from '../core/partner-settlement-check.ts';
import { checkSettlementPayment } from '../core/settlement-payment-check.ts';
import type { Entity } from '../tmf/data.ts';
import { revisedPartnerNote } from '../actors/car-manufacturer/domain/partner-settlement-notes.ts';

const records = { products: new Map([['prod-1', new Money('4.99', 'EUR')]]), taxRatePercent: '20' };
const note = (items: [string, string, number, number][]) => ({
  id: 'n1',
  currencyCode: 'EUR',
  state: 'issued',
  taxExcludedAmount: items.reduce((a, [, , net]) => a + net * 100, 0) / 100,
  taxIncludedAmount: items.reduce((a, [, , , gross]) => a + gross * 100, 0) / 100,
  settlementNoteItem: items.map(([itemId, product, net, gross]) => ({
    itemId,
    taxExcludedAmount: net,
    taxIncludedAmount: gross,
    productSpecification: { productNumber: product },
  })),
});

describe('a payee judges the settlement note of its converged-offer share by its own records', () => {
  test('accepts an item for a product it delivered, at most its monthly share, taxed at 20 % to the cent', () => {
    assert.equal(reviewPartnerNote(note([['r1', 'prod-1', 4.99, 5.99]]), records).decision, 'accepted');
    assert.equal(reviewPartnerNote(note([['r1', 'prod-1', 3.54, 4.25]]), records).decision, 'accepted', 'a prorated month: 22 of 31 days');
  });

  test('disputes, item by item: a product it never delivered, more than its share, wrong tax', () => {
    const review = reviewPartnerNote(
      note([
        ['r1', 'prod-1', 4.99, 5.99],
        ['r2', 'prod-9', 4.99, 5.99],
        ['r3', 'prod-1', 5.0, 6.0],
        ['r4', 'prod-1', 4.0, 4.81],
      ]),
      records,
    );
    assert.equal(review.decision, 'disputed');
    assert.deepEqual(Object.keys(review.disputed), ['r2', 'r3', 'r4']);
    assert.match(review.disputed.r3, /5\.00 EUR is more than the monthly share of 4\.99 EUR/);
    assert.match(review.disputed.r4, /makes 4\.80 EUR, not 4\.81 EUR/);
    const patch = partnerNotePatch(
      note([
        ['r1', 'prod-1', 4.99, 5.99],
        ['r2', 'prod-9', 4.99, 5.99],
      ]),
      review,
    ) as { state: string; settlementNoteItem: { itemId: string; disputeReason?: string }[] };
    assert.equal(patch.state, 'disputed');
    assert.deepEqual(
      patch.settlementNoteItem.map((i) => [i.itemId, i.disputeReason !== undefined]),
      [
        ['r1', false],
        ['r2', true],
      ],
    );
  });

  test('disputes totals that are not the sums of the items', () => {
    const review = reviewPartnerNote({ ...note([['r1', 'prod-1', 4.99, 5.99]]), taxIncludedAmount: 6.5 }, records);
    assert.deepEqual(review.reasons, ['the items add up to 5.99 EUR (taxIncludedAmount), the note says 6.50 EUR']);
  });

  test('a payment is taken only against an accepted note, for its amount with tax, once', () => {
    const accepted = { ...note([['r1', 'prod-1', 4.99, 5.99]]), state: 'accepted' } as unknown as Entity;
    const pay = (value: number) =>
      ({ id: 'p', totalAmount: { unit: 'EUR', value }, paymentItem: [{ item: { id: 'n1', '@referredType': 'SettlementNoteAdvice' } }] }) as unknown as Entity;
    assert.throws(() => checkSettlementPayment(pay(4.99), [accepted], []), /not 4\.99/);
    assert.equal(checkSettlementPayment(pay(5.99), [accepted], []).id, 'n1');
    assert.throws(() => checkSettlementPayment(pay(5.99), [accepted], [pay(5.99)]), /already paid/);
    assert.throws(() => checkSettlementPayment(pay(5.99), [{ ...accepted, state: 'disputed' }], []), /only an accepted advice is paid/);
  });
});

describe('a licence owed for a whole month begun, and the OEM revising a disputed note', () => {
  const licence = { ...records, wholeMonths: true };

  test('a payee whose agreement owes whole months disputes a prorated share, and only that', () => {
    const review = reviewPartnerNote(
      note([
        ['r1', 'prod-1', 4.99, 5.99],
        ['r2', 'prod-1', 3.54, 4.25],
      ]),
      licence,
    );
    assert.deepEqual(review.disputed, { r2: 'item r2: the share of 4.99 EUR is owed in full for a month begun, not 3.54 EUR' });
    assert.equal(reviewPartnerNote(note([['r2', 'prod-1', 3.54, 4.25]]), records).decision, 'accepted', 'connectivity is owed by the day');
  });

  test("the revision raises a disputed prorated item to the month's share, lets a disputed full share stand, and leaves the rest exactly", () => {
    const issued = note([
      ['r1', 'prod-1', 3.54, 4.25],
      ['r2', 'prod-2', 2.1, 2.52],
      ['r3', 'prod-1', 4.99, 5.99],
    ]);
    const disputed = {
      ...issued,
      state: 'disputed',
      disputeReason: 'prorated licence',
      settlementNoteItem: issued.settlementNoteItem.map((i) =>
        i.itemId === 'r2' ? i : { ...i, itemLabel: `Music access ${i.itemId}`, disputeReason: 'owed in full' },
      ),
    } as unknown as SettlementNoteAdvice;
    const shares: Record<string, Money> = { 'prod-1': new Money('4.99', 'EUR'), 'prod-2': new Money('3.00', 'EUR') };
    const revised = revisedPartnerNote(disputed, (product) => shares[product]);
    const items = revised.settlementNoteItem as {
      itemId: string;
      itemNumber: string;
      itemLabel?: string;
      taxExcludedAmount: number;
      taxIncludedAmount: number;
      disputeReason?: string;
    }[];
    assert.deepEqual(
      items.map((i) => [i.itemNumber, i.itemId, i.taxExcludedAmount, i.taxIncludedAmount, i.itemLabel, i.disputeReason]),
      [
        ['1', 'r1', 4.99, 5.99, "Music access r1 — raised from 3.54 EUR to the month's share after dispute", undefined],
        // Not disputed: untouched, although below its share.
        ['2', 'r2', 2.1, 2.52, undefined, undefined],
        ['3', 'r3', 4.99, 5.99, 'Music access r3 — dispute examined, amount stands', undefined],
      ],
    );
    assert.deepEqual(
      [revised.state, revised.revision, revised.taxExcludedAmount, revised.taxIncludedAmount, revised.disputeReason],
      ['revised', 1, 12.08, 14.5, undefined],
    );
    assert.deepEqual(revised.taxItem, [{ taxCategory: 'VAT', taxRate: 0.2, taxAmount: 2.42 }]);
  });
});
