import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';

/**
 * The unit tests run in two lanes, one process each (`npm run test:unit`): one TypeScript loader start
 * per lane instead of one per file, and the two lanes use both cores. The heavy lane takes the files
 * named here (the conformance runs, the compose topology and the mutation suite, about half of the whole); the main lane takes every other
 * `test/*.test.ts`, so a new test file is picked up without touching this list.
 */
export const HEAVY = ['conformance.test.ts', 'compose-topology.test.ts', 'mutation.test.ts'];

const TEST_DIR = join(import.meta.dirname, '..');

export function laneFiles(lane: 'heavy' | 'main'): string[] {
  const all = readdirSync(TEST_DIR)
    .filter((f) => f.endsWith('.test.ts'))
    .sort();
  return lane === 'heavy' ? all.filter((f) => HEAVY.includes(f)) : all.filter((f) => !HEAVY.includes(f));
}

/**
 * One suite per file, in order: a file's tests and its top-level hooks (a mock server listening, an
 * ecosystem started) stay within its suite, as they did in a process of its own.
 */
export function runLane(lane: 'heavy' | 'main'): void {
  for (const file of laneFiles(lane)) describe(file, async () => void (await import(join(TEST_DIR, file))));
}
