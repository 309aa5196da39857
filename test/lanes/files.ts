import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';

/**
 * The unit tests run in lanes, one process each, side by side with the type check and the features
 * (`npm test`, scripts/test-suite.mjs): one TypeScript loader start per lane instead of one per file, and
 * the machine's cores stay busy. A lane's files run one after another, so the longest chain of work
 * (the conformance runs, in this process) has a lane of its own; the files whose
 * work is mostly in the processes they start (`cch up`, compose's services, parties killed and
 * restarted) share another; the main lane takes every other `test/*.test.ts`, so a new test file is
 * picked up without touching this list.
 */
export const LANES = {
  heavy: ['conformance.test.ts'],
  processes: [
    'cch-cli.test.ts',
    'compose-topology.test.ts',
    'crash-owed-effects.test.ts',
    'crash-restart.test.ts',
    'crash-usage-batch.test.ts',
    'cch-strict-cli.test.ts',
    'fleet-artillery.test.ts',
  ],
} as const;

const TEST_DIR = join(import.meta.dirname, '..');

export type Lane = keyof typeof LANES | 'main';

export function laneFiles(lane: Lane): string[] {
  const all = readdirSync(TEST_DIR)
    .filter((f) => f.endsWith('.test.ts'))
    .sort();
  const listed: readonly string[] = Object.values(LANES).flat();
  return lane === 'main' ? all.filter((f) => !listed.includes(f)) : all.filter((f) => (LANES[lane] as readonly string[]).includes(f));
}

/** Set to a file path, each test file's wall and CPU seconds are appended to it (bench/suite-time.ts). */
export const SUITE_TIMES_ENV = 'CCH_SUITE_TIMES';

/** One line of the CCH_SUITE_TIMES file. */
export interface FileTime {
  readonly lane: Lane;
  readonly file: string;
  readonly wall: number;
  /** user+sys seconds of the lane process and of the processes the file started and waited for. */
  readonly cpu: number;
}

/**
 * One suite per file, in order: a file's tests and its top-level hooks (a mock server listening, an
 * ecosystem started) stay within its suite, as they did in a process of its own.
 */
export function runLane(lane: Lane): void {
  const timesFile = process.env[SUITE_TIMES_ENV];
  for (const file of laneFiles(lane)) {
    describe(file, async () => {
      let start = { wall: 0, cpu: 0 };
      if (timesFile) before(() => void (start = now()));
      await import(join(TEST_DIR, file));
      // Registered after the file's own hooks, so that it runs after them: the file's clean-up counts.
      if (timesFile) after(() => appendFileSync(timesFile, `${JSON.stringify(timeSince(lane, file, start))}\n`));
    });
  }
}

function timeSince(lane: Lane, file: string, start: { wall: number; cpu: number }): FileTime {
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
