import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActorId } from '../../core/actor-ids.ts';
import { FLOWS } from '../flows/catalogue.ts';
import { leavesOf } from '../flows/observe.ts';
import { FIGURES, type Figure, type FlowStep, type InternalMatcher, type WireMatcher } from '../flows/types.ts';

/** The figures in which a party takes part: it is on one end of at least one of their steps. */
export function figuresOf(party: ActorId): Figure[] {
  return FIGURES.filter((f) => FLOWS.some((s) => s.figure === f && takesPart(s, party)));
}

export function takesPart(step: FlowStep, party: ActorId): boolean {
  return step.from.includes(party) || step.to.includes(party);
}

/** The figures that have at least one scenario: a `@figureN` tag in a feature file under `dir`. */
export function figuresWithScenarios(dir = 'features'): Figure[] {
  const tags = featureFiles(dir).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/@figure(\d+)\b/g)].map((m) => Number(m[1])));
  return FIGURES.filter((f) => tags.includes(f));
}

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return featureFiles(path);
    return entry.name.endsWith('.feature') ? [path] : [];
  });
}

/** The Cucumber tag expression of the scenarios of these figures, or undefined when there is none. */
export function tagExpression(figures: readonly Figure[]): string | undefined {
  return figures.length > 0 ? figures.map((f) => `@figure${f}`).join(' or ') : undefined;
}

/** A leaf of a step's observation, with the cell of the matrix it stands for. */
export interface StepLeaf {
  readonly step: FlowStep;
  readonly matcher: WireMatcher | InternalMatcher;
  readonly api: string;
  readonly operation: string;
}

/** The matrix label of a matcher: `GET customerBill`, `event customerBillCreateEvent`, `POST /control/…`, `journal bill.produced`. */
export function labelOf(m: WireMatcher | InternalMatcher): { api: string; operation: string } {
  switch (m.kind) {
    case 'call':
      return { api: m.api, operation: `${m.method} ${m.resource}` };
    case 'notification':
      return { api: m.api, operation: `event ${m.events.join('|')}` };
    case 'party-api':
      return { api: m.api, operation: `POST ${m.path}` };
    case 'journal':
      return { api: 'internal', operation: `journal ${m.type}` };
  }
}

/** The leaves of the party's steps in these figures on which the party is an end (or the actor of an internal step). */
export function leavesOfParty(party: ActorId, figures: readonly Figure[]): StepLeaf[] {
  return FLOWS.filter((s) => figures.includes(s.figure) && takesPart(s, party)).flatMap((step) =>
    leavesOf(step.observe)
      .filter((m) => (m.kind === 'journal' ? m.actor.includes(party) : m.from.includes(party) || m.to.includes(party)))
      .map((matcher) => ({ step, matcher, ...labelOf(matcher) })),
  );
}

/** wireLeaves' answers by figures: FLOWS never changes, and a report looks up every exchange's step. */
const wireLeavesOf = new Map<string, readonly { step: FlowStep; matcher: WireMatcher }[]>();

/** Every wire matcher of these figures' steps, proving or related, with its step. */
export function wireLeaves(figures: readonly Figure[]): readonly { step: FlowStep; matcher: WireMatcher }[] {
  const key = figures.join(',');
  let leaves = wireLeavesOf.get(key);
  if (!leaves) {
    leaves = FLOWS.filter((s) => figures.includes(s.figure)).flatMap((step) =>
      [...leavesOf(step.observe).filter((m): m is WireMatcher => m.kind !== 'journal'), ...(step.related ?? [])].map((matcher) => ({ step, matcher })),
    );
    wireLeavesOf.set(key, leaves);
  }
  return leaves;
}
