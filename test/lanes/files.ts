import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { COMPILED_STEPS } from '../../harness/compiled-steps.ts';
import { after, before, describe } from 'node:test';

/**
 * The unit tests run in lanes, one process each, side by side with the type check and the features
 * (`npm test`, scripts/test-suite.mjs): one TypeScript loader start per lane instead of one per file, and
 * the machine's cores stay busy.
 *
 * The lanes share one queue of test files, longest first (by the seconds each kept its lane in weights.json): a lane
 * that finishes a file takes the next one nobody has taken. Fixed lists left one lane running long after
 * the others had finished; a shared queue ends the lanes within about one short file of each other,
 * whatever the machine's load does to each file. A new test file is picked up without touching a list.
 */
const TEST_DIR = join(import.meta.dirname, '..');

/** Set by scripts/test-suite.mjs: the folder in which the lanes claim files (one entry per file taken). */
export const LANE_QUEUE_ENV = 'CCH_LANE_QUEUE';
/** Set by scripts/test-suite.mjs: this lane's name, for the times file. */
export const LANE_NAME_ENV = 'CCH_LANE';

/**
 * Set by scripts/test-suite.mjs when the lanes run compiled (bin/compiled.mjs): a JSON file naming each test
 * file's compiled module and the compiled step definitions, which the in-process conformance runs then
 * import (harness/compiled-steps.ts). Unset, the lane imports the TypeScript files (tsx's loader).
 */
export const LANE_MODULES_ENV = 'CCH_LANE_MODULES';

/** Set to a file path, each test file's wall and CPU seconds are appended to it (bench/suite-time.ts). */
export const SUITE_TIMES_ENV = 'CCH_SUITE_TIMES';

/**
 * The wall seconds a file kept its lane in a recent `npm run bench:suite` (`-- --save-weights` rewrites
 * them): a file that mostly waits (Artillery's fixed phases) ends a lane as late as a busy one.
 */
export const WEIGHTS_FILE = join(import.meta.dirname, 'weights.json');
/** A file not measured yet counts as a short one. */
const UNMEASURED = 1;

/** One line of the CCH_SUITE_TIMES file. */
export interface FileTime {
  readonly lane: string;
  readonly file: string;
  readonly wall: number;
  /** user+sys seconds of the lane process and of the processes the file started and waited for. */
  readonly cpu: number;
}

/** Every test file, longest first (ties by name, so every lane sees the same order). */
export function queuedFiles(): string[] {
  const weights = JSON.parse(readFileSync(WEIGHTS_FILE, 'utf8')) as Record<string, number>;
  return longestFirst(
    readdirSync(TEST_DIR).filter((f) => f.endsWith('.test.ts')),
    weights,
  );
}

/** The files by weight, heaviest first, a file without one counting as short; ties by name. */
export function longestFirst(files: readonly string[], weights: Readonly<Record<string, number>>): string[] {
  const weight = (f: string) => weights[f] ?? UNMEASURED;
  return files.toSorted((a, b) => weight(b) - weight(a) || a.localeCompare(b));
}

/**
 * Takes the first file of the queue that no lane has taken: creating its entry in the queue folder is
 * atomic, so exactly one lane succeeds. Without a queue folder (a lane run alone) every file is this
 * lane's.
 */
export function claim(queue: string | undefined, files: readonly string[], taken: Set<string>): string | undefined {
  for (const file of files) {
    if (taken.has(file)) continue;
    taken.add(file);
    if (queue === undefined) return file;
    try {
      mkdirSync(join(queue, file));
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return undefined;
}

/**
 * Runs test files one after another until the queue is empty. Each file is a suite of its own, so its
 * tests and its top-level hooks (a mock server listening, an ecosystem started) stay within it, as they
 * did in a process of its own. A file is taken only when the previous one has finished (the suites are
 * registered up front, each waiting for its turn), so a lane never holds a file another lane could run.
 */
export function runLane(): void {
  const queue = process.env[LANE_QUEUE_ENV];
  const lane = process.env[LANE_NAME_ENV] ?? 'lane';
  const timesFile = process.env[SUITE_TIMES_ENV];
  const files = queuedFiles();
  const moduleOf = laneModules(process.env[LANE_MODULES_ENV]);
  const taken = new Set<string>();
  let previous: Promise<void> = Promise.resolve();
  for (let turn = 1; turn <= files.length; turn++) {
    const myTurn = previous;
    let done = () => {};
    previous = new Promise<void>((resolve) => (done = resolve));
    describe(`${lane}, turn ${turn}`, async () => {
      // Waited on through a promise made here: node:test finds the suite that a test, hook or nested
      // suite belongs to by the async context it is declared in, which follows the promise awaited.
      await new Promise<void>((resolve) => void myTurn.then(resolve));
      let file: string | undefined;
      try {
        file = claim(queue, files, taken);
      } finally {
        if (file === undefined) done(); // nothing left (or the claim failed): the next turns end at once
      }
      if (file === undefined) return;
      const mine = file;
      // The runner's hook is back before the next turn declares its file (test/lanes/lean-runner.mjs).
      after(() => {
        runnerHook().resume();
        done();
      });
      describe(mine, async () => {
        // Declared, the file's tests run without it.
        before(() => runnerHook().pause());
        let start = { wall: 0, cpu: 0 };
        if (timesFile) before(() => void (start = now()));
        await import(moduleOf(mine));
        // Registered after the file's own hooks, so that it runs after them: the file's clean-up counts.
        if (timesFile) after(() => appendFileSync(timesFile, `${JSON.stringify(timeSince(lane, mine, start))}\n`));
      });
    });
  }
}

/**
 * node:test's async hook, paused while a file's tests run when the lane was started with
 * test/lanes/lean-runner.mjs (which sets it up when the runner makes its hook); otherwise left alone.
 */
function runnerHook(): { pause(): void; resume(): void } {
  const control = (globalThis as Record<symbol, { pause(): void; resume(): void } | undefined>)[Symbol.for('cch.testRunnerHook')];
  return control ?? { pause() {}, resume() {} };
}

/** Where a lane imports a test file from: its compiled module (see LANE_MODULES_ENV), or the file itself. */
export function laneModules(modulesFile: string | undefined): (file: string) => string {
  if (modulesFile === undefined) return (file) => join(TEST_DIR, file);
  const { tests, stepDefinitions } = JSON.parse(readFileSync(modulesFile, 'utf8')) as { tests: Record<string, string>; stepDefinitions: unknown };
  (globalThis as Record<symbol, unknown>)[COMPILED_STEPS] = stepDefinitions;
  return (file) => {
    const module = tests[file];
    if (module === undefined) throw new Error(`${file} is not in the lanes' build (${modulesFile})`);
    return pathToFileURL(module).href;
  };
}

function timeSince(lane: string, file: string, start: { wall: number; cpu: number }): FileTime {
  const end = now();
  return { lane, file, wall: end.wall - start.wall, cpu: end.cpu - start.cpu };
}

/**
 * Wall seconds, and CPU seconds of this process and its reaped children (Linux: /proc/self/stat's utime,
 * stime, cutime and cstime, in clock ticks of 1/100 s); elsewhere this process's own CPU only.
 */
function now(): { wall: number; cpu: number } {
  const wall = performance.now() / 1000;
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return { wall, cpu: fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / 100 };
  } catch {
    const usage = process.cpuUsage();
    return { wall, cpu: (usage.user + usage.system) / 1e6 };
  }
}
