import { parsePeriodId } from '../../core/billing-period.ts';
import { usageRecords } from '../../actors/driver/domain/usage-records.ts';
import { carUsage } from './drive.ts';
import type { OnboardedCar } from './onboard.ts';

/** A fleet onboarded at a CSP, as a load generator needs it: the month and each car's subscription. */
export interface FleetFile {
  readonly month: string;
  readonly cars: readonly OnboardedCar[];
}

/** What a batch of cars `[first, first + count)` of the fleet sends for the month (car n is seeded n + 1). */
export function fleetBatchRecords(fleet: FleetFile, first: number, count: number): Record<string, unknown>[] {
  const period = parsePeriodId(fleet.month);
  return fleet.cars
    .slice(first, first + count)
    .flatMap((car, i) => usageRecords({ ...car, ...carUsage(first + i + 1), period, seed: first + i + 1, firstRecord: 1 }));
}

export const recordIdOf = (record: Record<string, unknown>) => String((record.usageCharacteristic as { value: unknown }[])[0].value);
