import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { WALL_CLOCK_HEADER } from '../actors/kit/control-contract.ts';
import { driveFigure10 } from '../harness/drive/figure10.ts';
import { journals, onHarnessClock, placementOf, UNSAID_CLOCK_MS } from '../harness/drive/journals.ts';
import { resetAll, settle } from '../harness/drive/settle.ts';
import { startEcosystem, type Ecosystem } from '../harness/ecosystem.ts';
import { isBefore, type Evidence } from '../harness/flows/evidence.ts';
import { matchScenario } from '../harness/flows/match.ts';
import type { JournalEntry } from '../harness/flows/types.ts';

// A party's journal is timed by its own wall clock (recordedAt); the wire's exchanges by the harness's.
// A partner on another host, whose clock is off, must not be judged out of order for it: its journal
// says what its clock reads (x-wall-clock), and the harness places the entries on its own clock.

const at = (ms: number) => new Date(ms).toISOString();
/** An OEM whose clock is three seconds behind the harness's. */
const SKEW_MS = -3_000;

test('a clock read between sending and receiving places the party: no offset within the margin, the offset beyond it', () => {
  assert.deepEqual(placementOf(at(1_005), 1_000, 1_010), { offsetMs: 0, uncertaintyMs: 6 }, 'the same clock: half the round trip, and a millisecond');
  assert.deepEqual(placementOf(at(3_005), 1_000, 1_010), { offsetMs: 2_000, uncertaintyMs: 6 }, 'two seconds ahead');
  assert.deepEqual(placementOf(undefined, 1_000, 1_010), { offsetMs: 0, uncertaintyMs: UNSAID_CLOCK_MS }, 'a party that does not say');
  assert.deepEqual(placementOf('not a time', 1_000, 1_010), { offsetMs: 0, uncertaintyMs: UNSAID_CLOCK_MS });
  const entry = { seq: 1, actor: 'driver', type: 'x', recordedAt: at(3_003), at: at(3_003), data: {} };
  assert.deepEqual(onHarnessClock(entry, { offsetMs: 2_000, uncertaintyMs: 6 }), { ...entry, at: at(1_003), uncertaintyMs: 6 });
  assert.deepEqual(onHarnessClock(entry, { offsetMs: 0, uncertaintyMs: 0 }), entry, 'a party in the harness process: as it is');
});

test('times on different clocks are ordered only beyond their margins', () => {
  const wire: Evidence = { source: 'wire', seq: 7, operation: 'POST productOffering', at: at(10_000) };
  const journal = (ms: number, uncertaintyMs?: number): Evidence => ({
    source: 'journal',
    actor: 'csp',
    seq: 1,
    type: 'x',
    at: at(ms),
    ...(uncertaintyMs ? { uncertaintyMs } : {}),
  });
  assert.equal(isBefore(journal(9_997), wire), true, 'on the harness clock, 3 ms is before');
  assert.equal(isBefore(journal(9_997, 5), wire), false, 'within a 5 ms margin: neither is before');
  assert.equal(isBefore(wire, journal(9_997, 5)), false);
  assert.equal(isBefore(journal(9_990, 5), wire), true, 'beyond the margin it is');
  assert.equal(isBefore(wire, journal(10_010, 5)), true);
});

describe('journals of parties on clocks of their own', () => {
  let ecosystem: Ecosystem;
  let partner: Server;
  /** The partner's clock runs this far ahead of the harness's; it says so or not. */
  const AHEAD_MS = 5_000;
  let saysItsClock = true;
  before(async () => {
    partner = createServer((req, res) => {
      const now = Date.now() + AHEAD_MS;
      if (req.url === '/control/journal') {
        res.writeHead(200, { 'content-type': 'application/json', ...(saysItsClock ? { [WALL_CLOCK_HEADER]: at(now) } : {}) });
        res.end(JSON.stringify([{ seq: 1, actor: 'driver', type: 'service.activated', recordedAt: at(now - 50), data: {} }]));
      } else res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    ecosystem = await startEcosystem({ bindings: { driver: { kind: 'remote', url: `http://127.0.0.1:${(partner.address() as AddressInfo).port}` } } });
  });
  after(async () => {
    await ecosystem.stop();
    partner.close();
  });

  test("a partner's entries are placed on the harness's clock by what it says its clock reads; the simulated parties' stay as they are", async () => {
    saysItsClock = true;
    await resetAll(ecosystem);
    const started = Date.now();
    const entries = await journals(ecosystem);
    const driver = entries.find((e) => e.actor === 'driver')!;
    const placed = Date.parse(driver.at);
    assert.ok(placed >= started - 50 - 20 && placed <= Date.now(), `placed at ${driver.at}, read from ${at(started)} on`);
    assert.ok(driver.uncertaintyMs! >= 1 && driver.uncertaintyMs! < 1_000, `a margin of half the round trip: ${driver.uncertaintyMs} ms`);
    assert.ok(entries.filter((e) => e.actor !== 'driver').every((e) => e.uncertaintyMs === undefined && e.at === (e as { recordedAt?: string }).recordedAt));
  });

  test('a partner that does not say what its clock reads keeps its times, with a margin of a second', async () => {
    saysItsClock = false;
    const driver = (await journals(ecosystem)).find((e) => e.actor === 'driver')!;
    assert.equal(driver.uncertaintyMs, UNSAID_CLOCK_MS);
    assert.ok(Date.parse(driver.at) > Date.now() + AHEAD_MS - 1_000, 'as the partner recorded it');
  });
});

test("figure 10's flow verdict: an OEM whose clock is three seconds behind fails on its raw times, and passes placed by its clock", async () => {
  const ecosystem = await startEcosystem({});
  try {
    await resetAll(ecosystem);
    ecosystem.recorder.startScenario('skewed OEM');
    await driveFigure10(ecosystem);
    await settle(ecosystem);
    const exchanges = ecosystem.recorder.exchangesOf('skewed OEM');
    const onOwnClock = await journals(ecosystem);
    const verdict = (journal: JournalEntry[]) => matchScenario({ scenario: 'skewed OEM', figures: [10], exchanges, journal });
    assert.equal(verdict(onOwnClock).ok, true, 'one clock: the flow as driven');
    const behind = (e: JournalEntry) => (e.actor === 'car-manufacturer' ? { ...e, at: at(Date.parse(e.at) + SKEW_MS) } : e);
    const skewed = onOwnClock.map(behind);
    assert.equal(verdict(skewed).ok, false, 'its entries, three seconds early on the harness clock, come before the steps that led to them');
    const placed = skewed.map((e) =>
      e.actor === 'car-manufacturer' ? onHarnessClock({ ...e, recordedAt: e.at }, { offsetMs: SKEW_MS, uncertaintyMs: 2 }) : e,
    );
    assert.equal(verdict(placed).ok, true, 'placed by what its clock said, in order again');
  } finally {
    await ecosystem.stop();
  }
});
