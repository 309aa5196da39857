import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

// node:test's async hook paused while tests run (test/lanes/lean-runner.mjs): an escaped error still
// fails the run, other async hooks still work, and CCH_TEST_HOOKS=1 keeps the runner's hook on.

const LEAN = pathToFileURL(join(import.meta.dirname, 'lanes', 'lean-runner.mjs')).href;
const FIXTURE = join(import.meta.dirname, 'fixtures', 'lean-runner', 'escapes.mjs');

function withoutTestContext(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_TEST_CONTEXT: _, ...rest } = env;
  return rest;
}

function runFixture(env: NodeJS.ProcessEnv) {
  const { status, stdout, stderr } = spawnSync(process.execPath, ['--import', LEAN, '--test', '--test-reporter=tap', FIXTURE], {
    encoding: 'utf8',
    // Without the context the runner gives its own children, which would make this one report to it.
    env: { ...withoutTestContext(process.env), ...env },
  });
  return { status, output: stdout + stderr };
}

test('with the runner hook paused, an escaped rejection still fails the run and is printed; an AsyncLocalStorage still works', () => {
  const { status, output } = runFixture({ CCH_TEST_HOOKS: '' });
  assert.equal(status, 1, output);
  assert.match(output, /escaped on purpose/);
  assert.match(output, /^ok \d+ - lets a rejection escape$/m, 'the hook that would pin it on its test is gone');
  assert.match(output, /^ok \d+ - keeps an AsyncLocalStorage across awaits$/m);
});

test('CCH_TEST_HOOKS=1 never pauses the runner hook: the escaped rejection fails its own test', () => {
  const { status, output } = runFixture({ CCH_TEST_HOOKS: '1' });
  assert.equal(status, 1, output);
  assert.match(output, /^not ok \d+ - lets a rejection escape$/m);
  assert.match(output, /^ok \d+ - keeps an AsyncLocalStorage across awaits$/m);
});
