import { Decimal } from 'decimal.js';
import { basePath } from '../../tmf/apis.ts';
import type { Entity } from '../../tmf/data.ts';
import type { RatedProductUsage, ResourcesByKey, Usage } from '../../tmf/resources.ts';
import { FIGURE_8_MONTH, carSubscription, driveCar, makeDriverCspCustomer, selectService, sellCarToDriver } from '../../harness/drive/figure8.ts';
import { type Actor, Question, Task } from './core/actor.ts';
import { control, notes } from './core/cast.ts';
import { Calls } from './figure7.ts';

/** Split billing criteria (8.2) as a scenario states them: the OEM is the buyer, the driver the third party payer. */
export const SplitBilling = {
  oemPaysFirstMB: (thresholdMB: number) => ({
    basis: 'volumeThreshold',
    thresholdMB,
    belowThresholdPayerRole: 'buyer',
    aboveThresholdPayerRole: 'thirdPartyPayer',
  }),
  oemPaysPercent: (percent: number) => ({
    basis: 'percentage',
    shares: [
      { payerRole: 'buyer', percent },
      { payerRole: 'thirdPartyPayer', percent: 100 - percent },
    ],
  }),
};

/**
 * Figure 8's tasks, in the domain's words, performed by the party that does them. The multi-step ones
 * run the drive scripts of `harness/drive/figure8.ts` (the dashboard's run uses the same).
 */
export const ServiceUse = {
  /** Branch 8.5: the driver has a CSP contract before buying the car. */
  becomeCspCustomer: () => Task.where('#actor becomes a customer of the CSP', (driver) => makeDriverCspCustomer(control(driver).ecosystem)),
  /** 8.1 */
  sellCar: () => Task.where('#actor sells a car to the driver', (oem) => sellCarToDriver(control(oem).ecosystem)),
  /** 8.2–8.8, the advanced offer with its split billing criteria. */
  selectService: (criteria?: object) => Task.where('#actor selects a service', (driver) => selectService(control(driver).ecosystem, criteria)),
  /** 8.1–8.8 in one go: the car sold, the service selected (and ordered by the OEM at the CSP). */
  subscribe: (criteria?: object) =>
    Task.where('#actor buys a car and subscribes to its service', async (driver) => {
      await sellCarToDriver(control(driver).ecosystem);
      await selectService(control(driver).ecosystem, criteria);
    }),
  /** 8.9–8.10 */
  drive: (infotainmentMB: number, telematicsMB: number) =>
    Task.where(`#actor drives: ${infotainmentMB} MB infotainment, ${telematicsMB} MB telematics`, (driver) =>
      driveCar(control(driver).ecosystem, infotainmentMB, telematicsMB),
    ),
  /** One usage record per volume, sent one after the other (each a session of its own). */
  driveSessions: (volumesMB: readonly number[]) =>
    Task.where(`#actor sends sessions of ${volumesMB.join(', ')} MB`, async (driver) => {
      for (const mb of volumesMB) await sendSession(driver, mb);
    }),
  /** A January record sent once January's bill run is over: one session of `mb` MB, its record id noted. */
  sendLateRecord: (mb: number) =>
    Task.where(`#actor sends a late record of ${mb} MB`, async (driver) => {
      const sent = await sendSession(driver, mb);
      notes(driver).write(
        'lateRecords',
        sent.map((s) => s.recordId),
      );
    }),
  driveOnUnknownSubscription: (infotainmentMB: number) =>
    Task.where('#actor drives on a subscription the CSP does not know', (driver) => driveCar(control(driver).ecosystem, infotainmentMB, 1, 'product-9999')),
  resendLastRecord: () => Task.where('#actor sends its last usage record again', (driver) => control(driver).trigger('resend-usage')),
  /** 8.11 */
  followUsage: () => Task.where('#actor follows up the usage of its cars', (oem) => control(oem).trigger('usage-follow-up')),
  /** The OEM asks for the driver's bill by its id, with its own credential; `finder` (the tester) finds the id. */
  readTheDriversBill: (finder: Actor) =>
    Task.where("#actor asks the CSP for the driver's bill", async (oem) => {
      const [bill] = await finder.answer(ServiceUseQuestions.billsOf('driver'));
      await oem.attemptsTo(Calls.to('csp', 'GET', `${basePath('TMF678')}/customerBill/${bill.id}`));
    }),
  listOwnBills: () => Calls.to('csp', 'GET', `${basePath('TMF678')}/customerBill`),
  readUsageRecords: () => Calls.to('csp', 'GET', `${basePath('TMF635')}/usage`),
  /** The OEM orders `offering` for the driver it sold a car to (found by `finder`), asking to pay `percent` of its usage. */
  orderWithSplit: (offering: string, percent: number, finder: Actor) =>
    Task.where(`#actor orders ${offering} paying ${percent} % of its usage`, async (oem) => {
      const driver = (await control(finder).served('TMF632.individual', 'csp')).at(-1);
      if (!driver) throw new Error('the CSP knows no individual to order for');
      const item = { id: '1', action: 'add', quantity: 1, productOffering: { id: offering } };
      const product = { productCharacteristic: [{ name: 'splitBillingCriteria', value: SplitBilling.oemPaysPercent(percent) }] };
      const relatedParty = [
        { id: 'car-manufacturer', role: 'buyer', '@referredType': 'Organization' },
        { id: driver.id, role: 'thirdPartyPayer', '@referredType': 'Individual' },
      ];
      await oem.attemptsTo(Calls.to('csp', 'POST', `${basePath('TMF622')}/productOrder`, { relatedParty, productOrderItem: [{ ...item, product }] }));
    }),
};

/** One infotainment session of `mb` MB on the car's subscription, in figure 8's month. */
async function sendSession(driver: Actor, mb: number): Promise<{ recordId: string }[]> {
  const drive = control(driver);
  return drive.trigger<{ recordId: string }[]>('drive', {
    subscription: await carSubscription(drive.ecosystem),
    period: FIGURE_8_MONTH,
    infotainmentMB: mb,
    telematicsMB: 0,
    sessions: { infotainment: 1, telematics: 0 },
  });
}

interface CspState {
  resources: ResourcesByKey;
  owners: Record<string, string>;
  usageCollections: { product: string; payers: Record<string, { id: string }> }[];
}

interface DriverState {
  inbox: { from: string; topic?: string; relatedEntity?: { id: string; role: string }[] }[];
  usageSent: { recordId: string; httpStatus: number; outcome: string }[];
  profile: { email: string };
}

interface OemState {
  resources: ResourcesByKey;
  usageFollowUps: { records: number; vehicles: string[] }[];
  cars: { vehicleId: string }[];
}

const chars = (u: Usage) => u.usageCharacteristic ?? [];

/**
 * The key of an entity in a party's owners index (its control state): the provider's own path, whatever
 * URL the entity was served at. Who owns an entity is no TMF attribute, so only that state shows it.
 */
export const ownerKey = (e: Entity) => String(e.href).slice(String(e.href).indexOf('/tmf-api/'));

/** Reading a usage record: its characteristics and its rated shares. */
export const UsageRecord = {
  char: (u: Usage, name: string) => chars(u).find((c) => c.name === name)?.value,
  sharesOf: (u: Usage) => u.ratedProductUsage ?? [],
  amountOf: (s: RatedProductUsage) => new Decimal(String(s.taxExcludedRatingAmount?.value)),
};

/** Figure 8's questions, answered by the tester from what the parties serve, or their state where only it shows. */
export const ServiceUseQuestions = {
  csp: () => Question.about("the CSP's state", (tester) => control(tester).state<CspState>('csp')),
  oem: () => Question.about("the car manufacturer's state", (tester) => control(tester).state<OemState>('car-manufacturer')),
  driver: () => Question.about("the driver's state", (tester) => control(tester).state<DriverState>('driver')),
  subscription: () => Question.about("the car's subscription", (tester) => carSubscription(control(tester).ecosystem)),
  usage: () => Question.about('the usage records at the CSP', (tester) => control(tester).served('TMF635.usage', 'csp')),
  /** The bills whose owner (in the CSP's owners index) is `owner`. */
  billsOf: (owner: string) =>
    Question.about(`the CSP's bills to ${owner}`, async (tester) => {
      const csp = await tester.answer(ServiceUseQuestions.csp());
      return (csp.resources['TMF678.customerBill'] ?? []).filter((b) => csp.owners[b.href] === owner);
    }),
  ratesOf: (bill: Entity) =>
    Question.about(`the items of bill ${bill.id}`, async (tester) =>
      (await control(tester).served('TMF678.appliedCustomerBillingRate', 'csp')).filter((r) => r.bill?.id === bill.id),
    ),
  /** The consumer customers and billing accounts of the driver (by its e-mail). */
  driverAtCsp: () =>
    Question.about('the driver as a customer of the CSP', async (tester) => {
      const csp = await tester.answer(ServiceUseQuestions.csp());
      const { profile } = await tester.answer(ServiceUseQuestions.driver());
      const customers = (await control(tester).served('TMF629.customer', 'csp')).filter((c) => JSON.stringify(c.contactMedium ?? []).includes(profile.email));
      const partyIds = customers.map((c) => c.engagedParty?.id);
      const accounts = (await control(tester).served('TMF666.billingAccount', 'csp')).filter(
        (a) => a.accountType === 'consumer' && (a.relatedParty ?? []).some((p) => partyIds.includes(p.id)),
      );
      return { customers, accounts, owners: csp.owners };
    }),
  cspOrderFor3rdPartyPayer: () =>
    Question.about("the CSP's order with a third party payer", async (tester) =>
      (await control(tester).served('TMF622.productOrder', 'csp')).find((o) => (o.relatedParty ?? []).some((p) => p.role === 'thirdPartyPayer')),
    ),
};
