import { parsePeriodId } from '../../core/billing-period.ts';
import type { ActorId } from '../../core/actor-ids.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { setClock } from './settle.ts';
import { trigger } from './trigger.ts';

/** The month figure 8's scenarios drive, and the service the driver picks. */
export const FIGURE_8_MONTH = '2026-01';
export const FIGURE_8_SERVICE = '5 GB';

type DriverProfile = { givenName: string; familyName: string; email: string };

async function stateOf<T>(ecosystem: Ecosystem, actor: ActorId): Promise<T> {
  return (await ecosystem.control(actor).request<{ data: T }>('GET', '/control/state')).body.data;
}

/** Who the driver is (the driver's seeded profile). */
export const driverProfile = async (ecosystem: Ecosystem) => (await stateOf<{ profile: DriverProfile }>(ecosystem, 'driver')).profile;

/** Branch 8.5: the driver already has a CSP contract. */
export const makeDriverCspCustomer = async (ecosystem: Ecosystem) => trigger(ecosystem, 'csp', 'existing-customer', await driverProfile(ecosystem));

/** Step 8.1: the OEM sells a car to the driver and offers its infotainment services. */
export const sellCarToDriver = async (ecosystem: Ecosystem) => trigger(ecosystem, 'car-manufacturer', 'car-sale', { driver: await driverProfile(ecosystem) });

/** Steps 8.2–8.8: the driver picks a service as 3rd party payer; the OEM orders it at the CSP. */
export const selectService = (ecosystem: Ecosystem, splitBillingCriteria?: object) =>
  trigger(ecosystem, 'driver', 'select-service', { service: FIGURE_8_SERVICE, ...(splitBillingCriteria ? { splitBillingCriteria } : {}) });

/** The subscription mediation collects for the driver's car (the last one the CSP opened). */
export async function carSubscription(ecosystem: Ecosystem): Promise<string> {
  const collections = (await stateOf<{ usageCollections: { product: string }[] }>(ecosystem, 'csp')).usageCollections;
  const last = collections.at(-1);
  if (!last) throw new Error('the CSP collects no usage yet: no subscription for the car');
  return last.product;
}

/** Steps 8.9–8.10: a month of the car's usage, sent to mediation. */
export async function driveCar(ecosystem: Ecosystem, infotainmentMB: number, telematicsMB: number, subscription?: string) {
  return trigger<{ recordId: string; httpStatus: number; outcome: string }[]>(ecosystem, 'driver', 'drive', {
    subscription: subscription ?? (await carSubscription(ecosystem)),
    period: FIGURE_8_MONTH,
    infotainmentMB,
    telematicsMB,
  });
}

/** Steps 8.12–8.14: the month ends and the CSP runs its bill run. */
export async function endMonth(ecosystem: Ecosystem, period = FIGURE_8_MONTH): Promise<void> {
  await setClock(ecosystem, parsePeriodId(period).end);
  await trigger(ecosystem, 'csp', 'billing-run', { period });
}

/**
 * Figure 8 driven without Cucumber (the dashboard's button): the OEM becomes a partner with its
 * catalog (figure 7's first half), sells a car, the driver takes the 5 GB service, drives over the
 * allowance, the OEM follows the usage, and January is billed.
 */
export async function driveFigure8(ecosystem: Ecosystem): Promise<void> {
  await setClock(ecosystem, new Date('2026-01-01T08:00:00Z'));
  await trigger(ecosystem, 'car-manufacturer', 'partner-order');
  await trigger(ecosystem, 'car-manufacturer', 'build-catalog');
  await sellCarToDriver(ecosystem);
  await selectService(ecosystem);
  await driveCar(ecosystem, 6000, 40);
  await trigger(ecosystem, 'car-manufacturer', 'usage-follow-up');
  await endMonth(ecosystem);
}
