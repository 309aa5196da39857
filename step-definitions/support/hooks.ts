import { After, AfterAll, Before, BeforeAll, setDefaultTimeout } from '@cucumber/cucumber';
import { resetAll } from '../../harness/drive/settle.ts';
import { startEcosystem } from '../../harness/ecosystem.ts';
import { matchScenario } from '../../harness/flows/match.ts';
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
Before(async function (this: HarnessWorld, { pickle }) {
  this.ecosystem.recorder.startScenario(pickle.name);
  this.tags = pickle.tags.map((t) => t.name);
  await resetAll(this.ecosystem);
});

/** After a scenario: its exchanges and journals compared with the documented steps of its figures. */
After(async function (this: HarnessWorld, { pickle, result }) {
  await this.settle().catch(() => undefined);
  const exchanges = this.ecosystem.recorder.exchangesOf(pickle.name);
  const coverage = coverageOf(pickle.tags.map((t) => t.name));
  let flowsOk = true;
  if (coverage.figures.length > 0) {
    const verdict = matchScenario({ scenario: pickle.name, ...coverage, exchanges, journal: await this.journals() });
    run.verdicts.push(verdict);
    flowsOk = verdict.ok;
  }
  const flow = exchanges.filter((e) => e.kind !== 'harness');
  run.scenarios.push({ name: pickle.name, status: String(result?.status ?? 'unknown').toLowerCase(), exchanges: flow.length, invalid: flow.filter((e) => !e.valid).length, flowsOk });
});

AfterAll(async () => {
  const ecosystem = run.ecosystem();
  await writeRunReports(reportDir(), { exchanges: [...ecosystem.recorder.exchanges], flows: run.verdicts, scenarios: run.scenarios });
  await ecosystem.stop();
});
