import assert from 'node:assert/strict';
import { Decimal } from 'decimal.js';
import type { Entity } from '../../tmf/data.ts';
import { FIGURE_8_MONTH } from '../../harness/drive/figure8.ts';
import { Bills } from './bills.ts';
import { ownerKey, ServiceUseQuestions as Q } from './figure8.ts';
import type { HarnessWorld } from '../support/world.ts';

const ALLOWANCE_MB = 5120;
const OVERAGE_PER_MB = '0.0125';
const sum = (values: readonly Decimal[]) => values.reduce((a, b) => a.plus(b), new Decimal(0));
const roleOfRecord = (u: Entity) => Q.sharesOf(u).map((s) => s.payerRole);

/** What figure 8's scenarios expect, each check reading the parties' state. */
export const ServiceUseChecks = {
  async offered(world: HarnessWorld) {
    const { inbox } = await Q.driver(world);
    const offers = inbox.filter((m) => m.topic === 'service-offer' && m.from === 'car-manufacturer');
    assert.equal(offers.length, 1, 'one service offer');
    const services = (offers[0].relatedEntity ?? []).filter((e) => e.role === 'serviceOffer');
    const catalog = await world.served('car-manufacturer', 'TMF620.productOffering');
    assert.deepEqual(services.map((s) => s.id).sort(), catalog.map((o) => o.id).sort());
  },

  async newCustomer(world: HarnessWorld) {
    const { customers, accounts, owners } = await Q.driverAtCsp(world);
    assert.equal(customers.length, 1, 'one customer for the driver');
    assert.equal(accounts.length, 1, 'one consumer billing account for the driver');
    assert.equal(owners[ownerKey(accounts[0])], 'driver', "the account is the driver's, not the OEM's");
    const order = await Q.cspOrderFor3rdPartyPayer(world);
    assert.equal(order?.billingAccount, undefined, 'the OEM named no account: the CSP created it');
  },

  async orderedOnExistingAccount(world: HarnessWorld) {
    const { accounts } = await Q.driverAtCsp(world);
    const order = await Q.cspOrderFor3rdPartyPayer(world);
    assert.equal((order?.billingAccount as { id: string } | undefined)?.id, accounts[0].id);
  },

  async noSecondCustomer(world: HarnessWorld) {
    const { customers, accounts } = await Q.driverAtCsp(world);
    assert.equal(customers.length, 1);
    assert.equal(accounts.length, 1);
  },

  async orderCompletedAndNotified(world: HarnessWorld) {
    const order = await Q.cspOrderFor3rdPartyPayer(world);
    assert.equal(order?.state, 'completed');
    const states = world.ecosystem.recorder
      .exchangesOf(world.ecosystem.recorder.scenario)
      .filter((e) => e.from === 'csp' && e.to === 'car-manufacturer' && e.path.endsWith('/listener/productOrderStateChangeEvent'))
      .map((e) => (e.request.body as { event: { productOrder: Entity } }).event.productOrder)
      .filter((o) => o.id === order?.id)
      .map((o) => o.state);
    assert.deepEqual(states, ['inProgress', 'completed']);
    const own = (await world.served('car-manufacturer', 'TMF622.productOrder')).find((o) => o.externalId === order?.id);
    assert.equal(own?.state, 'completed', "the OEM's own order followed the CSP's");
  },

  /** 8.3 → 8.8 at the OEM: its own TMF622 order followed the CSP's and was fulfilled by an active infotainment service of the driver's. */
  async ownOrderFulfilled(world: HarnessWorld) {
    const cspOrder = await Q.cspOrderFor3rdPartyPayer(world);
    const own = (await world.served('car-manufacturer', 'TMF622.productOrder')).find((o) => o.externalId === cspOrder?.id);
    assert.equal(own?.state, 'completed');
    const productRef = (own!.productOrderItem as { product?: { id: string } }[])[0].product;
    const product = (await world.served('car-manufacturer', 'TMF637.product')).find((p) => p.id === productRef?.id);
    assert.equal(product?.status, 'active');
    assert.deepEqual(
      (product!.productRelationship as { product: { id: string } }[]).map((r) => r.product.id),
      [cspOrder?.id],
    );
    const owners = (await world.state<{ owners: Record<string, string> }>('car-manufacturer')).owners;
    assert.deepEqual([owners[ownerKey(own!)], owners[ownerKey(product!)]], ['driver', 'driver'], "the driver's order and service, not a channel's");
    const bills = (await world.served('car-manufacturer', 'TMF678.customerBill')).filter((b) =>
      JSON.stringify(b.relatedParty ?? []).includes(String((own!.relatedParty as { id: string }[])[0].id)),
    );
    assert.deepEqual(bills, [], 'the OEM bills nothing for it: the CSP bills the connectivity');
  },

  async subscriptionCollected(world: HarnessWorld) {
    const { accounts } = await Q.driverAtCsp(world);
    const id = await Q.subscription(world);
    const product = (await world.served('csp', 'TMF637.product')).find((p) => p.id === id)!;
    assert.equal(product.status, 'active');
    assert.equal((product.billingAccount as { id: string }).id, accounts[0].id);
    // Which account mediation collects for is internal to the CSP: only its own state shows it.
    assert.equal((await Q.csp(world)).usageCollections.at(-1)?.payers.thirdPartyPayer.id, accounts[0].id);
  },

  async ratedByClass(world: HarnessWorld) {
    const usage = await Q.usage(world);
    assert.ok(usage.length > 0);
    for (const u of usage) {
      assert.equal(u.status, 'rated', `${u.id}`);
      assert.deepEqual(roleOfRecord(u), [u.usageType === 'infotainment' ? 'thirdPartyPayer' : 'buyer']);
    }
  },

  async infotainmentIncluded(world: HarnessWorld) {
    const infotainment = (await Q.usage(world)).filter((u) => u.usageType === 'infotainment');
    for (const u of infotainment) {
      assert.equal((u.ratedProductUsage as { usageRatingTag: string }[])[0].usageRatingTag, 'included usage');
      assert.equal(sum(Q.sharesOf(u).map(Q.amountOf)).toFixed(2), '0.00');
    }
  },

  async followedUp(world: HarnessWorld) {
    const oem = await Q.oem(world);
    assert.equal(oem.usageFollowUps.at(-1)?.records, (await Q.usage(world)).length);
  },

  /** What crossed the wire to the OEM: its cars' records, with only the shares the OEM pays itself. */
  async oemSawOnlyItsShares(world: HarnessWorld) {
    const seen = world.ecosystem.recorder
      .exchangesOf(world.ecosystem.recorder.scenario)
      .filter((e) => e.from === 'car-manufacturer' && e.to === 'csp' && e.operation === 'GET usage' && e.status === 200)
      .flatMap((e) => e.response.body as Entity[]);
    const roles = seen.flatMap((u) => ((u.ratedProductUsage as { payerRole: string }[] | undefined) ?? []).map((r) => r.payerRole));
    const driverShares = (await Q.usage(world))
      .flatMap((u) => (u.ratedProductUsage as { payerRole: string }[] | undefined) ?? [])
      .filter((r) => r.payerRole === 'thirdPartyPayer');
    assert.ok(seen.length > 0 && roles.includes('buyer'), 'the OEM saw records with its own shares');
    assert.ok(driverShares.length > 0, 'the driver does pay shares of these records');
    assert.deepEqual([...new Set(roles)], ['buyer'], 'no share the driver pays reached the OEM');
  },

  async oneBillEach(world: HarnessWorld) {
    for (const owner of ['driver', 'car-manufacturer']) {
      const bills = (await Q.billsOf(world, owner)).filter((b) => Bills.periodOf(b) === FIGURE_8_MONTH);
      assert.equal(bills.length, 1, `one bill for ${owner}`);
    }
  },

  async driverBillLines(world: HarnessWorld) {
    const [bill] = await Q.billsOf(world, 'driver');
    return Q.ratesOf(world, bill);
  },

  async monthlyFeeOnly(world: HarnessWorld) {
    const names = (await ServiceUseChecks.driverBillLines(world)).map((r) => String(r.name));
    assert.deepEqual(names, ['5 GB monthly fee (2026-01)']);
  },

  async overageRoundedPerRecord(world: HarnessWorld, amount: string, beyondMB: number) {
    const infotainment = (await Q.usage(world)).filter((u) => u.usageType === 'infotainment');
    const volumes = infotainment.map((u) => new Decimal(String(Q.char(u, 'volumeMB'))));
    const chargeable = infotainment.map((u) => new Decimal(String(Q.char(u, 'chargeableMB'))));
    assert.equal(sum(chargeable).toFixed(3), sum(volumes).minus(ALLOWANCE_MB).toFixed(3), 'chargeable = volume beyond the allowance');
    assert.equal(sum(chargeable).toFixed(3), new Decimal(beyondMB).toFixed(3));
    const expected = sum(chargeable.map((mb) => mb.times(OVERAGE_PER_MB).toDecimalPlaces(2, Decimal.ROUND_HALF_UP)));
    const line = (await ServiceUseChecks.driverBillLines(world)).find((r) => String(r.name).startsWith('Infotainment data usage'));
    assert.equal(expected.toFixed(2), amount, 'the records, each rounded half-up to the cent, add up to the amount the scenario states');
    assert.ok(line, 'the driver bill has an infotainment data usage line');
    assert.equal(new Decimal(String((line.taxExcludedAmount as { value: number }).value)).toFixed(2), amount);
  },

  async allBilled(world: HarnessWorld) {
    for (const u of await Q.usage(world)) {
      assert.equal(u.status, 'billed', `${u.id}`);
      assert.ok(Q.sharesOf(u).every((s) => s.isBilled));
    }
  },

  async toldOnce(world: HarnessWorld) {
    const { inbox } = await Q.driver(world);
    const notices = inbox.filter((m) => m.topic === 'invoice-available' && m.from === 'csp');
    const [bill] = await Q.billsOf(world, 'driver');
    assert.deepEqual(
      notices.map((n) => n.relatedEntity?.[0]?.id),
      [bill.id],
    );
  },

  async sharesAddUp(world: HarnessWorld) {
    for (const u of await Q.usage(world)) {
      const shares = Q.sharesOf(u);
      assert.ok(shares.length >= 1);
      const amount = new Decimal(String(Q.char(u, 'chargeableMB')))
        .times(u.usageType === 'infotainment' ? OVERAGE_PER_MB : '0.02')
        .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      assert.equal(sum(shares.map(Q.amountOf)).toFixed(2), amount.toFixed(2), `${u.id}`);
    }
  },

  /**
   * The rated amount of the record of `mb` MB and what each payer pays of it, to the cent. Read over
   * TMF635 (what the CSP serves), not from its state.
   */
  async recordCharged(world: HarnessWorld, mb: number, amount: string, payers: Partial<Record<'buyer' | 'thirdPartyPayer', string>>) {
    const { items } = await world.ecosystem.control('csp').list('TMF635', 'usage', { usageType: 'infotainment' });
    const records = items.filter((u) => Number(Q.char(u, 'volumeMB')) === mb);
    assert.equal(records.length, 1, `one record of ${mb} MB`);
    const shares = Q.sharesOf(records[0]);
    assert.equal(sum(shares.map(Q.amountOf)).toFixed(2), amount, `the ${mb} MB record costs ${amount} EUR`);
    for (const [role, expected] of Object.entries(payers)) {
      assert.equal(sum(shares.filter((s) => s.payerRole === role).map(Q.amountOf)).toFixed(2), expected, `${role} pays ${expected} EUR of it`);
    }
  },

  async duplicateRefused(world: HarnessWorld) {
    const { usageSent } = await Q.driver(world);
    const last = usageSent.at(-1)!;
    assert.equal(last.httpStatus, 409);
    assert.equal(last.outcome, 'Duplicate usage record');
    assert.equal(usageSent.filter((s) => s.recordId === last.recordId).length, 2, 'the car did send it twice');
  },

  async receivedOnce(world: HarnessWorld) {
    const ids = (await Q.usage(world)).map((u) => String(Q.char(u, 'recordId')));
    assert.equal(new Set(ids).size, ids.length);
    const rated = (await world.journals()).filter((j) => j.type === 'usage.rated').map((j) => (j.data as { recordId: string }).recordId);
    assert.equal(new Set(rated).size, rated.length);
    assert.equal(rated.length, ids.length);
  },

  async rejectedKept(world: HarnessWorld) {
    const { usageSent } = await Q.driver(world);
    const usage = await Q.usage(world);
    assert.ok(usageSent.length > 0);
    for (const sent of usageSent) {
      const record = usage.find((u) => Q.char(u, 'recordId') === sent.recordId);
      assert.equal(record?.status, 'rejected');
      assert.match(String(Q.char(record!, 'rejectionReason')), /unknown subscription product-9999/);
    }
  },

  async nothingRated(world: HarnessWorld) {
    for (const u of await Q.usage(world)) assert.equal(Q.sharesOf(u).length, 0);
    assert.equal((await world.journals()).filter((j) => j.type === 'usage.rated').length, 0);
  },

  async noItemTwice(world: HarnessWorld) {
    const rates = await world.served('csp', 'TMF678.appliedCustomerBillingRate');
    const keys = rates.map((r) => `${(r.billingAccount as { id: string }).id}|${String(r.name)}`);
    assert.equal(new Set(keys).size, keys.length);
    await ServiceUseChecks.allBilled(world);
  },

  onlyOwnBill(world: HarnessWorld) {
    const bills = world.answer?.body as Entity[];
    assert.equal(world.answer?.status, 200);
    return Q.billsOf(world, 'car-manufacturer').then((own) =>
      assert.deepEqual(
        bills.map((b) => b.id),
        own.map((b) => b.id),
      ),
    );
  },
};
