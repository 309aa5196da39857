// Suite time: runs `npm test`'s runner (scripts/test-suite.mjs) once and prints the wall and CPU seconds
// of each job (the lanes, the features, the type check) and the slowest test files.
//
//   npm run bench:suite [-- --top 15] [-- --save-weights]
//
// --save-weights writes each file's wall seconds (how long it kept its lane) to test/lanes/weights.json, the order in which the lanes
// take the files (longest first).
//
// CPU seconds (user+sys, child processes included) are steadier than wall seconds on a shared machine:
// compare CPU between runs, and read wall time together with the load average printed beside it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUITE_TIMES_ENV, WEIGHTS_FILE, type FileTime } from '../test/lanes/files.ts';

interface JobTime {
  readonly name: string;
  readonly wall: number;
  readonly cpu?: number;
  readonly ok: boolean;
}

const ROOT = join(import.meta.dirname, '..');
const topArg = process.argv.indexOf('--top');
const TOP = topArg > 0 ? Number(process.argv[topArg + 1]) : 12;

const dir = mkdtempSync(join(tmpdir(), 'cch-suite-time-'));
const jobsFile = join(dir, 'jobs.json');
const filesFile = join(dir, 'files.ndjson');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const loadBefore = load();
process.stdout.write(`Running the suite (load average ${loadBefore}) …\n`);
const code = await new Promise<number | null>((resolve) => {
  const child = spawn(process.execPath, ['scripts/test-suite.mjs', '--times', jobsFile], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, [SUITE_TIMES_ENV]: filesFile },
  });
  child.once('exit', resolve);
});

const { wall, jobs } = JSON.parse(readFileSync(jobsFile, 'utf8')) as { wall: number; jobs: JobTime[] };
const files = readFileSync(filesFile, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as FileTime);
const s = (n: number | undefined) => (n === undefined ? '    —' : n.toFixed(1).padStart(6));

console.log(`\nSuite: ${wall.toFixed(1)} s wall${code === 0 ? '' : ` (FAILED, exit ${code})`}; load average before ${loadBefore}, after ${load()}`);
const totalCpu = jobs.reduce((sum, j) => sum + (j.cpu ?? 0), 0);
console.log(`CPU: ${totalCpu.toFixed(1)} s in all, ${(totalCpu / wall).toFixed(2)} cores busy on average\n`);
console.log('job          wall s  CPU s  files  file CPU s');
for (const job of jobs) {
  const own = files.filter((f) => f.lane === job.name);
  const fileCpu = own.reduce((sum, f) => sum + f.cpu, 0);
  console.log(
    `${job.name.padEnd(11)} ${s(job.wall)} ${s(job.cpu)}  ${String(own.length).padStart(5)}  ${own.length ? s(fileCpu) : '     —'}${job.ok ? '' : '  FAILED'}`,
  );
}
console.log(`\nslowest test files (by CPU; wall is while sharing the machine with the other jobs)`);
console.log('  CPU s  wall s  lane       file');
for (const f of files.toSorted((a, b) => b.cpu - a.cpu).slice(0, TOP)) console.log(`${s(f.cpu)}  ${s(f.wall)}  ${f.lane.padEnd(9)}  ${f.file}`);
if (process.argv.includes('--save-weights')) {
  // Wall, not CPU: a file that mostly waits (a load tool's fixed phases) holds its lane as long as a busy one.
  const weights = Object.fromEntries(files.toSorted((a, b) => b.wall - a.wall || a.file.localeCompare(b.file)).map((f) => [f.file, Number(f.wall.toFixed(2))]));
  writeFileSync(WEIGHTS_FILE, `${JSON.stringify(weights, null, 2)}\n`);
  console.log(`\nweights written to ${WEIGHTS_FILE}`);
}
process.exitCode = code ?? 1;
