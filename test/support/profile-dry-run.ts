/**
 * Dry-runs Cucumber profiles (every profile of cucumber.mjs, or those named) in this process and prints,
 * per profile, the scenarios it selects and the steps no step definition (or more than one) matches:
 * `node --import tsx test/support/profile-dry-run.ts [profile …] [profile@PATH …]` (`profile@PATH`: that
 * profile on the feature files at PATH instead of its own, printed under that name). A process of its own,
 * because Cucumber registers step definitions while their modules load, once per process.
 */
import { loadConfiguration, loadSupport, runCucumber, type ISupportCodeLibrary } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';

export interface ProfileDryRun {
  readonly success: boolean;
  /** Each selected scenario: its name and tags. */
  readonly scenarios: { name: string; tags: string[] }[];
  /** Steps with no step definition, or several. */
  readonly undefinedSteps: string[];
  readonly ambiguousSteps: string[];
}

const configFile = pathToFileURL('cucumber.mjs').href;
const { default: profilesOf } = (await import(configFile)) as { default: () => Record<string, unknown> };
const args = process.argv.slice(2);
const names = args.length > 0 ? args : Object.keys(profilesOf());
const sink = new PassThrough();
sink.resume();
const environment = { stdout: sink, stderr: sink };
let support: ISupportCodeLibrary | undefined;
const results: Record<string, ProfileDryRun> = {};

for (const name of names) {
  const [profile, features] = name.split('@');
  const { runConfiguration } = await loadConfiguration({ profiles: [profile], provided: { dryRun: true } }, environment);
  // Nothing written: a dry run needs no report.
  const sources = features ? { ...runConfiguration.sources, paths: [features] } : runConfiguration.sources;
  const configuration = { ...runConfiguration, sources, formats: { ...runConfiguration.formats, stdout: 'summary', files: {} } };
  support ??= await loadSupport(configuration, environment);
  const pickles = new Map<string, { name: string; tags: string[]; steps: Map<string, string> }>();
  const scenarios: ProfileDryRun['scenarios'] = [];
  const undefinedSteps: string[] = [];
  const ambiguousSteps: string[] = [];
  const listen = (envelope: Envelope) => {
    if (envelope.pickle) {
      const { id, name, tags, steps } = envelope.pickle;
      pickles.set(id, { name, tags: tags.map((t) => t.name), steps: new Map(steps.map((s) => [s.id, s.text])) });
    }
    const testCase = envelope.testCase;
    if (!testCase) return;
    const pickle = pickles.get(testCase.pickleId);
    if (!pickle) throw new Error(`test case of unknown pickle ${testCase.pickleId}`);
    scenarios.push({ name: pickle.name, tags: pickle.tags });
    for (const step of testCase.testSteps) {
      if (!step.pickleStepId) continue; // a hook
      const text = `${pickle.name}: ${pickle.steps.get(step.pickleStepId)}`;
      if (step.stepDefinitionIds?.length === 0) undefinedSteps.push(text);
      if ((step.stepDefinitionIds?.length ?? 0) > 1) ambiguousSteps.push(text);
    }
  };
  const { success } = await runCucumber({ ...configuration, support }, environment, listen);
  results[name] = { success, scenarios, undefinedSteps, ambiguousSteps };
}

process.stdout.write(JSON.stringify(results));
