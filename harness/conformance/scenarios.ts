import { loadConfiguration, runCucumber, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ActorId } from '../../core/actor-ids.ts';
import type { Exchange } from '../exchange.ts';
import type { FlowVerdict } from '../flows/match.ts';
import type { CucumberScenario, RunRecord } from './run-findings.ts';
import { scenarioProgress, selectedScenarios } from '../cli/run.ts';
import { withCompiledSteps } from '../compiled-steps.ts';

/** How the scenarios of a conformance run are run. */
export interface ScenarioRun {
  readonly bindings: Readonly<Partial<Record<ActorId, string>>>;
  readonly harnessPort: number;
  readonly host?: string;
  readonly publicHost?: string;
  readonly timeoutMs: number;
  /** Where Cucumber and the run reports go (trace.json, flows.json, cucumber.json, sequence/). */
  readonly dir: string;
  readonly tags: string;
  /** Told each scenario's name and result as it finishes. */
  readonly say?: (line: string) => void;
}

/**
 * Runs the selected Gherkin scenarios with the partners bound by URL, through the same hooks as `cch run`
 * (which read CCH_ACTORS, CCH_HARNESS_PORT, CCH_HARNESS_HOST, CCH_HARNESS_PUBLIC_HOST and CCH_TIMEOUT_MS), and reads back what the run recorded.
 * Cucumber loads step definitions once per process (they are modules): the first run's library serves the
 * next runs of the process. The environment is restored afterwards.
 */
export async function runScenarios(run: ScenarioRun): Promise<RunRecord & { error?: string }> {
  const saved = Object.fromEntries(RUN_ENV.map((name) => [name, process.env[name]]));
  try {
    return await runWithEnv(run);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** What the hooks and cucumber.mjs read from the environment. */
const RUN_ENV = ['CCH_ACTORS', 'CCH_HARNESS_PORT', 'CCH_HARNESS_HOST', 'CCH_HARNESS_PUBLIC_HOST', 'CCH_TIMEOUT_MS', 'CCH_REPORT_DIR'] as const;

let support: ISupportCodeLibrary | undefined;

async function runWithEnv(run: ScenarioRun): Promise<RunRecord & { error?: string }> {
  process.env.CCH_ACTORS = Object.entries(run.bindings)
    .map(([id, url]) => `${id}=${url}`)
    .join(',');
  process.env.CCH_HARNESS_PORT = String(run.harnessPort);
  for (const [name, value] of [
    ['CCH_HARNESS_HOST', run.host],
    ['CCH_HARNESS_PUBLIC_HOST', run.publicHost],
  ] as const) {
    if (value) process.env[name] = value;
    else delete process.env[name];
  }
  process.env.CCH_TIMEOUT_MS = String(run.timeoutMs);
  process.env.CCH_REPORT_DIR = run.dir; // read by cucumber.mjs and the hooks
  let error: string | undefined;
  try {
    const runConfiguration = withCompiledSteps((await loadConfiguration({ provided: { tags: run.tags } })).runConfiguration);
    const count = await selectedScenarios(runConfiguration.sources, run.tags);
    const progress = scenarioProgress(count, run.say ?? (() => undefined));
    support = (await runCucumber(support ? { ...runConfiguration, support } : runConfiguration, undefined, progress)).support;
  } catch (e) {
    error = (e as Error).message;
  }
  const read = <T>(file: string, fallback: T): T => (existsSync(join(run.dir, file)) ? (JSON.parse(readFileSync(join(run.dir, file), 'utf8')) as T) : fallback);
  const features = read<{ elements?: CucumberScenario[] }[]>('cucumber.json', []);
  return {
    exchanges: read<Exchange[]>('trace.json', []),
    flows: read<FlowVerdict[]>('flows.json', []),
    scenarios: features.flatMap((f) => f.elements ?? []),
    ...(error ? { error } : {}),
  };
}
