import { seededFaker } from '../../../core/seeded-faker.ts';
import { Decimal } from 'decimal.js';
import type { BillingPeriod } from '../../../core/billing-period.ts';
import type { Characteristic, CreateBody } from '../../../tmf/resources.ts';

/** A record as the car sends it: a TMF635 create body with its characteristics (the record id among them). */
export type UsageRecord = CreateBody<'TMF635', 'usage'> & { usageCharacteristic: Characteristic[] };

/** The car's own id of a record. */
export const recordIdOf = (record: UsageRecord): string => String(record.usageCharacteristic.find((c) => c.name === 'recordId')?.value ?? '');

/** What the car does in a month: its sessions of each usage class, and the total MB of each. */
export interface DrivePlan {
  readonly subscription: string;
  readonly vehicleId: string;
  readonly period: BillingPeriod;
  readonly infotainmentMB: Decimal.Value;
  readonly telematicsMB: Decimal.Value;
  readonly sessions: { readonly infotainment: number; readonly telematics: number };
  readonly seed: number;
  /** Sequence number of the first record: record ids never repeat across drives. */
  readonly firstRecord: number;
}

const APPLICATIONS = {
  infotainment: ['music-streaming', 'video-streaming', 'navigation-maps', 'podcasts', 'web-browsing', 'voice-assistant'],
  telematics: ['vehicle-diagnostics', 'fleet-telemetry', 'ota-update-check', 'ecall-heartbeat', 'battery-monitoring'],
} as const;

const DURATION_SECONDS = { infotainment: { min: 120, max: 7200 }, telematics: { min: 5, max: 180 } } as const;

/** Thousandths of a MB: volumes are exact to the kilobyte. */
const MILLI = 1000n;

/**
 * Splits a total volume into `n` session volumes with random weights; they add up to the total exactly
 * (each rounded down to the kilobyte, the kilobytes left over going one each to the first sessions).
 */
export function splitVolume(totalMB: Decimal.Value, weights: readonly number[]): Decimal[] {
  const total = BigInt(new Decimal(totalMB).times(1000).toFixed(0, Decimal.ROUND_DOWN));
  const weightTotal = BigInt(weights.reduce((a, b) => a + b, 0));
  const parts = weights.map((w) => (total * BigInt(w)) / weightTotal);
  let left = total - parts.reduce((a, b) => a + b, 0n);
  for (let i = 0; left > 0n; i = (i + 1) % parts.length, left--) parts[i] += 1n;
  return parts.map((p) => new Decimal(p.toString()).div(MILLI.toString()));
}

/**
 * The car's data usage records of a month (TMF635 create bodies for the mediation intake): realistic
 * sessions — application, start time, duration, volume — from seeded faker data, so the same plan always
 * gives the same records. They come in the order the sessions started.
 */
export function usageRecords(plan: DrivePlan): UsageRecord[] {
  const faker = seededFaker(plan.seed + plan.firstRecord);
  const span = plan.period.end.getTime() - plan.period.start.getTime() - 3_600_000;
  const sessions = (['infotainment', 'telematics'] as const).flatMap((usageClass) => {
    const count = plan.sessions[usageClass];
    if (count === 0) return [];
    const volumes = splitVolume(
      usageClass === 'infotainment' ? plan.infotainmentMB : plan.telematicsMB,
      Array.from({ length: count }, () => faker.number.int({ min: 1, max: 100 })),
    );
    return volumes.map((volume) => ({
      usageClass,
      volume,
      start: new Date(plan.period.start.getTime() + faker.number.int({ min: 0, max: span / 1000 }) * 1000),
      duration: faker.number.int(DURATION_SECONDS[usageClass]),
      application: faker.helpers.arrayElement(APPLICATIONS[usageClass]),
    }));
  });
  sessions.sort((a, b) => a.start.getTime() - b.start.getTime());
  return sessions.map((s, i) => ({
    usageDate: s.start.toISOString(),
    usageType: s.usageClass,
    status: 'received',
    description: `${s.application} session of ${s.duration} s`,
    usageCharacteristic: [
      { name: 'recordId', value: `${plan.vehicleId}-${String(plan.firstRecord + i).padStart(6, '0')}` },
      { name: 'subscriptionId', value: plan.subscription },
      { name: 'vehicleId', value: plan.vehicleId },
      { name: 'volumeMB', valueType: 'number', value: Number(s.volume.toFixed()) },
      { name: 'durationSeconds', valueType: 'number', value: s.duration },
      { name: 'application', value: s.application },
    ],
  }));
}
