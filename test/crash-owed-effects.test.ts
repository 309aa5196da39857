import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crashRun } from './support/crash-scenario.ts';

test('a CSP killed with SIGKILL during mediation and while telling drivers of their bills loses and duplicates nothing', { timeout: 60_000 }, async () => {
  const outcome = await crashRun(1);
  assert.deepEqual(outcome, {
    records: 20, rated: 20, ratedTwice: 0,
    driverBills: 4, noticesTold: 4, noticesLost: 0, noticesDoubled: 0, deadLetters: 0,
  });
});
