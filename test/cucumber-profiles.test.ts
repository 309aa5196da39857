import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { before, test } from 'node:test';
import type { ProfileDryRun } from './support/profile-dry-run.ts';

const ROOT = join(import.meta.dirname, '..');
const FIGURES = [7, 8, 9, 10, 11];
/** The default profile on a feature with a step no step definition matches. */
const NEAR_MISS = 'default@test/fixtures/profiles/undefined-step.feature';

/** Dry runs in a process of their own (Cucumber loads step definitions once per process). */
async function dryRun(...args: string[]): Promise<Record<string, ProfileDryRun>> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/support/profile-dry-run.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, CCH_REPORT_DIR: join(ROOT, 'reports', 'profile-dry-run') },
  });
  return JSON.parse(stdout) as Record<string, ProfileDryRun>;
}

let runs: Record<string, ProfileDryRun>;
let profileNames: string[];

before(async () => {
  const config = pathToFileURL(join(ROOT, 'cucumber.mjs')).href;
  const { default: profiles } = (await import(config)) as { default: () => Record<string, unknown> };
  profileNames = Object.keys(profiles());
  // One process for every profile and the near miss below: each process loads the step definitions anew.
  runs = await dryRun(...profileNames, NEAR_MISS);
});

test('every Cucumber profile is documented in the README, and every documented one exists', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Cucumber profiles'));
  const documented = [...section.slice(0, section.indexOf('\n## ')).matchAll(/^\| `([\w-]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual(documented.sort(), [...profileNames].sort());
});

test('every profile selects scenarios and every step of them has exactly one step definition (a dry run)', () => {
  assert.deepEqual(Object.keys(runs).sort(), [...profileNames, NEAR_MISS].sort());
  for (const profile of profileNames) {
    const run = runs[profile];
    assert.ok(run.scenarios.length > 0, `${profile} selects scenarios`);
    assert.deepEqual([run.undefinedSteps, run.ambiguousSteps], [[], []], profile);
    assert.equal(run.success, true, profile);
  }
});

test('each figure profile runs exactly the scenarios of its figure', () => {
  for (const figure of FIGURES) {
    const expected = runs.default.scenarios.filter((s) => s.tags.includes(`@figure${figure}`)).map((s) => s.name);
    assert.ok(expected.length > 0);
    assert.deepEqual(
      runs[`figure${figure}`].scenarios.map((s) => s.name),
      expected,
    );
  }
});

test('the smoke profile walks each figure whole once: only scenarios that claim no @steps: subset, every figure covered', () => {
  const smoke = runs.smoke.scenarios;
  assert.deepEqual(
    smoke.filter((s) => s.tags.some((t) => t.startsWith('@steps:'))),
    [],
  );
  const wholeInDefault = runs.default.scenarios.filter((s) => !s.tags.some((t) => t.startsWith('@steps:')));
  assert.deepEqual(smoke.map((s) => s.name).sort(), wholeInDefault.map((s) => s.name).sort());
  for (const figure of FIGURES)
    assert.ok(
      smoke.some((s) => s.tags.includes(`@figure${figure}`)),
      `figure ${figure} in the smoke profile`,
    );
  assert.ok(smoke.length < runs.default.scenarios.length / 3, 'the smoke profile is a small part of the run');
});

test('a step that no step definition matches is found by the dry run (near miss)', () => {
  const run = runs[NEAR_MISS];
  assert.deepEqual(run.undefinedSteps, ['One step is defined, the next is not: the car manufacturer does something no step definition knows']);
});

test('the whole-figure selection reads scenario and feature tags, outlines included', async () => {
  const module = pathToFileURL(join(ROOT, 'step-definitions', 'support', 'whole-figure-scenarios.mjs')).href;
  const { scenarioLines } = (await import(module)) as { scenarioLines: (text: string) => number[] };
  const feature = [
    '@figure8',
    'Feature: x',
    '  Background:',
    '    Given a',
    '  @branch:b',
    '  Scenario: whole',
    '  @steps:8.1',
    '  Scenario: part',
    '  @steps:8.2 @branch:c',
    '  Scenario Outline: part too',
    '    Examples:',
    '  Scenario Outline: whole outline',
  ].join('\n');
  assert.deepEqual(scenarioLines(feature), [6, 12]);
  assert.deepEqual(scenarioLines(`@figure7 @steps:7.1\nFeature: all partial\n  Scenario: a\n`), []);
});

test('cch run names the known profiles when asked for one that does not exist', async () => {
  const { runFeatures } = await import('../harness/cli/run.ts');
  const { parseArgs } = await import('../harness/cli/args.ts');
  const reportDir = process.env.CCH_REPORT_DIR;
  try {
    await assert.rejects(runFeatures(parseArgs(['run', '--profile', 'figure12'])), (error: Error) => {
      assert.match(error.message, /^--profile figure12: .*figure12/);
      assert.ok(error.message.endsWith(`the profiles of cucumber.mjs: ${profileNames.join(', ')}`), error.message);
      return true;
    });
  } finally {
    if (reportDir === undefined) delete process.env.CCH_REPORT_DIR;
    else process.env.CCH_REPORT_DIR = reportDir;
  }
});
