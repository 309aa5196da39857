import { After, AfterAll, Before, BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import { deadLetters } from '../../harness/drive/dead-letters.ts';
import { journals } from '../../harness/drive/journals.ts';
import { resetAll, settle } from '../../harness/drive/settle.ts';
import { startEcosystem } from '../../harness/ecosystem.ts';
import { isFigure } from '../../harness/flows/catalogue.ts';
import { flowProblems, matchScenario } from '../../harness/flows/match.ts';
import { writeRunReports } from '../../harness/reports/write-run.ts';
import { ecosystemOptionsFromEnv } from '../../harness/bindings.ts';
import { coverageOf } from './flow-tags.ts';
import { run } from './run-state.ts';
import type { HarnessWorld } from './world.ts';

setDefaultTimeout(60_000);

const reportDir = () => process.env.CCH_REPORT_DIR ?? 'reports/latest';

BeforeAll(async () => {
  run.start(await startEcosystem({ ...ecosystemOptionsFromEnv(process.env), delivery: { burst: 4, burstDelayMs: 10, timeoutMs: 5000 } }));
});

/** Every scenario starts from a clean ecosystem: each party reset, the wire told which scenario runs. */
Before<HarnessWorld>(async function ({ pickle }) {
  this.ecosystem.recorder.startScenario(pickle.name);
  this.tags = pickle.tags.map((t) => t.name);
  await resetAll(this.ecosystem);
});

/**
 * After a scenario: its exchanges and journals compared with the documented steps of its figures. The
 * verdict is part of the scenario's result: a missing, out-of-order, unclaimed or unexpected step fails it.
 */
After<HarnessWorld>(async function ({ pickle, result }) {
  await settle(this.ecosystem).catch(() => undefined);
  const exchanges = this.ecosystem.recorder.exchangesOf(pickle.name);
  const coverage = coverageOf(pickle.tags.map((t) => t.name));
  if (coverage.figures.length === 0) throw new Error(`scenario "${pickle.name}" names no figure (@figure7 … @figure11): its flow cannot be judged`);
  const verdict = matchScenario({ scenario: pickle.name, ...coverage, exchanges, journal: await journals(this.ecosystem) });
  run.verdicts.push(verdict);
  const flow = exchanges.filter((e) => e.kind !== 'harness');
  const problems = flowProblems(verdict);
  const status = String(result?.status ?? 'unknown').toLowerCase();
  run.scenarios.push({
    name: pickle.name,
    status: problems.length > 0 && status === 'passed' ? 'failed' : status,
    exchanges: flow.length,
    invalid: flow.filter((e) => !e.valid).length,
    flowsOk: verdict.ok,
    figures: coverage.figures.filter(isFigure),
    deadLetters: await deadLetters(this.ecosystem),
  });
  if (problems.length > 0) throw new Error(`the flow verdict fails:\n  ${problems.join('\n  ')}`);
});

AfterAll(async () => {
  const ecosystem = run.ecosystem();
  await writeRunReports(reportDir(), { exchanges: [...ecosystem.recorder.exchanges], flows: run.verdicts, scenarios: run.scenarios });
  await ecosystem.stop();
});
