/**
 * The flows in words an audience follows without knowing TM Forum: each figure's name and each step's
 * sentence with the parties it goes between. The dashboard and the run reports both speak these.
 */
import { ACTOR_TITLES, type ActorId } from '../../core/actor-ids.ts';
import { step as stepById } from './catalogue.ts';
import type { Figure, FlowStep } from './types.ts';

/** The figures' names, as FLOWS.md heads them. */
export const FIGURE_NAMES: Readonly<Record<Figure, string>> = {
  7: 'Product setup and billing',
  8: 'Service use and split billing',
  9: 'Trouble tickets and SLA',
  10: 'Creating a converged infotainment offer',
  11: 'Ordering and delivering the converged offer',
};

/** `Figure 8 — Service use and split billing`. */
export function figureHeading(figure: Figure): string {
  return `Figure ${figure} — ${FIGURE_NAMES[figure]}`;
}

function parties(ids: readonly ActorId[]): string {
  return ids.map((id) => ACTOR_TITLES[id]).join(' or ');
}

/** Who a step goes between: `Car manufacturer (OEM) → CSP (telecom operator)`, or one party for an internal step. */
export function stepParties(step: FlowStep): string {
  const from = parties(step.from);
  const to = parties(step.to);
  return from === to ? `${from} (internal)` : `${from} → ${to}`;
}

/** The step's rule as a sentence: capital first letter, nothing cut. */
export function stepSentence(step: FlowStep): string {
  const rule = step.rule.trim();
  return rule.charAt(0).toUpperCase() + rule.slice(1);
}

/** The words a page shows for one step. */
export interface StepWords {
  readonly id: string;
  readonly sentence: string;
  readonly parties: string;
  /** The "API / operation" column of FLOWS.md, for the technical reader. */
  readonly api: string;
}

export function stepWords(id: string): StepWords {
  const s = stepById(id);
  return { id: s.id, sentence: stepSentence(s), parties: stepParties(s), api: s.title };
}
