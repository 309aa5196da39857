import { Decimal } from 'decimal.js';
import type { Entity } from '../../tmf/data.ts';
import { FIGURE_8_MONTH, carSubscription, driveCar, endMonth, makeDriverCspCustomer, selectService, sellCarToDriver } from '../../harness/drive/figure8.ts';
import type { HarnessWorld } from '../support/world.ts';
import { Partner } from './partner-calls.ts';

/**
 * Tasks and questions of figure 8, in the domain's words. Tasks drive the parties through their
 * control APIs (the same helpers the dashboard's run uses); questions read the parties' state.
 */
export const ServiceUse = {
  /** Branch 8.5: the driver has a CSP contract before buying the car. */
  becomeCspCustomer: (world: HarnessWorld) => makeDriverCspCustomer(world.ecosystem),
  /** 8.1 */
  sellCar: (world: HarnessWorld) => sellCarToDriver(world.ecosystem),
  /** 8.2–8.8, the advanced offer with its split billing criteria. */
  selectService: (world: HarnessWorld, criteria?: object) => selectService(world.ecosystem, criteria),
  /** 8.1–8.8 in one go. */
  subscribe: async (world: HarnessWorld, criteria?: object) => {
    await sellCarToDriver(world.ecosystem);
    await selectService(world.ecosystem, criteria);
  },
  /** 8.9–8.10 */
  drive: (world: HarnessWorld, infotainmentMB: number, telematicsMB: number) => driveCar(world.ecosystem, infotainmentMB, telematicsMB),
  /** One usage record per volume, sent one after the other (each a session of its own). */
  driveSessions: async (world: HarnessWorld, volumesMB: readonly number[]) => {
    const subscription = await carSubscription(world.ecosystem);
    for (const mb of volumesMB) {
      await world.trigger('driver', 'drive', {
        subscription,
        period: FIGURE_8_MONTH,
        infotainmentMB: mb,
        telematicsMB: 0,
        sessions: { infotainment: 1, telematics: 0 },
      });
    }
  },
  driveOnUnknownSubscription: (world: HarnessWorld, infotainmentMB: number) => driveCar(world.ecosystem, infotainmentMB, 1, 'product-9999'),
  resendLastRecord: (world: HarnessWorld) => world.trigger('driver', 'resend-usage'),
  /** 8.11 */
  followUsage: (world: HarnessWorld) => world.trigger('car-manufacturer', 'usage-follow-up'),
  /** 8.12–8.14 */
  endMonth: (world: HarnessWorld) => endMonth(world.ecosystem),
  /** The OEM asks for the driver's bill by its id, with its own credential. */
  oemReadsDriverBill: async (world: HarnessWorld) => {
    const bill = (await ServiceUseQuestions.billsOf(world, 'driver'))[0];
    return Partner.oemCalls(world, 'GET', `/tmf-api/customerBillManagement/v4/customerBill/${bill.id}`);
  },
  oemListsBills: (world: HarnessWorld) => Partner.oemCalls(world, 'GET', '/tmf-api/customerBillManagement/v4/customerBill'),
  /** Another partner (the content provider) asks for usage records. */
  contentProviderReadsUsage: (world: HarnessWorld) => Partner.calls(world, 'content-provider', 'csp', 'GET', '/tmf-api/usageManagement/v4/usage'),
};

interface CspState {
  resources: Record<string, Entity[]>;
  owners: Record<string, string>;
  usageCollections: { product: string; payers: Record<string, { id: string }> }[];
}

export type RatedShare = { payerRole: string; taxExcludedRatingAmount: { value: number }; isBilled: boolean; billingAccount: { id: string } };

const chars = (u: Entity) => (u.usageCharacteristic as { name: string; value: unknown }[] | undefined) ?? [];

/**
 * The key of an entity in a party's owners index (its control state): the provider's own path, whatever
 * URL the entity was served at. Who owns an entity is no TMF attribute, so only that state shows it.
 */
export const ownerKey = (e: Entity) => String(e.href).slice(String(e.href).indexOf('/tmf-api/'));

export const ServiceUseQuestions = {
  csp: (world: HarnessWorld) => world.state<CspState>('csp'),
  oem: (world: HarnessWorld) =>
    world.state<{ resources: Record<string, Entity[]>; usageFollowUps: { records: number; vehicles: string[] }[]; cars: { vehicleId: string }[] }>(
      'car-manufacturer',
    ),
  driver: (world: HarnessWorld) =>
    world.state<{
      inbox: { from: string; topic?: string; relatedEntity?: { id: string; role: string }[] }[];
      usageSent: { recordId: string; httpStatus: number; outcome: string }[];
      profile: { email: string };
    }>('driver'),
  subscription: (world: HarnessWorld) => carSubscription(world.ecosystem),
  usage: (world: HarnessWorld) => world.served('csp', 'TMF635.usage'),
  char: (u: Entity, name: string) => chars(u).find((c) => c.name === name)?.value,
  sharesOf: (u: Entity) => (u.ratedProductUsage as RatedShare[] | undefined) ?? [],
  amountOf: (s: RatedShare) => new Decimal(String(s.taxExcludedRatingAmount.value)),
  /** The bills whose owner (in the CSP's owners index) is `owner`. */
  billsOf: async (world: HarnessWorld, owner: string) => {
    const csp = await ServiceUseQuestions.csp(world);
    return (csp.resources['TMF678.customerBill'] ?? []).filter((b) => csp.owners[b.href] === owner);
  },
  ratesOf: async (world: HarnessWorld, bill: Entity) =>
    (await world.served('csp', 'TMF678.appliedCustomerBillingRate')).filter((r) => (r.bill as { id: string }).id === bill.id),
  /** The consumer customers and billing accounts of the driver (by its e-mail). */
  driverAtCsp: async (world: HarnessWorld) => {
    const csp = await ServiceUseQuestions.csp(world);
    const { profile } = await ServiceUseQuestions.driver(world);
    const customers = (await world.served('csp', 'TMF629.customer')).filter((c) => JSON.stringify(c.contactMedium ?? []).includes(profile.email));
    const partyIds = customers.map((c) => (c.engagedParty as { id: string }).id);
    const accounts = (await world.served('csp', 'TMF666.billingAccount')).filter(
      (a) => a.accountType === 'consumer' && (a.relatedParty as { id: string }[]).some((p) => partyIds.includes(p.id)),
    );
    return { customers, accounts, owners: csp.owners };
  },
  cspOrderFor3rdPartyPayer: async (world: HarnessWorld) =>
    (await world.served('csp', 'TMF622.productOrder')).find((o) => (o.relatedParty as { role: string }[]).some((p) => p.role === 'thirdPartyPayer')),
};
