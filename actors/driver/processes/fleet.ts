import { parsePeriodId } from '../../../core/billing-period.ts';
import { PARTY_API, type UsageBatchSummary } from '../../../core/party-api.ts';
import { badRequest } from '../../../tmf/errors.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { isRecord } from '../../../core/plain-data.ts';
import { isSessionCount, MAX_SESSIONS } from './car.ts';
import { recordIdOf, usageRecords } from '../domain/usage-records.ts';
import type { DriverData } from '../store.ts';

/** One car of a fleet and its month: which subscription its records name, and how much it uses. */
export interface FleetCar {
  readonly vehicleId: string;
  readonly subscription: string;
  /** The car's number in the fleet: seeds its sessions, so the same fleet always sends the same records. */
  readonly seed: number;
  readonly infotainmentMB: number;
  readonly telematicsMB: number;
  readonly sessions: { readonly infotainment: number; readonly telematics: number };
}

/** Cars one call drives: what one batch of their records holds stays well within a request's size. */
export const MAX_FLEET_CARS = 250;

/** What a fleet's drive sent and what the CSP's mediation answered. */
export interface FleetDrive {
  readonly recordIds: string[];
  readonly batch: UsageBatchSummary;
}

/**
 * Step 8.9 for many cars at once: a month of each car's usage (the same generator as one car's drive)
 * sent to the CSP's mediation as one usage batch, as a fleet's telematics backend does. The records are
 * not kept by the driver: the CSP's answer says what became of each.
 */
export async function driveFleet(runtime: ActorRuntime<DriverData>, period: unknown, cars: unknown): Promise<FleetDrive> {
  const month = checkedPeriod(period);
  const fleet = checkedCars(cars);
  const records = fleet.flatMap((car) => usageRecords({ ...car, period: month, seed: runtime.config.seed + car.seed, firstRecord: 1 }));
  const batch = await runtime.client('csp').postLines<UsageBatchSummary>(PARTY_API.usageBatch, records);
  const recordIds = records.map(recordIdOf);
  return { recordIds, batch };
}

function checkedPeriod(period: unknown) {
  try {
    return parsePeriodId(String(period));
  } catch {
    throw badRequest('Invalid fleet drive', `period is a month, YYYY-MM, got '${String(period)}'`);
  }
}

function checkedCars(cars: unknown): FleetCar[] {
  const usage = 'cars is a list of {vehicleId, subscription, seed, infotainmentMB, telematicsMB, sessions: {infotainment, telematics}}';
  if (!Array.isArray(cars) || cars.length === 0 || cars.length > MAX_FLEET_CARS)
    throw badRequest('Invalid fleet drive', `${usage}, 1 to ${MAX_FLEET_CARS} cars a call`);
  return cars.map((car: unknown, i) => {
    if (!isFleetCar(car)) throw badRequest('Invalid fleet drive', `car ${i + 1}: ${usage} (sessions 0 to ${MAX_SESSIONS} each)`);
    return car;
  });
}

const isVolume = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= 0;

function isFleetCar(car: unknown): car is FleetCar {
  return (
    isRecord(car) &&
    typeof car.vehicleId === 'string' &&
    car.vehicleId !== '' &&
    typeof car.subscription === 'string' &&
    car.subscription !== '' &&
    Number.isInteger(car.seed) &&
    isVolume(car.infotainmentMB) &&
    isVolume(car.telematicsMB) &&
    isRecord(car.sessions) &&
    isSessionCount(car.sessions.infotainment) &&
    isSessionCount(car.sessions.telematics)
  );
}
