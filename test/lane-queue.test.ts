import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMPILED_STEPS } from '../harness/compiled-steps.ts';
import { claim, laneModules, longestFirst, queuedFiles } from './lanes/files.ts';

// The lanes of `npm test` share one queue of test files (test/lanes/files.ts).

test('the queue holds every test file once, heaviest first, a file without a weight counting as short', () => {
  assert.deepEqual(longestFirst(['b.test.ts', 'new.test.ts', 'a.test.ts', 'c.test.ts'], { 'a.test.ts': 20, 'b.test.ts': 5, 'c.test.ts': 5 }), [
    'a.test.ts',
    'b.test.ts',
    'c.test.ts',
    'new.test.ts',
  ]);
  const files = queuedFiles();
  assert.ok(files.includes('lane-queue.test.ts'));
  assert.equal(new Set(files).size, files.length);
});

test('lanes claiming from one queue folder take each file exactly once, in the queue order', () => {
  const queue = mkdtempSync(join(tmpdir(), 'cch-lane-queue-'));
  const files = ['a.test.ts', 'b.test.ts', 'c.test.ts', 'd.test.ts', 'e.test.ts'];
  const lanes = [new Set<string>(), new Set<string>(), new Set<string>()];
  const taken: string[][] = [[], [], []];
  // The lanes take turns unevenly, as lanes that finish their files at different times do.
  for (const lane of [0, 1, 0, 0, 2, 1, 2, 0]) {
    const file = claim(queue, files, lanes[lane]);
    if (file) taken[lane].push(file);
  }
  assert.deepEqual(taken, [['a.test.ts', 'c.test.ts', 'd.test.ts'], ['b.test.ts'], ['e.test.ts']]);
  assert.equal(claim(queue, files, new Set()), undefined, 'nothing is left for a late lane');
  assert.equal(claim(undefined, files, new Set()), 'a.test.ts', 'a lane run alone takes every file itself');
});

test('a compiled lane imports each test file from the build and gives Cucumber the compiled step definitions; a lane from source imports the files', () => {
  const global = globalThis as Record<symbol, unknown>;
  const before = global[COMPILED_STEPS];
  try {
    assert.equal(laneModules(undefined)('money.test.ts'), join(import.meta.dirname, 'money.test.ts'));
    const modules = join(mkdtempSync(join(tmpdir(), 'lane-modules-')), 'modules.json');
    const stepDefinitions = { patterns: ['step-definitions/**/*.ts'], modules: ['/build/alongside/1/common.steps.js'] };
    writeFileSync(modules, JSON.stringify({ tests: { 'money.test.ts': '/build/alongside/0/money.test.js' }, stepDefinitions }));
    const moduleOf = laneModules(modules);
    assert.equal(moduleOf('money.test.ts'), 'file:///build/alongside/0/money.test.js');
    assert.deepEqual(global[COMPILED_STEPS], stepDefinitions);
    assert.throws(() => moduleOf('new.test.ts'), /new\.test\.ts is not in the lanes' build/);
  } finally {
    global[COMPILED_STEPS] = before;
    if (before === undefined) delete global[COMPILED_STEPS];
  }
});
