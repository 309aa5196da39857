import assert from 'node:assert/strict';
import { Decimal } from 'decimal.js';
import { basePath } from '../../tmf/apis.ts';
import { FIGURE_8_MONTH } from '../../harness/drive/figure8.ts';
import { trigger } from '../../harness/drive/trigger.ts';
import type { HarnessWorld } from '../support/world.ts';
import { Bills } from './bills.ts';
import { ServiceUseQuestions as Q } from './figure8.ts';
import { Partner } from './partner-calls.ts';

const sum = (values: readonly Decimal[]) => values.reduce((a, b) => a.plus(b), new Decimal(0));
const money = (m: unknown) => new Decimal(String((m as { value: number }).value));

/** The states mediation journaled for each record id, in order. */
async function journaledStates(world: HarnessWorld): Promise<Map<string, string[]>> {
  const states = new Map<string, string[]>();
  const names: Record<string, string> = { 'usage.received': 'received', 'usage.guided': 'guided', 'usage.rated': 'rated', 'usage.rejected': 'rejected' };
  for (const entry of (await world.journals()).filter((j) => j.actor === 'csp' && names[j.type])) {
    const recordId = (entry.data as { recordId: string }).recordId;
    states.set(recordId, [...(states.get(recordId) ?? []), names[entry.type]]);
  }
  return states;
}

/** The record ids a scenario sent late, per scenario's world. */
const lateRecords = new WeakMap<HarnessWorld, string[]>();

type UsageSeen = { usage: string; recordId: string; status: string; amount?: string };
const oemUsageStates = async (world: HarnessWorld) => (await world.state<{ usageStates?: UsageSeen[] }>('car-manufacturer')).usageStates ?? [];

/** Tasks, questions and checks of mediation's states, late usage and split billing eligibility (steps 8.7–8.12). */
export const Mediation = {
  /** A January record sent once January's bill run is over: one session of `mb` MB. */
  sendLateRecord: async (world: HarnessWorld, mb: number) => {
    const sent = await trigger<{ recordId: string }>(world.ecosystem, 'driver', 'drive', {
      subscription: await Q.subscription(world),
      period: FIGURE_8_MONTH,
      infotainmentMB: mb,
      telematicsMB: 0,
      sessions: { infotainment: 1, telematics: 0 },
    });
    lateRecords.set(
      world,
      (sent as unknown as { recordId: string }[]).map((s) => s.recordId),
    );
  },

  /** The OEM orders `offering` for the driver it sold a car to, asking to pay `percent` of its usage. */
  orderWithSplit: async (world: HarnessWorld, offering: string, percent: number) => {
    const driver = (await world.served('csp', 'TMF632.individual')).at(-1)!;
    return Partner.oemCalls(world, 'POST', `${basePath('TMF622')}/productOrder`, {
      relatedParty: [
        { id: 'car-manufacturer', role: 'buyer' },
        { id: driver.id, role: 'thirdPartyPayer' },
      ],
      productOrderItem: [
        {
          id: '1',
          action: 'add',
          quantity: 1,
          productOffering: { id: offering },
          product: {
            productCharacteristic: [
              {
                name: 'splitBillingCriteria',
                value: {
                  basis: 'percentage',
                  shares: [
                    { payerRole: 'buyer', percent },
                    { payerRole: 'thirdPartyPayer', percent: 100 - percent },
                  ],
                },
              },
            ],
          },
        },
      ],
    });
  },

  async statesInOrder(world: HarnessWorld) {
    const usage = await Q.usage(world);
    const states = await journaledStates(world);
    assert.ok(usage.length > 0);
    for (const u of usage) assert.deepEqual(states.get(String(Q.char(u, 'recordId'))), ['received', 'guided', 'rated'], `${u.id}`);
  },

  async oemHeardStates(world: HarnessWorld) {
    const heard = await oemUsageStates(world);
    const usage = await Q.usage(world);
    for (const u of usage)
      assert.deepEqual(
        heard.filter((h) => h.usage === u.id).map((h) => h.status),
        ['guided', 'rated'],
        `${u.id}`,
      );
  },

  async oemHeardAmounts(world: HarnessWorld, telematics: string, infotainment: string) {
    const heard = (await oemUsageStates(world)).filter((h) => h.status === 'rated');
    const usage = await Q.usage(world);
    const paid = (usageClass: string) =>
      sum(heard.filter((h) => usage.find((u) => u.id === h.usage)?.usageType === usageClass).map((h) => new Decimal(h.amount ?? '0')));
    assert.equal(paid('telematics').toFixed(2), telematics);
    assert.equal(paid('infotainment').toFixed(2), infotainment);
    const cspSays = sum(
      usage.flatMap((u) =>
        Q.sharesOf(u)
          .filter((s) => s.payerRole === 'buyer')
          .map(Q.amountOf),
      ),
    );
    assert.equal(cspSays.toFixed(2), new Decimal(telematics).plus(infotainment).toFixed(2), 'what the OEM heard is what the CSP rated for it');
  },

  async lateRecordRated(world: HarnessWorld, amount: string) {
    const late = (await Q.usage(world)).filter((u) => (lateRecords.get(world) ?? []).includes(String(Q.char(u, 'recordId'))));
    assert.equal(late.length, 1);
    assert.equal(late[0].status, 'rated');
    assert.deepEqual(
      Q.sharesOf(late[0]).map((s) => [s.payerRole, Q.amountOf(s).toFixed(2)]),
      [['thirdPartyPayer', amount]],
    );
  },

  async driverBill(world: HarnessWorld, period: string) {
    const bill = (await Q.billsOf(world, 'driver')).find((b) => Bills.periodOf(b) === period);
    assert.ok(bill, `the driver has a bill for ${period}`);
    return { bill, rates: await Q.ratesOf(world, bill) };
  },

  async usageCharged(world: HarnessWorld, period: string, amount: string) {
    const { rates } = await Mediation.driverBill(world, period);
    assert.equal(sum(rates.filter((r) => String(r.name).includes('data usage')).map((r) => money(r.taxExcludedAmount))).toFixed(2), amount);
  },

  async lateLine(world: HarnessWorld, period: string, name: string, excluded: string, included: string) {
    const { bill, rates } = await Mediation.driverBill(world, period);
    const usageLines = rates.filter((r) => String(r.name).includes('data usage'));
    assert.deepEqual(
      usageLines.map((r) => [r.name, money(r.taxExcludedAmount).toFixed(2), money(r.taxIncludedAmount).toFixed(2)]),
      [[name, excluded, included]],
    );
    Bills.assertTotalsEqualItems(bill, rates);
  },

  async everyShareOnOneBill(world: HarnessWorld) {
    const usage = await Q.usage(world);
    for (const u of usage) assert.equal(u.status, 'billed', `${u.id}`);
    const rates = await world.served('csp', 'TMF678.appliedCustomerBillingRate');
    const billed = sum(rates.filter((r) => String(r.name).includes('data usage')).map((r) => money(r.taxExcludedAmount)));
    const rated = sum(usage.flatMap((u) => Q.sharesOf(u).map(Q.amountOf)));
    assert.equal(billed.toFixed(2), rated.toFixed(2), 'what the bills charge for usage is what mediation rated, once');
  },

  async refusedNaming(world: HarnessWorld, status: number, text: string) {
    assert.equal(world.answer?.status, status);
    const body = world.answer?.body as { code: string; reason: string; message: string };
    assert.equal(body.code, 'SPLIT_BILLING_NOT_ALLOWED');
    assert.match(`${body.reason} ${body.message}`, new RegExp(text));
  },

  async noOrderFor(world: HarnessWorld, offering: string) {
    const orders = await world.served('csp', 'TMF622.productOrder');
    assert.equal(orders.filter((o) => (o.productOrderItem as { productOffering: { id: string } }[]).some((i) => i.productOffering.id === offering)).length, 0);
  },
};
