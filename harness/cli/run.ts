import { loadConfiguration, loadSources, runCucumber } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ecosystemOptionsFromEnv } from '../bindings.ts';
import { withCompiledSteps } from '../compiled-steps.ts';
import { type Args, one } from './args.ts';
import { assertPortFree } from './port-free.ts';

/** `cch run`: the features against a fresh ecosystem, reports in the report folder. */
export async function runFeatures(args: Args): Promise<number> {
  const reportDir = resolve(one(args, 'report-dir') ?? 'reports/latest');
  process.env.CCH_REPORT_DIR = reportDir; // read by cucumber.mjs and the hooks
  const env = ecosystemOptionsFromEnv(process.env);
  await assertPortFree(env.port, env.host, 'CCH_HARNESS_PORT');
  const tags = one(args, 'tags');
  const features = args.options.get('features');
  const profile = one(args, 'profile');
  const loaded = (await loadProfile(profile, tags ? { tags } : {})).runConfiguration;
  // Feature paths given on the command line replace the profile's (Cucumber itself would add them to it).
  const runConfiguration = withCompiledSteps(features ? { ...loaded, sources: { ...loaded.sources, paths: [...features] } } : loaded);
  const count = await selectedScenarios(runConfiguration.sources, tags);
  const selection = [profile && `profile ${profile}`, tags].filter(Boolean).join(', ');
  process.stdout.write(`Running ${count} scenario${count === 1 ? '' : 's'}${selection ? ` (${selection})` : ''}\n`);
  const { success } = await runCucumber(
    runConfiguration,
    undefined,
    scenarioProgress(count, (line) => process.stdout.write(`${line}\n`)),
  );
  process.stdout.write(`\nReports: ${reportDir}/index.html (cucumber.html, junit.xml, trace.json, flows.json, sequence/)\n`);
  return success ? 0 : 1;
}

/** The configuration of a profile of cucumber.mjs (the default one when none is named); an unknown profile is an error naming the known ones. */
async function loadProfile(profile: string | undefined, provided: { tags?: string }) {
  try {
    return await loadConfiguration({ profiles: profile ? [profile] : [], provided });
  } catch (error) {
    if (!profile) throw error;
    const config = (await import(pathToFileURL(resolve('cucumber.mjs')).href)) as { default: () => Record<string, unknown> };
    throw new Error(`--profile ${profile}: ${(error as Error).message}; the profiles of cucumber.mjs: ${Object.keys(config.default()).join(', ')}`);
  }
}

/** How many scenarios the tag expression selects; a malformed or empty selection is an error. */
export async function selectedScenarios(sources: Parameters<typeof loadSources>[0], tags: string | undefined): Promise<number> {
  let plan: unknown[];
  try {
    ({ plan } = await loadSources(sources));
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    throw new Error(`--tags ${JSON.stringify(tags ?? '')}: ${cause?.message ?? (error as Error).message}`);
  }
  if (plan.length === 0) throw new Error(`--tags ${JSON.stringify(tags ?? '')} selects no scenario (tags in use: @figure7 … @figure11, @steps:…, @branch:…)`);
  return plan.length;
}

/**
 * A Cucumber message listener that names each scenario as it finishes, with its result:
 * `✔ 3/33 A call without credentials is refused`.
 */
export function scenarioProgress(total: number, say: (line: string) => void): (envelope: Envelope) => void {
  const pickles = new Map<string, string>();
  const testCases = new Map<string, string>();
  const started = new Map<string, string>();
  const worst = new Map<string, string>();
  let done = 0;
  return (envelope) => {
    if (envelope.pickle) pickles.set(envelope.pickle.id, envelope.pickle.name);
    if (envelope.testCase) testCases.set(envelope.testCase.id, envelope.testCase.pickleId);
    if (envelope.testCaseStarted) started.set(envelope.testCaseStarted.id, envelope.testCaseStarted.testCaseId);
    const step = envelope.testStepFinished;
    if (step && step.testStepResult.status !== 'PASSED' && !worst.has(step.testCaseStartedId)) worst.set(step.testCaseStartedId, step.testStepResult.status);
    const finished = envelope.testCaseFinished;
    if (!finished || finished.willBeRetried) return;
    const name = pickles.get(testCases.get(started.get(finished.testCaseStartedId) ?? '') ?? '') ?? '?';
    const status = worst.get(finished.testCaseStartedId);
    say(`${status ? '✖' : '✔'} ${++done}/${total} ${name}${status ? ` (${status.toLowerCase()})` : ''}`);
  };
}
