import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activationMessagesAfterKill } from './support/crash-activation.ts';
import { crashRun } from './support/crash-scenario.ts';
import { ticketsSentAfterKill } from './support/crash-ticket.ts';

test('a CSP killed with SIGKILL during mediation and while telling drivers of their bills loses and duplicates nothing', { timeout: 60_000 }, async () => {
  const outcome = await crashRun(1);
  assert.deepEqual(outcome, {
    records: 20,
    rated: 20,
    ratedTwice: 0,
    driverBills: 4,
    noticesTold: 4,
    noticesLost: 0,
    noticesDoubled: 0,
    deadLetters: 0,
  });
});

test('an OEM killed with SIGKILL while telling the driver its service is active tells it exactly once', { timeout: 120_000 }, async () => {
  assert.deepEqual(await activationMessagesAfterKill(false), { told: 1, pending: 0 }, 'killed before the driver got it: told after the restart');
  assert.deepEqual(await activationMessagesAfterKill(true), { told: 1, pending: 0 }, 'killed after the driver took it: resent, kept once');
});

test('a call center killed with SIGKILL while sending a trouble ticket to the CSP sends it exactly once', { timeout: 120_000 }, async () => {
  assert.deepEqual(await ticketsSentAfterKill(false), { atCsp: 1, assigned: true, pending: 0 }, 'killed before the CSP got it: sent after the restart');
  assert.deepEqual(await ticketsSentAfterKill(true), { atCsp: 1, assigned: true, pending: 0 }, 'killed after the CSP took it: found there, not sent again');
});
