#!/usr/bin/env node
// `npm test`: the lint, the type check, the unit-test lanes (test/lanes/) and the features, run side by side.
//
// Cucumber is single-threaded and a lane runs its files one after another: run in turn, a core idles
// whenever one job is in a phase that uses one core or waits. Run together, the machine's cores
// stay busy until the longest job ends.
//
// Each job's output is held and printed whole when it ends (no interleaved lines); a failed job's
// output is printed in full. The exit code is 1 if any job failed.
//
//   node scripts/test-suite.mjs [--only lane1,lane2,lane3,lint,features,typecheck] [--times FILE]
//
// The lanes share one queue of test files (test/lanes/files.ts), in a folder made for this run.
//
// Before the jobs start, `cch` and the lanes are compiled if their builds are missing or stale
// (bin/compiled.mjs): the tests start a few dozen `cch` processes, which would otherwise each compile it
// or race to, and a lane run compiled needs no TypeScript loader (each test file, the step definitions
// the in-process conformance runs load, and what they import, compiled together: one copy of each module).
// If compiling fails, the lanes run from source through tsx, as `node --import tsx --test FILE` does.
//
// --times FILE writes each job's wall and CPU seconds (user+sys, its children included) as JSON, for
// bench/suite-time.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setPriority, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cliBuild, freshBuild, STEP_DEFINITIONS, stepDefinitionsOf } from '../bin/compiled.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
// A larger young generation: the tests allocate a lot of short-lived objects (HTTP, JSON), and fewer
// scavenges cost less CPU.
const YOUNG = '--max-semi-space-size=32';
/** Where the lanes claim their files. */
const queue = mkdtempSync(join(tmpdir(), 'cch-lanes-'));
/**
 * The jobs' temporary folder (TMPDIR, which os.tmpdir() and Chromium read): the tests make hundreds of
 * folders there (report folders of a conformance run hold 37 MB), and it goes when the suite ends, so
 * that runs leave nothing behind.
 */
const scratch = mkdtempSync(join(tmpdir(), 'cch-test-tmp-'));
const suiteStarted = performance.now(); // compiling counts in the suite's time
const noLane =
  option('only')
    ?.split(',')
    .every((name) => !name.startsWith('lane')) ?? false;
const compiled = await compileLanes(noLane);
const unit = [
  node,
  [
    YOUNG,
    // node:test without its per-promise async hook (test/lanes/lean-runner.mjs says why).
    '--import',
    pathToFileURL(join(ROOT, 'test', 'lanes', 'lean-runner.mjs')).href,
    ...(compiled ? ['--enable-source-maps'] : ['--import', 'tsx']),
    '--test',
    '--test-reporter=spec',
    '--test-force-exit',
    compiled?.main ?? 'test/lanes/lane.ts',
  ],
];
/**
 * Three lanes: with the features, the lint and the type check beside them, enough to keep two cores busy
 * while some lanes wait on the processes their files started.
 */
const lane = (n) => ({
  name: `lane${n}`,
  title: `unit tests, lane ${n}`,
  command: unit,
  nice: 0,
  env: { CCH_LANE_QUEUE: queue, CCH_LANE: `lane${n}`, ...(compiled ? { CCH_LANE_MODULES: compiled.modules } : {}) },
});

/**
 * Compiles `cch` and the lanes (if stale) and writes where the lanes find each test file's compiled module
 * and the compiled step definitions (test/lanes/files.ts); undefined if compiling failed or `cchOnly`.
 */
async function compileLanes(cchOnly) {
  try {
    await cliBuild();
    if (cchOnly) return undefined;
    const lanes = await freshBuild({
      entry: join(ROOT, 'test', 'lanes', 'lane.ts'),
      dir: join(ROOT, 'node_modules', '.cache', 'cch-lanes'),
      alongside: [{ dir: join(ROOT, 'test'), extension: '.test.ts' }, STEP_DEFINITIONS],
    });
    const testDir = join(ROOT, 'test');
    const tests = Object.fromEntries(lanes.alongside.filter(([source]) => dirname(source) === testDir).map(([source, module]) => [basename(source), module]));
    const modules = join(queue, 'modules.json');
    writeFileSync(modules, JSON.stringify({ tests, stepDefinitions: stepDefinitionsOf(lanes) }));
    return { main: lanes.main, modules };
  } catch (error) {
    process.stdout.write(`The lanes and cch run from source: compiling them failed (${error.message})\n`);
    return undefined;
  }
}

/**
 * The jobs, longest chain first. The lint and the type check yield to the others (nice): it has no time-outs and
 * fills idle time. The tests keep their normal priority, so that their time-outs mean what they say.
 */
const JOBS = [
  lane(1),
  lane(2),
  lane(3),
  { name: 'lint', title: 'lint and format (biome check)', command: [node, ['node_modules/@biomejs/biome/bin/biome', 'check', '.']], nice: 10 },
  { name: 'features', title: 'features (cch run)', command: [node, [YOUNG, 'bin/cch.mjs', 'run']], nice: 0 },
  // TypeScript 7's native tsc (the typescript-native package; typescript 5.9 stays for its JS API, which
  // test/support/import-graph.ts and scripts/casts.mjs parse the code with): a cold check of the project
  // takes about 4.5 s of CPU where 5.9 took 15. Incremental: a re-run checks what changed and what
  // depends on it (the state is kept in node_modules/.cache).
  {
    name: 'typecheck',
    title: 'type check (tsc --noEmit)',
    command: [
      node,
      ['node_modules/typescript-native/bin/tsc', '--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tsc7/tsbuildinfo'],
    ],
    nice: 10,
  },
];

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/**
 * CPU seconds (user+sys) of the children this process has reaped, theirs included (Linux:
 * /proc/self/stat's cutime and cstime, in ticks of 1/100 s); undefined elsewhere.
 */
function reapedCpu() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

/** Runs a job to its end: its exit, output, wall seconds and CPU seconds (the growth of reapedCpu at its exit). */
function runJob(job) {
  const started = performance.now();
  const child = spawn(job.command[0], job.command[1], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: scratch, ...job.env } });
  try {
    if (job.nice) setPriority(child.pid, job.nice);
  } catch {
    // A priority that cannot be set only costs speed.
  }
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  return new Promise((resolve) => {
    let cpu;
    child.once('exit', () => {
      const reaped = reapedCpu();
      if (reaped !== undefined && lastReaped !== undefined) cpu = reaped - lastReaped;
      lastReaped = reaped;
    });
    child.once('close', (code, signal) => {
      const wall = (performance.now() - started) / 1000;
      resolve({ job, code: code ?? 1, signal, output, wall, cpu });
    });
  });
}

const only = option('only')?.split(',');
const jobs = only ? JOBS.filter((j) => only.includes(j.name)) : JOBS;
const unknown = (only ?? []).filter((name) => !JOBS.some((j) => j.name === name));
if (unknown.length > 0) {
  rmSync(queue, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
  process.stderr.write(`test-suite: unknown job ${unknown.join(', ')} (jobs: ${JOBS.map((j) => j.name).join(', ')})\n`);
  process.exit(2);
}

let lastReaped = reapedCpu();
process.stdout.write(`Running ${jobs.map((j) => j.title).join(', ')} side by side …\n`);
const results = await Promise.all(
  jobs.map((job) =>
    runJob(job).then((result) => {
      const ok = result.code === 0;
      process.stdout.write(
        `\n${ok ? '✔' : '✖'} ${job.title} (${result.wall.toFixed(1)} s${result.cpu === undefined ? '' : `, ${result.cpu.toFixed(1)} s CPU`})${ok ? '' : ` exited with ${result.signal ?? result.code}`}\n`,
      );
      process.stdout.write(ok ? tail(result.output, 12) : result.output);
      return result;
    }),
  ),
);
const wall = (performance.now() - suiteStarted) / 1000;
rmSync(queue, { recursive: true, force: true });
rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
const failed = results.filter((r) => r.code !== 0);
process.stdout.write(
  `\n${failed.length === 0 ? '✔ all green' : `✖ failed: ${failed.map((r) => r.job.name).join(', ')}`} in ${wall.toFixed(1)} s: ${results.map((r) => `${r.job.name} ${r.wall.toFixed(1)} s`).join(', ')}\n`,
);

const timesFile = option('times');
if (timesFile) {
  const jobTimes = results.map((r) => ({ name: r.job.name, wall: r.wall, cpu: r.cpu, ok: r.code === 0 }));
  writeFileSync(timesFile, `${JSON.stringify({ wall, jobs: jobTimes }, null, 2)}\n`);
}
process.exitCode = failed.length === 0 ? 0 : 1;

/** The last lines of a passing job's output: its summary, not every test name. */
function tail(text, lines) {
  const all = text.trimEnd().split('\n');
  return `${all.slice(-lines).join('\n')}\n`;
}
