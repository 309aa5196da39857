import assert from 'node:assert/strict';
import { Decimal } from 'decimal.js';
import type { Entity } from '../../tmf/data.ts';
import type { Usage } from '../../tmf/resources.ts';
import { FIGURE_8_MONTH } from '../../harness/drive/figure8.ts';
import { Bills } from './bills.ts';
import { type Actor, Task } from './core/actor.ts';
import { control, ecosystemRun, notes } from './core/cast.ts';
import { ownerKey, ServiceUseQuestions as Q, UsageRecord as R } from './figure8.ts';

const ALLOWANCE_MB = 5120;
const OVERAGE_PER_MB = '0.0125';
const sum = (values: readonly Decimal[]) => values.reduce((a, b) => a.plus(b), new Decimal(0));
const roleOfRecord = (u: Usage) => R.sharesOf(u).map((s) => s.payerRole);

/** The items of the driver's bill. */
async function driverBillLines(tester: Actor) {
  const [bill] = await tester.answer(Q.billsOf('driver'));
  return tester.answer(Q.ratesOf(bill));
}

/** What figure 8's scenarios expect, checked by the tester. */
export const ServiceUseChecks = {
  offered: () =>
    Task.where('#actor ensures offered', async (tester) => {
      const { inbox } = await tester.answer(Q.driver());
      const offers = inbox.filter((m) => m.topic === 'service-offer' && m.from === 'car-manufacturer');
      assert.equal(offers.length, 1, 'one service offer');
      const services = (offers[0].relatedEntity ?? []).filter((e) => e.role === 'serviceOffer');
      const catalog = await control(tester).served('TMF620.productOffering', 'car-manufacturer');
      assert.deepEqual(services.map((s) => s.id).sort(), catalog.map((o) => o.id).sort());
    }),

  newCustomer: () =>
    Task.where('#actor ensures new customer', async (tester) => {
      const { customers, accounts, owners } = await tester.answer(Q.driverAtCsp());
      assert.equal(customers.length, 1, 'one customer for the driver');
      assert.equal(accounts.length, 1, 'one consumer billing account for the driver');
      assert.equal(owners[ownerKey(accounts[0])], 'driver', "the account is the driver's, not the OEM's");
      const order = await tester.answer(Q.cspOrderFor3rdPartyPayer());
      assert.equal(order?.billingAccount, undefined, 'the OEM named no account: the CSP created it');
    }),

  orderedOnExistingAccount: () =>
    Task.where('#actor ensures ordered on existing account', async (tester) => {
      const { accounts } = await tester.answer(Q.driverAtCsp());
      const order = await tester.answer(Q.cspOrderFor3rdPartyPayer());
      assert.equal(order?.billingAccount?.id, accounts[0].id);
    }),

  noSecondCustomer: () =>
    Task.where('#actor ensures no second customer', async (tester) => {
      const { customers, accounts } = await tester.answer(Q.driverAtCsp());
      assert.equal(customers.length, 1);
      assert.equal(accounts.length, 1);
    }),

  orderCompletedAndNotified: () =>
    Task.where('#actor ensures order completed and notified', async (tester) => {
      const order = await tester.answer(Q.cspOrderFor3rdPartyPayer());
      assert.equal(order?.state, 'completed');
      const states = ecosystemRun(tester)
        .exchanges()
        .filter((e) => e.from === 'csp' && e.to === 'car-manufacturer' && e.path.endsWith('/listener/productOrderStateChangeEvent'))
        .map((e) => (e.request.body as { event: { productOrder: Entity } }).event.productOrder)
        .filter((o) => o.id === order?.id)
        .map((o) => o.state);
      assert.deepEqual(states, ['inProgress', 'completed']);
      const own = (await control(tester).served('TMF622.productOrder', 'car-manufacturer')).find((o) => o.externalId === order?.id);
      assert.equal(own?.state, 'completed', "the OEM's own order followed the CSP's");
    }),

  /** 8.3 → 8.8 at the OEM: its own TMF622 order followed the CSP's and was fulfilled by an active infotainment service of the driver's. */
  ownOrderFulfilled: () =>
    Task.where('#actor ensures own order fulfilled', async (tester) => {
      const cspOrder = await tester.answer(Q.cspOrderFor3rdPartyPayer());
      const own = (await control(tester).served('TMF622.productOrder', 'car-manufacturer')).find((o) => o.externalId === cspOrder?.id);
      assert.equal(own?.state, 'completed');
      const productRef = own?.productOrderItem[0]?.product;
      const product = (await control(tester).served('TMF637.product', 'car-manufacturer')).find((p) => p.id === productRef?.id);
      assert.equal(product?.status, 'active');
      assert.deepEqual(
        (product?.productRelationship ?? []).map((r) => r.product.id),
        [cspOrder?.id],
      );
      const owners = (await control(tester).state<{ owners: Record<string, string> }>('car-manufacturer')).owners;
      assert.deepEqual([owners[ownerKey(own!)], owners[ownerKey(product!)]], ['driver', 'driver'], "the driver's order and service, not a channel's");
      const party = own?.relatedParty?.[0]?.id;
      assert.ok(party, "the OEM's order names the party it is for");
      const bills = (await control(tester).served('TMF678.customerBill', 'car-manufacturer')).filter((b) =>
        JSON.stringify(b.relatedParty ?? []).includes(party),
      );
      assert.deepEqual(bills, [], 'the OEM bills nothing for it: the CSP bills the connectivity');
    }),

  subscriptionCollected: () =>
    Task.where('#actor ensures subscription collected', async (tester) => {
      const { accounts } = await tester.answer(Q.driverAtCsp());
      const id = await tester.answer(Q.subscription());
      const product = (await control(tester).served('TMF637.product', 'csp')).find((p) => p.id === id)!;
      assert.equal(product.status, 'active');
      assert.equal(product.billingAccount?.id, accounts[0].id);
      // Which account mediation collects for is internal to the CSP: only its own state shows it.
      assert.equal((await tester.answer(Q.csp())).usageCollections.at(-1)?.payers.thirdPartyPayer.id, accounts[0].id);
    }),

  ratedByClass: () =>
    Task.where('#actor ensures rated by class', async (tester) => {
      const usage = await tester.answer(Q.usage());
      assert.ok(usage.length > 0);
      for (const u of usage) {
        assert.equal(u.status, 'rated', `${u.id}`);
        assert.deepEqual(roleOfRecord(u), [u.usageType === 'infotainment' ? 'thirdPartyPayer' : 'buyer']);
      }
    }),

  infotainmentIncluded: () =>
    Task.where('#actor ensures infotainment included', async (tester) => {
      const infotainment = (await tester.answer(Q.usage())).filter((u) => u.usageType === 'infotainment');
      for (const u of infotainment) {
        assert.equal(R.sharesOf(u)[0]?.usageRatingTag, 'included usage');
        assert.equal(sum(R.sharesOf(u).map(R.amountOf)).toFixed(2), '0.00');
      }
    }),

  followedUp: () =>
    Task.where('#actor ensures followed up', async (tester) => {
      const oem = await tester.answer(Q.oem());
      assert.equal(oem.usageFollowUps.at(-1)?.records, (await tester.answer(Q.usage())).length);
    }),

  /** What crossed the wire to the OEM: its cars' records, with only the shares the OEM pays itself. */
  oemSawOnlyItsShares: () =>
    Task.where('#actor ensures oem saw only its shares', async (tester) => {
      const seen = ecosystemRun(tester)
        .exchanges()
        .filter((e) => e.from === 'car-manufacturer' && e.to === 'csp' && e.operation === 'GET usage' && e.status === 200)
        .flatMap((e) => e.response.body as Usage[]);
      const roles = seen.flatMap((u) => R.sharesOf(u).map((r) => r.payerRole));
      const driverShares = (await tester.answer(Q.usage())).flatMap(R.sharesOf).filter((r) => r.payerRole === 'thirdPartyPayer');
      assert.ok(seen.length > 0 && roles.includes('buyer'), 'the OEM saw records with its own shares');
      assert.ok(driverShares.length > 0, 'the driver does pay shares of these records');
      assert.deepEqual([...new Set(roles)], ['buyer'], 'no share the driver pays reached the OEM');
    }),

  oneBillEach: () =>
    Task.where('#actor ensures one bill each', async (tester) => {
      for (const owner of ['driver', 'car-manufacturer']) {
        const bills = (await tester.answer(Q.billsOf(owner))).filter((b) => Bills.periodOf(b) === FIGURE_8_MONTH);
        assert.equal(bills.length, 1, `one bill for ${owner}`);
      }
    }),

  monthlyFeeOnly: () =>
    Task.where('#actor ensures monthly fee only', async (tester) => {
      const names = (await driverBillLines(tester)).map((r) => String(r.name));
      assert.deepEqual(names, ['5 GB monthly fee (2026-01)']);
    }),

  overageRoundedPerRecord: (amount: string, beyondMB: number) =>
    Task.where('#actor ensures overage rounded per record', async (tester) => {
      const infotainment = (await tester.answer(Q.usage())).filter((u) => u.usageType === 'infotainment');
      const volumes = infotainment.map((u) => new Decimal(String(R.char(u, 'volumeMB'))));
      const chargeable = infotainment.map((u) => new Decimal(String(R.char(u, 'chargeableMB'))));
      assert.equal(sum(chargeable).toFixed(3), sum(volumes).minus(ALLOWANCE_MB).toFixed(3), 'chargeable = volume beyond the allowance');
      assert.equal(sum(chargeable).toFixed(3), new Decimal(beyondMB).toFixed(3));
      const expected = sum(chargeable.map((mb) => mb.times(OVERAGE_PER_MB).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)));
      const line = (await driverBillLines(tester)).find((r) => String(r.name).startsWith('Infotainment data usage'));
      assert.equal(expected.toFixed(2), amount, 'the records, each rounded half-up to the cent, add up to the amount the scenario states');
      assert.ok(line, 'the driver bill has an infotainment data usage line');
      assert.equal(new Decimal(String(line.taxExcludedAmount?.value)).toFixed(2), amount);
    }),

  allBilled: () =>
    Task.where('#actor ensures all billed', async (tester) => {
      for (const u of await tester.answer(Q.usage())) {
        assert.equal(u.status, 'billed', `${u.id}`);
        assert.ok(R.sharesOf(u).every((s) => s.isBilled));
      }
    }),

  toldOnce: () =>
    Task.where('#actor ensures told once', async (tester) => {
      const { inbox } = await tester.answer(Q.driver());
      const notices = inbox.filter((m) => m.topic === 'invoice-available' && m.from === 'csp');
      const [bill] = await tester.answer(Q.billsOf('driver'));
      assert.deepEqual(
        notices.map((n) => n.relatedEntity?.[0]?.id),
        [bill.id],
      );
    }),

  sharesAddUp: () =>
    Task.where('#actor ensures shares add up', async (tester) => {
      for (const u of await tester.answer(Q.usage())) {
        const shares = R.sharesOf(u);
        assert.ok(shares.length >= 1);
        const amount = new Decimal(String(R.char(u, 'chargeableMB')))
          .times(u.usageType === 'infotainment' ? OVERAGE_PER_MB : '0.02')
          .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        assert.equal(sum(shares.map(R.amountOf)).toFixed(2), amount.toFixed(2), `${u.id}`);
      }
    }),

  /**
   * The rated amount of the record of `mb` MB and what each payer pays of it, to the cent. Read over
   * TMF635 (what the CSP serves), not from its state.
   */
  recordCharged: (mb: number, amount: string, payers: Partial<Record<'buyer' | 'thirdPartyPayer', string>>) =>
    Task.where('#actor ensures record charged', async (tester) => {
      const items = await control(tester).list('TMF635', 'usage', { usageType: 'infotainment' }, 'csp');
      const records = items.filter((u) => Number(R.char(u, 'volumeMB')) === mb);
      assert.equal(records.length, 1, `one record of ${mb} MB`);
      const shares = R.sharesOf(records[0]);
      assert.equal(sum(shares.map(R.amountOf)).toFixed(2), amount, `the ${mb} MB record costs ${amount} EUR`);
      for (const [role, expected] of Object.entries(payers)) {
        assert.equal(sum(shares.filter((s) => s.payerRole === role).map(R.amountOf)).toFixed(2), expected, `${role} pays ${expected} EUR of it`);
      }
    }),

  duplicateRefused: () =>
    Task.where('#actor ensures duplicate refused', async (tester) => {
      const { usageSent } = await tester.answer(Q.driver());
      const last = usageSent.at(-1)!;
      assert.equal(last.httpStatus, 409);
      assert.equal(last.outcome, 'Duplicate usage record');
      assert.equal(usageSent.filter((s) => s.recordId === last.recordId).length, 2, 'the car did send it twice');
    }),

  receivedOnce: () =>
    Task.where('#actor ensures received once', async (tester) => {
      const ids = (await tester.answer(Q.usage())).map((u) => String(R.char(u, 'recordId')));
      assert.equal(new Set(ids).size, ids.length);
      const rated = (await ecosystemRun(tester).journals()).filter((j) => j.type === 'usage.rated').map((j) => (j.data as { recordId: string }).recordId);
      assert.equal(new Set(rated).size, rated.length);
      assert.equal(rated.length, ids.length);
    }),

  rejectedKept: () =>
    Task.where('#actor ensures rejected kept', async (tester) => {
      const { usageSent } = await tester.answer(Q.driver());
      const usage = await tester.answer(Q.usage());
      assert.ok(usageSent.length > 0);
      for (const sent of usageSent) {
        const record = usage.find((u) => R.char(u, 'recordId') === sent.recordId);
        assert.equal(record?.status, 'rejected');
        assert.match(String(R.char(record!, 'rejectionReason')), /unknown subscription product-9999/);
      }
    }),

  nothingRated: () =>
    Task.where('#actor ensures nothing rated', async (tester) => {
      for (const u of await tester.answer(Q.usage())) assert.equal(R.sharesOf(u).length, 0);
      assert.equal((await ecosystemRun(tester).journals()).filter((j) => j.type === 'usage.rated').length, 0);
    }),

  noItemTwice: () =>
    Task.where('#actor ensures no item twice', async (tester) => {
      const rates = await control(tester).served('TMF678.appliedCustomerBillingRate', 'csp');
      const keys = rates.map((r) => `${r.billingAccount?.id}|${String(r.name)}`);
      assert.equal(new Set(keys).size, keys.length);
      await tester.attemptsTo(ServiceUseChecks.allBilled());
    }),

  onlyOwnBill: () =>
    Task.where('#actor ensures only own bill', async (tester) => {
      const answer = notes(tester).read('answer');
      assert.equal(answer.status, 200);
      const own = await tester.answer(Q.billsOf('car-manufacturer'));
      assert.deepEqual(
        (answer.body as Entity[]).map((b) => b.id),
        own.map((b) => b.id),
      );
    }),
};
