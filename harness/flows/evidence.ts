import type { ActorId } from '../../core/actor-ids.ts';
import type { Exchange } from '../exchange.ts';
import type { InternalMatcher, JournalEntry, Observation, WireMatcher } from './types.ts';
import { matchesWire } from './wire-match.ts';

/** An exchange on the wire that proves (part of) a step. */
export interface WireEvidence {
  readonly source: 'wire';
  readonly seq: number;
  readonly operation: string;
  /** `Exchange.startedAt`. */
  readonly at: string;
}

/** A journal entry that proves (part of) an internal step. */
export interface JournalEvidence {
  readonly source: 'journal';
  readonly actor: ActorId;
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  /** How far `at` may be off the harness's clock (JournalEntry.uncertaintyMs). */
  readonly uncertaintyMs?: number;
}

export type Evidence = WireEvidence | JournalEvidence;

/** What a scenario left behind: its successful flow exchanges (by seq) and its actors' journals. */
export interface ScenarioRecord {
  readonly exchanges: readonly Exchange[];
  readonly journal: readonly JournalEntry[];
}

/**
 * Is `a` strictly before `b`? Wire exchanges compare by wire seq, entries of one journal by their seq;
 * anything else by wall-clock time, on the harness's clock: closer than the margins of the clocks they
 * were read on, neither is before the other. Times that do not parse make the pair incomparable (never
 * "before").
 */
export function isBefore(a: Evidence, b: Evidence): boolean {
  if (a.source === 'wire' && b.source === 'wire') return a.seq < b.seq;
  if (a.source === 'journal' && b.source === 'journal' && a.actor === b.actor) return a.seq < b.seq;
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  return !Number.isNaN(ta) && !Number.isNaN(tb) && ta + marginOf(a) + marginOf(b) < tb;
}

const marginOf = (e: Evidence): number => (e.source === 'journal' ? (e.uncertaintyMs ?? 0) : 0);

/**
 * The earliest way the observation is met by evidence that comes after none of `preds` is reversed:
 * no piece of it is before a predecessor. Returns the evidence used, the step's anchor first, or
 * undefined when the record has no such occurrence. Hub subscriptions that serve the action of an
 * all-of may come from anywhere in the scenario: a subscription is often made once, ahead of the steps
 * it serves.
 */
export function firstAfter(o: Observation, preds: readonly Evidence[], record: ScenarioRecord): Evidence[] | undefined {
  switch (o.kind) {
    case 'all':
      return firstAllAfter(o.parts, preds, record);
    case 'any':
      return earliest(o.options.map((opt) => firstAfter(opt, preds, record)));
    default: {
      const found = occurrences(o, record).find((e) => preds.every((p) => !isBefore(e, p)));
      return found && [found];
    }
  }
}

function firstAllAfter(parts: readonly Observation[], preds: readonly Evidence[], record: ScenarioRecord): Evidence[] | undefined {
  const [first, ...rest] = parts;
  const anchor = first && firstAfter(first, preds, record);
  if (!anchor) return undefined;
  const used = [...anchor];
  // A step that is itself a subscription (9.20) keeps its subscriptions in order.
  const floating = !isSubscription(first);
  for (const part of rest) {
    const own = floating && isSubscription(part) ? [] : preds;
    // Prefer the occurrence that follows the anchor, so the evidence reads as one step.
    const found = firstAfter(part, [...own, anchor[0]], record) ?? firstAfter(part, own, record);
    if (!found) return undefined;
    used.push(...found);
  }
  return used;
}

function earliest(candidates: readonly (Evidence[] | undefined)[]): Evidence[] | undefined {
  let best: Evidence[] | undefined;
  for (const c of candidates) {
    if (c && (!best || isBefore(c[0], best[0]))) best = c;
  }
  return best;
}

function isSubscription(o: Observation): boolean {
  return o.kind === 'call' && o.resource === 'hub';
}

/** Every occurrence of one matcher in the record, in record order. */
export function occurrences(o: WireMatcher | InternalMatcher, record: ScenarioRecord): Evidence[] {
  if (o.kind === 'journal') {
    return record.journal.flatMap((j): Evidence[] => {
      const actor = o.actor.find((a) => a === j.actor);
      if (!actor || j.type !== o.type) return [];
      return [{ source: 'journal', actor, seq: j.seq, type: j.type, at: j.at, ...(j.uncertaintyMs ? { uncertaintyMs: j.uncertaintyMs } : {}) }];
    });
  }
  return record.exchanges.filter((e) => matchesWire(o, e)).map((e) => ({ source: 'wire', seq: e.seq, operation: e.operation, at: e.startedAt }));
}
