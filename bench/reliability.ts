/**
 * Reliability under faults, in figures: bad input over every route (10,000 fuzzed requests), events
 * delivered after a listener outage of N simulated minutes, and SIGKILL crash runs with what they lost
 * or doubled (the CSP's bill run and mediation, the call center's ticket sending, the OEM's driver
 * messages). `node --import tsx bench/reliability.ts [fuzzRequests] [crashRuns]`.
 */
import { Store } from '../core/store.ts';
import { startEcosystem } from '../harness/ecosystem.ts';
import { baseData, type BaseData, type Entity } from '../tmf/data.ts';
import { Notifier } from '../tmf/notifier.ts';
import { activationMessagesAfterKill } from '../test/support/crash-activation.ts';
import { crashRun } from '../test/support/crash-scenario.ts';
import { ticketsSentAfterKill } from '../test/support/crash-ticket.ts';
import { fuzzEcosystem } from '../test/support/fuzz-requests.ts';

const fuzzRequests = Number(process.argv[2] ?? 10_000);
const crashRuns = Number(process.argv[3] ?? 3);
const MINUTE = 60_000;

// 1. Bad input.
{
  const ecosystem = await startEcosystem({ secret: 'bench-fuzz', delivery: { burst: 1, timeoutMs: 500 } });
  const started = Date.now();
  const summary = await fuzzEcosystem(ecosystem, fuzzRequests, 2026);
  await ecosystem.stop();
  console.log(
    `fuzz: ${summary.requests} requests over every route of every party, ${summary.serverErrors} × 5xx, ${summary.stateChangesOnRejection} refused requests that changed state, ${summary.findings.length} findings (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  for (const finding of summary.findings.slice(0, 5)) console.log(`  ${finding.status} ${finding.request}: ${finding.problem}`);
}

// 2. A listener down for N simulated minutes while 10 events are published; the clock then moves on a day.
for (const outageMinutes of [3, 60, 600, 1_380, 1_500]) {
  const store = await Store.open<BaseData>({ kind: 'memory' }, () => baseData(new Date('2026-01-01T08:00:00Z')));
  await store.update((draft) => {
    draft.subscriptions.push({ id: 'hub-1', api: 'TMF620', callback: 'http://listener.test', query: '', subscriber: 'partner' });
  });
  const start = Date.parse(store.data.clock);
  const received = new Set<string>();
  const notifier = new Notifier(
    store,
    'csp',
    async (_url, _subscriber, body) => {
      if (Date.parse(store.data.clock) < start + outageMinutes * MINUTE) throw new Error('connect ECONNREFUSED');
      received.add(String(body.eventId));
    },
    { burst: 2, burstDelayMs: 0, timeoutMs: 100 },
  );
  const offering = (i: number): Entity => ({ id: `po-${i}`, href: `/po/${i}`, '@type': 'ProductOffering' });
  await store.update((draft) => {
    for (let i = 0; i < 10; i++)
      notifier.enqueue(draft, new Date(draft.clock), {
        api: 'TMF620',
        eventType: 'ProductOfferingCreateEvent',
        resource: 'productOffering',
        entity: offering(i),
      });
  });
  // The clock moves in 5-minute steps for two simulated days; every due retry is made on the way.
  for (let t = 0; t <= 2 * 24 * 60; t += 5) {
    await store.update((draft) => {
      draft.clock = new Date(start + t * MINUTE).toISOString();
    });
    await notifier.drain();
  }
  const dead = store.data.outbox.filter((e) => e.state === 'dead').length;
  const tries = store.data.outbox.reduce((n, e) => n + e.attempts, 0);
  console.log(`outage of ${outageMinutes} simulated minutes: ${received.size}/10 events delivered, ${dead} dead-lettered, ${tries} tries in all`);
}

// 3. SIGKILL during mediation and while invoice notices are owed.
let lost = 0;
let doubled = 0;
for (let seed = 1; seed <= crashRuns; seed++) {
  const outcome = await crashRun(seed);
  lost += outcome.noticesLost + (outcome.records - outcome.rated);
  doubled += outcome.noticesDoubled + outcome.ratedTwice;
  console.log(
    `crash run ${seed}: ${outcome.rated}/${outcome.records} records rated (${outcome.ratedTwice} twice), ${outcome.noticesTold}/${outcome.driverBills} notices told once (${outcome.noticesLost} lost, ${outcome.noticesDoubled} doubled), ${outcome.deadLetters} dead letters`,
  );
}
// 4. SIGKILL at the call center while it sends a trouble ticket (before, then after the CSP took it), and at
// the OEM while it tells the driver a service is active: each must arrive exactly once.
for (const takenBeforeKill of [false, true]) {
  const ticket = await ticketsSentAfterKill(takenBeforeKill);
  lost += ticket.atCsp === 0 ? 1 : 0;
  doubled += Math.max(0, ticket.atCsp - 1);
  const activation = await activationMessagesAfterKill(takenBeforeKill);
  lost += activation.told === 0 ? 1 : 0;
  doubled += Math.max(0, activation.told - 1);
  console.log(
    `call center killed ${takenBeforeKill ? 'after' : 'before'} the CSP took its ticket: ${ticket.atCsp} ticket(s) at the CSP; OEM killed ${takenBeforeKill ? 'after' : 'before'} the driver took its message: ${activation.told} message(s)`,
  );
}
console.log(`crash runs: ${crashRuns + 4}, effects lost: ${lost}, duplicated: ${doubled}`);
