import { FIGURE_7 } from './catalogue-7.ts';
import { FIGURE_8 } from './catalogue-8.ts';
import { FIGURE_9 } from './catalogue-9.ts';
import { FIGURE_10 } from './catalogue-10.ts';
import { FIGURE_11 } from './catalogue-11.ts';
import { FIGURES, type Figure, type FlowStep } from './types.ts';

/** Every documented step of FLOWS.md, figures 7 to 11, in document order. */
export const FLOWS: readonly FlowStep[] = [...FIGURE_7, ...FIGURE_8, ...FIGURE_9, ...FIGURE_10, ...FIGURE_11];

const BY_ID: ReadonlyMap<string, FlowStep> = new Map(FLOWS.map((s) => [s.id, s]));

export function isFigure(value: number): value is Figure {
  return (FIGURES as readonly number[]).includes(value);
}

/** The steps of one figure, in document order. */
export function stepsOf(figure: Figure): readonly FlowStep[] {
  return FLOWS.filter((s) => s.figure === figure);
}

/** One step by id (`7.5`); throws on an id FLOWS.md does not have, so a typo in a tag is loud. */
export function step(id: string): FlowStep {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`FLOWS.md has no step ${id}`);
  return found;
}
