import type { Ecosystem } from '../ecosystem.ts';
import { endMonth } from '../drive/figure8.ts';
import { type DriveFigures, driveFleetUsage, type DriveOptions } from './drive.ts';
import { onboardFleet, type OnboardedCar } from './onboard.ts';
import { type Progress, silent } from './progress.ts';
import { reconcileAtCsp, type Reconciliation } from './reconcile.ts';

export interface FleetMonthOptions extends DriveOptions {
  readonly cars: number;
  /** YYYY-MM */
  readonly month: string;
  /** A progress bar per phase (onboarding, usage), given its label and total. */
  readonly progress?: (label: string, total: number) => Progress;
}

export interface FleetMonth {
  readonly cars: readonly OnboardedCar[];
  readonly onboardingSeconds: number;
  readonly drive: DriveFigures;
  readonly billingSeconds: number;
}

/** A fleet's month against the CSP: onboarded, its usage driven, then the month's bill run. */
export async function fleetMonth(ecosystem: Ecosystem, options: FleetMonthOptions): Promise<FleetMonth> {
  const bar = options.progress ?? (() => silent);
  let t = performance.now();
  const cars = await onboardFleet(ecosystem, options.cars, options.month, bar('onboarding', options.cars));
  const onboardingSeconds = (performance.now() - t) / 1000;
  const drive = await driveFleetUsage(ecosystem, cars, options.month, bar('usage', cars.length), options);
  t = performance.now();
  await endMonth(ecosystem, options.month);
  return { cars, onboardingSeconds, drive, billingSeconds: (performance.now() - t) / 1000 };
}

/** The CSP's books after the month, checked against what the fleet sent. */
export async function reconcileFleet(ecosystem: Ecosystem, month: FleetMonth): Promise<Reconciliation> {
  return reconcileAtCsp(ecosystem.control('csp'), month.drive.recordIds);
}
