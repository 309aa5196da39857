/**
 * What `trace.json` holds: every exchange as recorded, and on those that fulfil documented steps the
 * ids of those steps, so that a replay (the dashboard's player) labels them as the live run did.
 */
import type { Exchange } from '../exchange.ts';
import { stepsBySeq, type FlowVerdict } from '../flows/match.ts';

/** One exchange of a trace: the recorded exchange, plus the documented steps it fulfils, if any. */
export type TraceEntry = Exchange & { readonly steps?: readonly string[] };

/** Step ids by sequence number, from every figure of the verdicts. */
export function stepsOfVerdicts(verdicts: readonly FlowVerdict[]): Record<number, string[]> {
  return stepsBySeq(verdicts.flatMap((v) => v.figures.flatMap((f) => f.seen)));
}

/** The exchanges with their step labels; an exchange that fulfils no step is left as recorded. */
export function labelledTrace(exchanges: readonly Exchange[], steps: Readonly<Record<number, readonly string[]>>): TraceEntry[] {
  return exchanges.map((e) => (steps[e.seq]?.length ? { ...e, steps: steps[e.seq] } : e));
}
