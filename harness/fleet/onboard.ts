import type { Ecosystem } from '../ecosystem.ts';
import { driverProfile, FIGURE_8_SERVICE } from '../drive/figure8.ts';
import { setClock, settle } from '../drive/settle.ts';
import { trigger } from '../drive/trigger.ts';
import type { Progress } from './progress.ts';

/** A car of the fleet once onboarded: its VIN and the CSP subscription its records name. */
export interface OnboardedCar {
  readonly vehicleId: string;
  readonly subscription: string;
}

/** Cars sold before the ecosystem is let settle: the OEM orders their connectivity meanwhile. */
const SETTLE_EVERY = 50;

/**
 * The fleet onboarded through the documented flows: the OEM becomes the CSP's partner and builds its
 * catalog (figure 7), then for each car the OEM sells it (8.1) and the driver — the fleet's keeper —
 * takes the 5 GB service as 3rd party payer, which the OEM orders at the CSP (8.2–8.8). Each car's
 * subscription is read back from the CSP's TMF637 inventory, by the VIN the order carried.
 */
export async function onboardFleet(ecosystem: Ecosystem, cars: number, month: string, progress: Progress): Promise<OnboardedCar[]> {
  await setClock(ecosystem, new Date(`${month}-01T08:00:00Z`));
  await trigger(ecosystem, 'car-manufacturer', 'partner-order');
  await trigger(ecosystem, 'car-manufacturer', 'build-catalog');
  const driver = await driverProfile(ecosystem);
  const oem = ecosystem.control('car-manufacturer');
  const keeper = ecosystem.control('driver');
  const vehicles: string[] = [];
  for (let i = 0; i < cars; i++) {
    const { vehicleId } = await oem.post<{ vehicleId: string }>('/control/car-sale', { driver });
    await keeper.post('/control/select-service', { service: FIGURE_8_SERVICE });
    vehicles.push(vehicleId);
    // The first car makes the driver a CSP customer: the others reuse that customer and account.
    if (i === 0 || (i + 1) % SETTLE_EVERY === 0) await settle(ecosystem);
    progress.tick(1);
  }
  await settle(ecosystem);
  const subscriptions = await subscriptionsByVehicle(ecosystem);
  return vehicles.map((vehicleId) => {
    const subscription = subscriptions.get(vehicleId);
    if (!subscription) throw new Error(`car ${vehicleId} has no active subscription at the CSP after onboarding`);
    return { vehicleId, subscription };
  });
}

/** The CSP's active products that carry a vehicle id: VIN → product id. */
async function subscriptionsByVehicle(ecosystem: Ecosystem): Promise<Map<string, string>> {
  const { items } = await ecosystem.control('csp').list('TMF637', 'product', { status: 'active' });
  const byVehicle = new Map<string, string>();
  for (const product of items) {
    const vin = product.productCharacteristic?.find((c) => c.name === 'vehicleId')?.value;
    if (typeof vin === 'string') byVehicle.set(vin, product.id);
  }
  return byVehicle;
}
