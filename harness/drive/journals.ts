import { ACTOR_IDS, isActorId } from '../../core/actor-ids.ts';
import { WALL_CLOCK_HEADER } from '../../actors/kit/control-contract.ts';
import type { JournalEntry } from '../../tmf/data.ts';
import type { Ecosystem } from '../ecosystem.ts';
import type { JournalEntry as FlowJournalEntry } from '../flows/types.ts';

/**
 * How far the harness allows the wall clock of a party that does not say what its clock reads (no
 * `x-wall-clock` on its journal) to be off its own: a second, within which its journal is not ordered
 * against the wire. The standard asks for no synchronised clock, so a partner is not failed for one.
 */
export const UNSAID_CLOCK_MS = 1000;

/** Where a party's wall clock stands against the harness's: how far ahead it is, give or take how much. */
export interface ClockPlacement {
  readonly offsetMs: number;
  readonly uncertaintyMs: number;
}

/** A party in the harness's process: the very same clock. */
const SAME_CLOCK: ClockPlacement = { offsetMs: 0, uncertaintyMs: 0 };

/**
 * Every party's journal, timed on the harness's clock so that it orders against the exchanges on the
 * wire (whose times are the harness's). An entry's time is the party's `recordedAt`, its wall clock: a
 * party in another process or on another host has a clock of its own, placed by what it says it reads.
 */
export async function journals(ecosystem: Ecosystem): Promise<FlowJournalEntry[]> {
  const all = await Promise.all(
    ACTOR_IDS.map(async (id) => {
      const sentAt = Date.now();
      const answer = await ecosystem.control(id).request<JournalEntry[]>('GET', '/control/journal');
      const placement = ecosystem.local[id] ? SAME_CLOCK : placementOf(answer.headers.get(WALL_CLOCK_HEADER), sentAt, Date.now());
      return answer.body.filter((e) => isActorId(e.actor)).map((e) => onHarnessClock(e, placement));
    }),
  );
  return all.flat();
}

/**
 * A party's clock against the harness's, from what it said its clock read (`said`) while answering a call
 * sent at `sentAt` and answered at `receivedAt` (harness ms): it read it at the midpoint, give or take half
 * the round trip (and a millisecond each way for whole milliseconds). An offset within that margin is no
 * evidence of one: the clock is taken as the harness's, with the margin.
 */
export function placementOf(said: string | null | undefined, sentAt: number, receivedAt: number): ClockPlacement {
  const reading = said ? Date.parse(said) : Number.NaN;
  if (Number.isNaN(reading)) return { offsetMs: 0, uncertaintyMs: UNSAID_CLOCK_MS };
  const half = (receivedAt - sentAt) / 2;
  const uncertaintyMs = Math.ceil(half) + 1;
  const offsetMs = reading - (sentAt + half);
  return { offsetMs: Math.abs(offsetMs) <= uncertaintyMs ? 0 : offsetMs, uncertaintyMs };
}

/** The entry with its time (`at`) on the harness's clock, from its `recordedAt`, and the margin of that time. */
export function onHarnessClock<E extends { readonly recordedAt: string }>(entry: E, placement: ClockPlacement): E & { at: string; uncertaintyMs?: number } {
  const recorded = Date.parse(entry.recordedAt);
  const at = Number.isNaN(recorded) || placement.offsetMs === 0 ? entry.recordedAt : new Date(recorded - placement.offsetMs).toISOString();
  return { ...entry, at, ...(placement.uncertaintyMs > 0 ? { uncertaintyMs: placement.uncertaintyMs } : {}) };
}
