import type { ActorId, WireParty } from '../../core/actor-ids.ts';
import type { Exchange } from '../exchange.ts';
import { isFigure, step, stepsOf } from './catalogue.ts';
import { describeMatcher } from './describe.ts';
import { firstAfter, occurrences, type Evidence, type ScenarioRecord } from './evidence.ts';
import { leavesOf } from './observe.ts';
import { BRANCHES, type Branch, type Figure, type FlowStep, type JournalEntry, type StepId } from './types.ts';
import { matchesWire, succeeded, wireMatchersOf } from './wire-match.ts';

export type { JournalEntry } from './types.ts';
export type { Evidence, JournalEvidence, WireEvidence } from './evidence.ts';

/** What one scenario did, and what it claims to cover. */
export interface ScenarioFlowInput {
  /** The scenario's name, as recorded in `Exchange.scenario`; other scenarios' exchanges are ignored. */
  readonly scenario: string;
  readonly figures: readonly number[];
  /** The steps covered (`@steps:7.1,7.5`); without it, the whole of each figure minus other branches. */
  readonly steps?: readonly string[];
  /** The branches the scenario takes, e.g. `existing-customer`. */
  readonly branches?: readonly string[];
  /**
   * Figures its Background goes through to set the scene (`@setup:figure7`: a partner onboarded first).
   * Their steps explain the traffic they cause; none of them is claimed, expected or missing.
   */
  readonly setup?: readonly number[];
  /** The wire's record; may hold other scenarios' exchanges. */
  readonly exchanges: readonly Exchange[];
  /** The journals of the scenario's actors, this scenario's entries only. */
  readonly journal: readonly JournalEntry[];
}

/** A covered step and the evidence that proves it, its anchor (the occurrence used for order) first. */
export interface SeenStep {
  readonly step: StepId;
  readonly evidence: readonly Evidence[];
}

/** A covered step that was not seen, and the matchers of it that nothing in the record met. */
export interface UnmetStep {
  readonly step: StepId;
  readonly parts: readonly string[];
}

/** A step seen only before a step it must follow. */
export interface OutOfOrderStep {
  readonly step: StepId;
  readonly mustFollow: StepId;
  readonly evidence: Evidence;
}

/** A flow exchange that no step of any figure describes. */
export interface UnexpectedExchange {
  readonly seq: number;
  readonly operation: string;
  readonly from: WireParty;
  readonly to: ActorId;
  readonly path: string;
  readonly status: number;
}

export interface FigureVerdict {
  readonly figure: Figure;
  readonly expected: readonly StepId[];
  readonly seen: readonly SeenStep[];
  readonly missing: readonly StepId[];
  readonly unmet: readonly UnmetStep[];
  readonly outOfOrder: readonly OutOfOrderStep[];
}

/**
 * The comparison of one scenario with FLOWS.md. `unexpected` is scenario-wide: an exchange that no step
 * of the scenario's figures describes is listed once rather than under each figure.
 */
export interface FlowVerdict {
  readonly scenario: string;
  readonly ok: boolean;
  readonly figures: readonly FigureVerdict[];
  readonly unexpected: readonly UnexpectedExchange[];
  /**
   * Documented steps of the scenario's figures that it performed although it claims none of them
   * (`@steps:none`): a refused call that nonetheless went through is a step it was not meant to take.
   */
  readonly unclaimed: readonly StepId[];
  /**
   * Undocumented calls the callee refused for want of credentials or of a bundle right (401/403). The
   * refusal is what rule 7.2 documents and changes nothing, so these are listed without failing `ok`:
   * a negative scenario provokes them on purpose.
   */
  readonly refused: readonly UnexpectedExchange[];
}

const FLOW_KINDS: ReadonlySet<string> = new Set(['call', 'notification', 'party-api']);
const BRANCH_LABELS: ReadonlySet<string> = new Set(Object.values(BRANCHES));

/**
 * Compares what a scenario did on the wire and in its actors' journals with the documented steps of
 * its figures: which covered steps were seen, which are missing, which came before a step they must
 * follow, and which exchanges no documented step explains. Throws on a figure, step or branch that
 * FLOWS.md does not have, so that a mistyped tag fails loudly instead of covering nothing.
 */
export function matchScenario(input: ScenarioFlowInput): FlowVerdict {
  const figures = checkedFigures(input);
  const branches = checkedBranches(input.branches ?? []);
  const flow = input.exchanges.filter((e) => e.scenario === input.scenario && FLOW_KINDS.has(e.kind));
  const record: ScenarioRecord = {
    exchanges: flow.filter(succeeded).sort((a, b) => a.seq - b.seq),
    journal: [...input.journal].sort(byTime),
  };
  const verdicts = figures.map((f) => judgeFigure(f, covered(f, input.steps, branches), record));
  // Traffic is explained only by the steps of the scenario's own figures: a figure 8 scenario that
  // makes a figure 9 call has done something its figure does not document.
  const setup = checkedSetup(input);
  const ownMatchers = [...figures, ...setup].flatMap((f) => stepsOf(f).flatMap(wireMatchersOf));
  const undocumented = flow.filter((e) => !ownMatchers.some((m) => matchesWire(m, e)));
  const unexpected = undocumented.filter((e) => !isRefusal(e)).map(toUnexpected);
  const refused = undocumented.filter(isRefusal).map(toUnexpected);
  const unclaimed = input.steps?.length === 0 ? performedSteps(figures, record) : [];
  const ok = unexpected.length === 0 && unclaimed.length === 0 && verdicts.every((v) => v.missing.length === 0 && v.outOfOrder.length === 0);
  return { scenario: input.scenario, ok, figures: verdicts, unexpected, unclaimed, refused };
}

/** The documented steps of the figures that the record shows, whatever the scenario claims. */
function performedSteps(figures: readonly Figure[], record: ScenarioRecord): StepId[] {
  return figures
    .flatMap((f) => stepsOf(f))
    .filter((s) => firstAfter(s.observe, [], record) !== undefined)
    .map((s) => s.id);
}

/** Every problem of a verdict, one line each: what makes `ok` false. */
export function flowProblems(verdict: FlowVerdict): string[] {
  return [
    ...verdict.figures.flatMap((f) => [
      ...f.missing.map((s) => `missing ${s}: nothing met ${f.unmet.find((u) => u.step === s)?.parts.join('; ') ?? 'its matchers'}`),
      ...f.outOfOrder.map((o) => `${o.step} before ${o.mustFollow}`),
    ]),
    ...verdict.unclaimed.map((s) => `performed ${s}, which the scenario claims not to (@steps:none)`),
    ...verdict.unexpected.map(
      (u) =>
        `unexpected #${u.seq} ${u.from}→${u.to} ${u.operation} (${u.status}): no step of figure ${verdict.figures.map((f) => f.figure).join('/')} describes it`,
    ),
  ];
}

function checkedFigures(input: ScenarioFlowInput): Figure[] {
  if (input.figures.length === 0) throw new Error(`scenario "${input.scenario}" names no figure`);
  const figures = input.figures.map((f) => {
    if (!isFigure(f)) throw new Error(`FLOWS.md has no figure ${f}`);
    return f;
  });
  for (const id of input.steps ?? []) {
    if (!figures.includes(step(id).figure)) {
      throw new Error(`step ${id} is not in the figures of scenario "${input.scenario}" (${figures.join(', ')})`);
    }
  }
  return figures;
}

function checkedSetup(input: ScenarioFlowInput): Figure[] {
  return (input.setup ?? []).map((f) => {
    if (!isFigure(f)) throw new Error(`FLOWS.md has no figure ${f} (set up by scenario "${input.scenario}")`);
    return f;
  });
}

function checkedBranches(branches: readonly string[]): Branch[] {
  return branches.map((b) => {
    if (!BRANCH_LABELS.has(b)) throw new Error(`FLOWS.md has no branch "${b}"`);
    return b as Branch;
  });
}

/** Listed steps are taken as given (listing a branch step states its branch); otherwise the whole figure. */
function covered(figure: Figure, steps: readonly string[] | undefined, branches: readonly Branch[]): FlowStep[] {
  const all = stepsOf(figure);
  if (steps) return all.filter((s) => steps.includes(s.id));
  return all.filter((s) => s.branch === undefined || branches.includes(s.branch));
}

/** Steps are judged in document order, so a step's predecessors are placed before it is. */
function judgeFigure(figure: Figure, expected: readonly FlowStep[], record: ScenarioRecord): FigureVerdict {
  const placed = new Map<StepId, Evidence>();
  const seen: SeenStep[] = [];
  const missing: StepId[] = [];
  const unmet: UnmetStep[] = [];
  const outOfOrder: OutOfOrderStep[] = [];
  for (const s of expected) {
    const anywhere = firstAfter(s.observe, [], record);
    if (!anywhere) {
      missing.push(s.id);
      unmet.push({ step: s.id, parts: unmetParts(s, record) });
      continue;
    }
    const preds = (s.after ?? []).flatMap((id) => {
      const at = placed.get(id);
      return at ? [{ id, at }] : [];
    });
    const inOrder = firstAfter(
      s.observe,
      preds.map((p) => p.at),
      record,
    );
    const evidence = inOrder ?? anywhere;
    if (!inOrder) {
      const broken = preds.filter((p) => !firstAfter(s.observe, [p.at], record));
      // When each predecessor alone can be followed but not all together, every one of them is in the way.
      for (const p of broken.length > 0 ? broken : preds) {
        outOfOrder.push({ step: s.id, mustFollow: p.id, evidence: evidence[0] });
      }
    }
    placed.set(s.id, evidence[0]);
    seen.push({ step: s.id, evidence });
  }
  return { figure, expected: expected.map((s) => s.id), seen, missing, unmet, outOfOrder };
}

function unmetParts(s: FlowStep, record: ScenarioRecord): string[] {
  return leavesOf(s.observe)
    .filter((m) => occurrences(m, record).length === 0)
    .map(describeMatcher);
}

function byTime(a: JournalEntry, b: JournalEntry): number {
  return (Date.parse(a.at) || 0) - (Date.parse(b.at) || 0) || a.seq - b.seq;
}

function isRefusal(e: Exchange): boolean {
  return e.status === 401 || e.status === 403;
}

function toUnexpected(e: Exchange): UnexpectedExchange {
  return { seq: e.seq, operation: e.operation, from: e.from, to: e.to, path: e.path, status: e.status };
}

/** Which documented steps each exchange fulfils: the wire evidence of every step seen, by sequence number. */
export function stepsBySeq(seen: readonly SeenStep[]): Record<number, string[]> {
  const bySeq: Record<number, string[]> = {};
  for (const { step, evidence } of seen) {
    for (const e of evidence) {
      if (e.source !== 'wire') continue;
      const steps = (bySeq[e.seq] ??= []);
      if (!steps.includes(step)) steps.push(step);
    }
  }
  return bySeq;
}
