import assert from 'node:assert/strict';
import { Decimal } from 'decimal.js';
import type { Money } from '../../tmf/resources.ts';
import { Bills } from './bills.ts';
import { type Actor, Task } from './core/actor.ts';
import { control, ecosystemRun, notes } from './core/cast.ts';
import { ServiceUseQuestions as Q, UsageRecord as R } from './figure8.ts';

const sum = (values: readonly Decimal[]) => values.reduce((a, b) => a.plus(b), new Decimal(0));
const money = (m: Money | undefined) => new Decimal(String(m?.value));

/** The states mediation journaled for each record id, in order. */
async function journaledStates(tester: Actor): Promise<Map<string, string[]>> {
  const states = new Map<string, string[]>();
  const names: Record<string, string> = { 'usage.received': 'received', 'usage.guided': 'guided', 'usage.rated': 'rated', 'usage.rejected': 'rejected' };
  for (const entry of (await ecosystemRun(tester).journals()).filter((j) => j.actor === 'csp' && names[j.type])) {
    const recordId = (entry.data as { recordId: string }).recordId;
    states.set(recordId, [...(states.get(recordId) ?? []), names[entry.type]]);
  }
  return states;
}

type UsageSeen = { usage: string; recordId: string; status: string; amount?: string };
const oemUsageStates = async (tester: Actor) => (await control(tester).state<{ usageStates?: UsageSeen[] }>('car-manufacturer')).usageStates ?? [];

/** The driver's bill of `period` at the CSP, with its items. */
async function driverBill(tester: Actor, period: string) {
  const bill = (await tester.answer(Q.billsOf('driver'))).find((b) => Bills.periodOf(b) === period);
  assert.ok(bill, `the driver has a bill for ${period}`);
  return { bill, rates: await tester.answer(Q.ratesOf(bill)) };
}

/** Checks of mediation's states, late usage and split billing eligibility (steps 8.7–8.12), by the tester. */
export const MediationChecks = {
  statesInOrder: () =>
    Task.where('#actor ensures states in order', async (tester) => {
      const usage = await tester.answer(Q.usage());
      const states = await journaledStates(tester);
      assert.ok(usage.length > 0);
      for (const u of usage) assert.deepEqual(states.get(String(R.char(u, 'recordId'))), ['received', 'guided', 'rated'], `${u.id}`);
    }),

  oemHeardStates: () =>
    Task.where('#actor ensures oem heard states', async (tester) => {
      const heard = await oemUsageStates(tester);
      const usage = await tester.answer(Q.usage());
      for (const u of usage)
        assert.deepEqual(
          heard.filter((h) => h.usage === u.id).map((h) => h.status),
          ['guided', 'rated'],
          `${u.id}`,
        );
    }),

  oemHeardAmounts: (telematics: string, infotainment: string) =>
    Task.where('#actor ensures oem heard amounts', async (tester) => {
      const heard = (await oemUsageStates(tester)).filter((h) => h.status === 'rated');
      const usage = await tester.answer(Q.usage());
      const paid = (usageClass: string) =>
        sum(heard.filter((h) => usage.find((u) => u.id === h.usage)?.usageType === usageClass).map((h) => new Decimal(h.amount ?? '0')));
      assert.equal(paid('telematics').toFixed(2), telematics);
      assert.equal(paid('infotainment').toFixed(2), infotainment);
      const cspSays = sum(
        usage.flatMap((u) =>
          R.sharesOf(u)
            .filter((s) => s.payerRole === 'buyer')
            .map(R.amountOf),
        ),
      );
      assert.equal(cspSays.toFixed(2), new Decimal(telematics).plus(infotainment).toFixed(2), 'what the OEM heard is what the CSP rated for it');
    }),

  lateRecordRated: (amount: string) =>
    Task.where('#actor ensures late record rated', async (tester) => {
      const late = (await tester.answer(Q.usage())).filter((u) =>
        notes(tester)
          .read('lateRecords')
          .includes(String(R.char(u, 'recordId'))),
      );
      assert.equal(late.length, 1);
      assert.equal(late[0].status, 'rated');
      assert.deepEqual(
        R.sharesOf(late[0]).map((s) => [s.payerRole, R.amountOf(s).toFixed(2)]),
        [['thirdPartyPayer', amount]],
      );
    }),

  usageCharged: (period: string, amount: string) =>
    Task.where('#actor ensures usage charged', async (tester) => {
      const { rates } = await driverBill(tester, period);
      assert.equal(sum(rates.filter((r) => String(r.name).includes('data usage')).map((r) => money(r.taxExcludedAmount))).toFixed(2), amount);
    }),

  lateLine: (period: string, name: string, excluded: string, included: string) =>
    Task.where('#actor ensures late line', async (tester) => {
      const { bill, rates } = await driverBill(tester, period);
      const usageLines = rates.filter((r) => String(r.name).includes('data usage'));
      assert.deepEqual(
        usageLines.map((r) => [r.name, money(r.taxExcludedAmount).toFixed(2), money(r.taxIncludedAmount).toFixed(2)]),
        [[name, excluded, included]],
      );
      Bills.assertTotalsEqualItems(bill, rates);
    }),

  everyShareOnOneBill: () =>
    Task.where('#actor ensures every share on one bill', async (tester) => {
      const usage = await tester.answer(Q.usage());
      for (const u of usage) assert.equal(u.status, 'billed', `${u.id}`);
      const rates = await control(tester).served('TMF678.appliedCustomerBillingRate', 'csp');
      const billed = sum(rates.filter((r) => String(r.name).includes('data usage')).map((r) => money(r.taxExcludedAmount)));
      const rated = sum(usage.flatMap((u) => R.sharesOf(u).map(R.amountOf)));
      assert.equal(billed.toFixed(2), rated.toFixed(2), 'what the bills charge for usage is what mediation rated, once');
    }),

  refusedNaming: (status: number, text: string) =>
    Task.where('#actor ensures refused naming', async (tester) => {
      assert.equal(notes(tester).read('answer')?.status, status);
      const body = notes(tester).read('answer')?.body as { code: string; reason: string; message: string };
      assert.equal(body.code, 'SPLIT_BILLING_NOT_ALLOWED');
      assert.match(`${body.reason} ${body.message}`, new RegExp(text));
    }),

  noOrderFor: (offering: string) =>
    Task.where('#actor ensures no order for', async (tester) => {
      const orders = await control(tester).served('TMF622.productOrder', 'csp');
      assert.equal(orders.filter((o) => o.productOrderItem.some((i) => i.productOffering?.id === offering)).length, 0);
    }),
};
