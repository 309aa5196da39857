import { performance } from 'node:perf_hooks';
import type { UsageBatchSummary } from '../../core/party-api.ts';
import type { Ecosystem } from '../ecosystem.ts';
import type { OnboardedCar } from './onboard.ts';
import type { Progress } from './progress.ts';

/** What each car sends in the month: 30 records, some cars over their 5 GB allowance. */
export const SESSIONS = { infotainment: 20, telematics: 10 } as const;
export const RECORDS_PER_CAR = SESSIONS.infotainment + SESSIONS.telematics;
export const carUsage = (seed: number) => ({ infotainmentMB: 3000 + (seed % 7) * 700, telematicsMB: 40, sessions: SESSIONS });

/** How the fleet's usage went in: totals, throughput and the latency of each batch. */
export interface DriveFigures {
  readonly records: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
  readonly seconds: number;
  readonly batches: number;
  /** Per batch (one request of carsPerBatch cars' records), in ms. */
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly p99: number; readonly max: number };
  /** The record id of every record sent: what reconciliation expects rated once. */
  readonly recordIds: readonly string[];
  /** The first refusals the CSP gave, for the report. */
  readonly refusals: readonly string[];
}

export interface DriveOptions {
  readonly carsPerBatch: number;
  /** Batches in flight at once. */
  readonly concurrency: number;
}

/**
 * Every car's month of usage through the documented ingestion path (8.9): the driver's side (the cars)
 * generates each car's records and sends them to the CSP's mediation as usage batches, a few in flight.
 */
export async function driveFleetUsage(
  ecosystem: Ecosystem,
  cars: readonly OnboardedCar[],
  month: string,
  progress: Progress,
  options: DriveOptions,
): Promise<DriveFigures> {
  const batches: OnboardedCar[][] = [];
  for (let i = 0; i < cars.length; i += options.carsPerBatch) batches.push(cars.slice(i, i + options.carsPerBatch));
  const keeper = ecosystem.control('driver');
  const latencies: number[] = [];
  const recordIds: string[] = [];
  const refusals: string[] = [];
  const totals = { accepted: 0, duplicates: 0, rejected: 0 };
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    for (let b = next++; b < batches.length; b = next++) {
      const first = b * options.carsPerBatch;
      const batch = batches[b].map((car, i) => ({ ...car, seed: first + i + 1, ...carUsage(first + i + 1) }));
      const t = performance.now();
      const sent = await keeper.post<{ recordIds: string[]; batch: UsageBatchSummary }>('/control/fleet-drive', { period: month, cars: batch });
      latencies.push(performance.now() - t);
      recordIds.push(...sent.recordIds);
      totals.accepted += sent.batch.accepted;
      totals.duplicates += sent.batch.duplicates;
      totals.rejected += sent.batch.rejected;
      refusals.push(...sent.batch.rejections.slice(0, 5 - Math.min(5, refusals.length)).map((r) => `${r.code}: ${r.reason}`));
      progress.tick(batch.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  progress.done();
  const seconds = (performance.now() - started) / 1000;
  return { records: recordIds.length, ...totals, seconds, batches: batches.length, latencyMs: percentiles(latencies), recordIds, refusals };
}

function percentiles(values: number[]): DriveFigures['latencyMs'] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: Math.round(sorted.at(-1) ?? 0) };
}
