/**
 * The simulated clock. Every actor reads time from its clock only, never from `Date.now()`, so that a
 * scenario decides when a billing period ends and the same run always gives the same report.
 */
export interface Clock {
  now(): Date;
  set(at: Date): void;
  advance(ms: number): void;
}

/** Where every simulation starts unless told otherwise: the first day of a billing period. */
export const DEFAULT_START = new Date('2026-01-01T08:00:00.000Z');

export class SimulatedClock implements Clock {
  #at: number;

  constructor(start: Date = DEFAULT_START) {
    this.#at = start.getTime();
  }

  now(): Date {
    return new Date(this.#at);
  }

  set(at: Date): void {
    if (Number.isNaN(at.getTime())) throw new Error('clock: invalid date');
    this.#at = at.getTime();
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('clock: time only moves forward');
    this.#at += ms;
  }
}

export const DAY_MS = 24 * 60 * 60 * 1000;
