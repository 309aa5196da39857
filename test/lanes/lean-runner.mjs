// Loaded first in every lane (`node --import`, scripts/test-suite.mjs): lets a lane pause node:test's
// async hook while a file's tests run.
//
// Node 20's test runner enables an async hook (init and destroy) that maps every async resource to the
// test that made it: a test or suite declared after an `await` finds its parent through it, and an error
// escaping a test fails that test. With the hook on, every promise pays for it: 300,000 awaited promises
// take 740 ms of CPU instead of 35, and a conformance run 6–10 % more.
//
// The lanes need the hook while they declare a file's tests (test/lanes/files.ts imports the file in
// its turn, after an `await`), not while the tests run. Paused, an error escaping a test still fails
// the lane (exit 1, printed as "a resource generated asynchronous activity after the test ended"); it is
// only not pinned on its test. CCH_TEST_HOOKS=1 never pauses it, to find which test let an error escape.
import asyncHooks from 'node:async_hooks';

/** Where test/lanes/files.ts finds the pause and resume (a symbol: the lanes' build has its own modules). */
const CONTROL = Symbol.for('cch.testRunnerHook');

if (process.env.CCH_TEST_HOOKS !== '1') {
  const createHook = asyncHooks.createHook;
  asyncHooks.createHook = function pausableCreateHook(callbacks) {
    const hook = createHook.call(this, callbacks);
    // Only the runner's own hook: every other (AsyncLocalStorage, libraries) is left as made.
    if (!/internal\/test_runner\/harness/.test(new Error().stack ?? '')) return hook;
    let wanted = false;
    let paused = false;
    globalThis[CONTROL] = {
      pause() {
        paused = true;
        hook.disable();
      },
      resume() {
        paused = false;
        if (wanted) hook.enable();
      },
    };
    return {
      enable() {
        wanted = true;
        if (!paused) hook.enable();
        return this;
      },
      disable() {
        wanted = false;
        hook.disable();
        return this;
      },
    };
  };
}
