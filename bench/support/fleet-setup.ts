import { parsePeriodId } from '../../core/billing-period.ts';
import { onboardPartner } from '../../actors/csp/domain/onboarding.ts';
import type { CspData } from '../../actors/csp/store.ts';
import { usageRecords } from '../../actors/driver/domain/usage-records.ts';
import { subscribeDriverAtCsp } from '../../mocks/csp-seed.ts';

export const START = new Date('2026-01-01T08:00:00Z');
export const JANUARY = parsePeriodId('2026-01');

/**
 * The fleet set up at the CSP's domain level (no HTTP: onboarding is not what is measured): the OEM a
 * partner, `cars` drivers each subscribed to the 5 GB package through it. Returns the subscriptions.
 */
export function onboardFleetAtCsp(draft: CspData, cars: number): string[] {
  onboardPartner(draft, 'car-manufacturer', 'Car manufacturer', START, 'bench', 'http://bench');
  const products: string[] = [];
  for (let i = 0; i < cars; i++) {
    products.push(subscribeDriverAtCsp(draft, { givenName: 'Driver', familyName: `No${i}`, email: `driver${i}@example.com` }, START));
  }
  return products;
}

/** A month of seeded usage of car `i` (`records` of them, 30 by default, two thirds infotainment; some over the allowance). */
export const carRecords = (product: string, i: number, records = 30) =>
  usageRecords({
    subscription: product,
    vehicleId: `VIN${i}`,
    period: JANUARY,
    infotainmentMB: 3000 + (i % 7) * 700,
    telematicsMB: 40,
    sessions: { infotainment: records - Math.floor(records / 3), telematics: Math.floor(records / 3) },
    seed: i + 1,
    firstRecord: 1,
  });
