/** What the run reports know of each scenario, besides its exchanges. */
import type { DeadLetter } from '../../tmf/delivery-state.ts';
import type { Figure } from '../flows/types.ts';

/** A dead letter and the party that gave up on it. */
export type PartyDeadLetter = DeadLetter & { readonly party: string };

/** The outcome of one scenario, as the run index lists it. */
export interface ScenarioSummary {
  readonly name: string;
  /** Cucumber's status of the scenario: `passed`, `failed`, `skipped`, … */
  readonly status: string;
  /** How many exchanges the scenario put on the wire. */
  readonly exchanges: number;
  /** How many of those broke their schema or failed. */
  readonly invalid: number;
  /** Whether the recorded flow matched the documented steps. */
  readonly flowsOk: boolean;
  /** The figures of FLOWS.md the scenario claims (its `@figure…` tags); none for other scenarios. */
  readonly figures?: readonly Figure[];
  /** What the parties gave up delivering by the scenario's end (events and owed effects, with the last error). */
  readonly deadLetters?: readonly PartyDeadLetter[];
}

/** The run as the index page shows it. */
export interface RunSummary {
  readonly scenarios: readonly ScenarioSummary[];
}

/** Where a scenario's sequence page lives, relative to the report folder. */
export function sequencePagePath(slug: string): string {
  return `sequence/${slug}.html`;
}
