import assert from 'node:assert/strict';
import { Bills } from './bills.ts';
import { Task } from './core/actor.ts';
import { control, notes } from './core/cast.ts';
import { PartnerQuestions as Q } from './figure7.ts';

/** What figure 7's scenarios expect, checked by the tester. */
export const PartnerChecks = {
  onboardedWithBundle: (bundle: string) =>
    Task.where(`#actor ensures the CSP onboarded the car manufacturer with ${bundle}`, async (tester) => {
      const onboarding = await tester.answer(Q.onboarding());
      assert.deepEqual(
        onboarding.credentials.map((c) => [c.party, c.bundle]),
        [['car-manufacturer', bundle]],
      );
      assert.equal(onboarding.organizations.length, 1, 'one organization for the partner');
      assert.equal(onboarding.accounts.length, 1, 'one billing account for the partner');
    }),

  subscriptionsActiveOnOwnAccount: () =>
    Task.where("#actor ensures the car manufacturer's subscriptions are active on its own account", async (tester) => {
      const { products, accounts } = await tester.answer(Q.onboarding());
      assert.deepEqual(products.map((p) => p.productOffering?.id).sort(), ['po-partner-connectivity', 'po-split-billing']);
      for (const product of products) {
        assert.equal(product.status, 'active');
        assert.equal(product.billingAccount?.id, accounts[0].id);
      }
    }),

  oneServiceOfferPerCspOffer: () =>
    Task.where("#actor ensures the car manufacturer's catalog has one offer per CSP offer", async (tester) => {
      const csp = await tester.answer(Q.cspLaunchedInfotainmentOffers());
      const oem = await tester.answer(Q.offeringsOf('car-manufacturer'));
      const basedOn = oem.map((o) => o.productOfferingRelationship?.[0]?.id).sort();
      assert.ok(csp.length >= 2, 'the CSP sells several infotainment connectivity offers');
      assert.deepEqual(basedOn, csp.map((o) => o.id).sort());
    }),

  onlyLaunchedInfotainmentOffersCameBack: () =>
    Task.where("#actor ensures only the CSP's launched infotainment offers came back", async (tester) => {
      const answer = notes(tester).read('answer');
      assert.equal(answer.status, 200);
      const returned = answer.body as { id: string }[];
      const all = await tester.answer(Q.offeringsOf('csp'));
      const expected = (await tester.answer(Q.cspLaunchedInfotainmentOffers())).map((o) => o.id).sort();
      assert.ok(all.length > expected.length, 'the catalog holds other offers too, so the filter had something to leave out');
      assert.deepEqual(returned.map((o) => o.id).sort(), expected);
    }),

  oneBillFor: (period: string) =>
    Task.where(`#actor ensures the CSP issued exactly one bill for ${period}`, async (tester) => {
      const { bills } = await tester.answer(Q.billsAtCsp());
      assert.equal(bills.filter((b) => Bills.periodOf(b) === period).length, 1);
    }),

  billTotalsEqualItems: () =>
    Task.where("#actor ensures every bill's total equals the sum of its items", async (tester) => {
      const { bills, rates } = await tester.answer(Q.billsAtCsp());
      assert.ok(bills.length > 0, 'there is a bill to check');
      for (const bill of bills) Bills.assertTotalsEqualItems(bill, rates);
    }),

  invoiceControlMatched: () =>
    Task.where("#actor ensures the car manufacturer's invoice control found its bill's items add up", async (tester) => {
      const checks = await tester.answer(Q.oemBillChecks());
      assert.equal(checks.length, 1, 'the OEM controlled one bill');
      assert.equal(checks[0].matches, true, `items ${checks[0].itemsTotal} vs bill ${checks[0].amount}`);
      assert.equal(checks[0].items, 2);
    }),

  feesProrated: (used: number, total: number) =>
    Task.where(`#actor ensures each monthly fee is charged for ${used} of ${total} days`, async (tester) => {
      const { rates } = await tester.answer(Q.billsAtCsp());
      const prices = await control(tester).served('TMF620.productOfferingPrice', 'csp');
      assert.ok(rates.length > 0);
      for (const rate of rates) Bills.assertProrated(rate, prices, used, total);
    }),
};
