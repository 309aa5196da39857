import type { Ecosystem } from '../../harness/ecosystem.ts';
import type { FlowVerdict } from '../../harness/flows/match.ts';
import type { ScenarioSummary } from '../../harness/reports/run-summary.ts';

/** What lives for the whole run (one ecosystem per Cucumber process) and what the reports need at the end. */
class RunState {
  #ecosystem: Ecosystem | undefined;
  readonly verdicts: FlowVerdict[] = [];
  readonly scenarios: ScenarioSummary[] = [];

  /** A new run (several can follow each other in one process): nothing of the previous one is kept. */
  start(ecosystem: Ecosystem): void {
    this.#ecosystem = ecosystem;
    this.verdicts.length = 0;
    this.scenarios.length = 0;
  }

  ecosystem(): Ecosystem {
    if (!this.#ecosystem) throw new Error('the ecosystem is not running (BeforeAll did not start it)');
    return this.#ecosystem;
  }
}

export const run = new RunState();
