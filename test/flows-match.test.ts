import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActorId, WireParty } from '../core/actor-ids.ts';
import type { Exchange, ExchangeKind, WireApi } from '../harness/exchange.ts';
import { JOURNAL } from '../core/journal-events.ts';
import { matchScenario, type JournalEntry, type ScenarioFlowInput } from '../harness/flows/match.ts';
import { PARTY_API } from '../core/party-api.ts';

const SCENARIO = 'partner sets up split billing';
const T0 = Date.parse('2030-01-01T10:00:00.000Z');
/** Wall-clock time of wire seq `seq`, plus `ms`; journal entries sit between exchanges with it. */
const time = (seq: number, ms = 0): string => new Date(T0 + seq * 1000 + ms).toISOString();

interface Shape {
  from: WireParty;
  to: ActorId;
  kind: ExchangeKind;
  api: WireApi;
  method: string;
  path: string;
  body?: unknown;
  status?: number;
  scenario?: string;
}

function exchange(seq: number, s: Shape): Exchange {
  return {
    seq,
    scenario: s.scenario ?? SCENARIO,
    from: s.from,
    to: s.to,
    kind: s.kind,
    api: s.api,
    operation: `${s.method} ${s.path}`,
    method: s.method,
    path: s.path,
    status: s.status ?? 200,
    request: { headers: {}, body: s.body ?? eventBody(s) },
    response: { headers: {}, body: null },
    valid: true,
    errors: [],
    startedAt: time(seq),
    durationMs: 5,
  };
}

/** A notification carries the event type its listener path names, as a TMF event does. */
function eventBody(s: Shape): unknown {
  const event = /\/listener\/(\w+)/.exec(s.path)?.[1];
  return s.kind === 'notification' && event ? { eventType: event[0].toUpperCase() + event.slice(1) } : null;
}

const entry = (seq: number, actor: ActorId, type: string, at: string): JournalEntry => ({ seq, at, actor, type, data: {} });

const tmf = (api: string, rest: string) => `/tmf-api/${api}/v4/${rest}`;

/** The shapes of figure 7's wire steps, by step id. */
const WIRE_7 = {
  '7.1': {
    from: 'car-manufacturer',
    to: 'csp',
    kind: 'call',
    api: 'TMF622',
    method: 'POST',
    path: tmf('productOrderingManagement', 'productOrder'),
    body: { relatedParty: [{ id: 'oem', role: 'buyer' }] },
  },
  '7.3': { from: 'csp', to: 'car-manufacturer', kind: 'party-api', api: 'control', method: 'POST', path: PARTY_API.onboardingResult },
  '7.5': {
    from: 'car-manufacturer',
    to: 'csp',
    kind: 'call',
    api: 'TMF620',
    method: 'GET',
    path: tmf('productCatalogManagement', 'productOffering?category.name=infotainment-connectivity&lifecycleStatus=Launched'),
  },
  '7.8': { from: 'csp', to: 'car-manufacturer', kind: 'notification', api: 'TMF678', method: 'POST', path: '/listener/customerBillCreateEvent' },
  '7.9a': { from: 'car-manufacturer', to: 'csp', kind: 'call', api: 'TMF678', method: 'GET', path: tmf('customerBillManagement', 'customerBill/B1') },
  '7.9b': {
    from: 'car-manufacturer',
    to: 'csp',
    kind: 'call',
    api: 'TMF678',
    method: 'GET',
    path: tmf('customerBillManagement', 'appliedCustomerBillingRate?bill.id=B1'),
  },
} satisfies Record<string, Shape>;

/** A faithful run of figure 7: wire seq 1..6, journal entries in between. */
function figure7Run(): { exchanges: Exchange[]; journal: JournalEntry[] } {
  const order = ['7.1', '7.3', '7.5', '7.8', '7.9a', '7.9b'] as const;
  return {
    exchanges: order.map((id, i) => exchange(i + 1, WIRE_7[id])),
    journal: [
      entry(1, 'csp', JOURNAL.partnerOnboarded, time(1, 100)),
      entry(2, 'csp', JOURNAL.subscriptionRegistered, time(2, 100)),
      entry(1, 'car-manufacturer', JOURNAL.catalogBuilt, time(3, 100)),
      entry(3, 'csp', JOURNAL.billProduced, time(3, 200)),
    ],
  };
}

const judge7 = (run: { exchanges: Exchange[]; journal: JournalEntry[] }, extra: Partial<ScenarioFlowInput> = {}) =>
  matchScenario({ scenario: SCENARIO, figures: [7], ...run, ...extra });

test('a faithful run of figure 7 sees every step, in order, with nothing unexpected', () => {
  const verdict = judge7(figure7Run());
  const [fig] = verdict.figures;
  assert.equal(verdict.ok, true);
  assert.deepEqual(fig.expected, ['7.1', '7.2', '7.3', '7.4', '7.5', '7.6', '7.7', '7.8', '7.9']);
  assert.deepEqual(
    fig.seen.map((s) => s.step),
    fig.expected,
  );
  assert.deepEqual(fig.missing, []);
  assert.deepEqual(fig.outOfOrder, []);
  assert.deepEqual(verdict.unexpected, []);
  assert.deepEqual(
    fig.seen.find((s) => s.step === '7.9')?.evidence.map((e) => e.source === 'wire' && e.seq),
    [5, 6],
  );
});

test('an internal step is seen through the journal of the party that acts, not of another', () => {
  const run = figure7Run();
  const seen = judge7(run).figures[0].seen.find((s) => s.step === '7.2');
  assert.deepEqual(seen?.evidence, [{ source: 'journal', actor: 'csp', seq: 1, type: JOURNAL.partnerOnboarded, at: time(1, 100) }]);

  run.journal[0] = entry(9, 'car-manufacturer', JOURNAL.partnerOnboarded, time(1, 100));
  const verdict = judge7(run);
  assert.deepEqual(verdict.figures[0].missing, ['7.2']);
  assert.deepEqual(verdict.figures[0].unmet, [{ step: '7.2', parts: ['csp journal partner.onboarded'] }]);
});

test('a step that did not happen is missing, and the verdict is not ok', () => {
  const run = figure7Run();
  run.exchanges = run.exchanges.filter((e) => !e.path.includes('productOffering'));
  const verdict = judge7(run);
  assert.equal(verdict.ok, false);
  assert.deepEqual(verdict.figures[0].missing, ['7.5']);
  assert.match(verdict.figures[0].unmet[0].parts[0], /car-manufacturer → csp GET TMF620 productOffering\?category\.name/);
});

test('half of an all-of step is not the step', () => {
  const run = figure7Run();
  run.exchanges = run.exchanges.filter((e) => !e.path.includes('appliedCustomerBillingRate'));
  const fig = judge7(run).figures[0];
  assert.deepEqual(fig.missing, ['7.9']);
  assert.equal(fig.unmet[0].parts.length, 1);
});

test('an exchange no step of any figure describes is unexpected', () => {
  const run = figure7Run();
  run.exchanges.push(
    exchange(7, { from: 'driver', to: 'csp', kind: 'call', api: 'TMF678', method: 'GET', path: tmf('customerBillManagement', 'customerBill') }),
  );
  const verdict = judge7(run);
  assert.equal(verdict.ok, false);
  assert.deepEqual(
    verdict.unexpected.map((u) => u.seq),
    [7],
  );
  assert.equal(verdict.unexpected[0].to, 'csp');
});

test('an undocumented call the callee refuses (401/403) is listed as refused, without failing the scenario', () => {
  const run = figure7Run();
  const outsideBundle: Shape = {
    from: 'car-manufacturer',
    to: 'csp',
    kind: 'call',
    api: 'TMF637',
    method: 'PATCH',
    path: tmf('productInventory', 'product/P1'),
    status: 403,
  };
  run.exchanges.push(exchange(7, outsideBundle));
  const refused = judge7(run);
  assert.equal(refused.ok, true);
  assert.deepEqual(refused.unexpected, []);
  assert.deepEqual(
    refused.refused.map((u) => [u.seq, u.status]),
    [[7, 403]],
  );

  run.exchanges[6] = exchange(7, { ...outsideBundle, status: 200 });
  const accepted = judge7(run);
  assert.equal(accepted.ok, false);
  assert.deepEqual(
    accepted.unexpected.map((u) => u.seq),
    [7],
  );
  assert.deepEqual(accepted.refused, []);
});

test('an offering read without the category filter is not 7.5, and is unexpected', () => {
  const run = figure7Run();
  run.exchanges[2] = exchange(3, { ...WIRE_7['7.5'], path: tmf('productCatalogManagement', 'productOffering?lifecycleStatus=Launched') });
  const verdict = judge7(run);
  assert.deepEqual(verdict.figures[0].missing, ['7.5']);
  assert.deepEqual(
    verdict.unexpected.map((u) => u.seq),
    [3],
  );
});

test('an exchange that belongs to a step of another figure is unexpected, unless the scenario sets that figure up', () => {
  const run = figure7Run();
  run.exchanges.push(exchange(7, { from: 'car-manufacturer', to: 'csp', kind: 'call', api: 'TMF635', method: 'GET', path: tmf('usageManagement', 'usage') }));
  assert.deepEqual(
    judge7(run).unexpected.map((u) => u.seq),
    [7],
  );
  const verdict = judge7(run, { setup: [8] });
  assert.equal(verdict.ok, true);
  assert.deepEqual(verdict.unexpected, []);
});

test('a step seen only before a step it must follow is out of order', () => {
  const run = figure7Run();
  // The OEM reads the bill (seq 4, 5) before it is told about it (seq 6).
  const [o1, o3, o5, notice, bill, items] = run.exchanges;
  run.exchanges = [o1, o3, o5, { ...bill, seq: 4, startedAt: time(4) }, { ...items, seq: 5, startedAt: time(5) }, { ...notice, seq: 6, startedAt: time(6) }];
  const verdict = judge7(run);
  assert.equal(verdict.ok, false);
  assert.deepEqual(
    verdict.figures[0].outOfOrder.map((o) => [o.step, o.mustFollow]),
    [['7.9', '7.8']],
  );
  assert.deepEqual(verdict.figures[0].missing, []);
});

test('an internal step is ordered against the wire by wall-clock time', () => {
  const run = figure7Run();
  // The bill is journaled after the notice that announces it.
  run.journal[3] = entry(3, 'csp', JOURNAL.billProduced, time(4, 500));
  assert.deepEqual(
    judge7(run).figures[0].outOfOrder.map((o) => [o.step, o.mustFollow]),
    [['7.8', '7.7']],
  );
});

test('an early occurrence does not make a step out of order when a later one follows its predecessor', () => {
  const run = figure7Run();
  // A background read of a bill before the flow, then the documented read after the notice.
  run.exchanges.unshift(exchange(0, WIRE_7['7.9a']), exchange(-1, WIRE_7['7.9b']));
  const verdict = judge7(run);
  assert.deepEqual(verdict.figures[0].outOfOrder, []);
  const evidence = verdict.figures[0].seen.find((s) => s.step === '7.9')?.evidence;
  assert.deepEqual(
    evidence?.map((e) => e.source === 'wire' && e.seq),
    [5, 6],
  );
});

test('exchanges the harness makes and exchanges of other scenarios are ignored', () => {
  const run = figure7Run();
  const partnerOrder = run.exchanges.shift() as Exchange;
  run.exchanges.push(
    exchange(10, { ...WIRE_7['7.1'], from: 'harness', kind: 'harness' }),
    exchange(11, { ...WIRE_7['7.1'], scenario: 'another scenario' }),
    exchange(12, { from: 'harness', to: 'csp', kind: 'harness', api: 'control', method: 'POST', path: '/control/reset' }),
  );
  const verdict = judge7(run);
  assert.deepEqual(verdict.figures[0].missing, ['7.1']);
  assert.deepEqual(verdict.unexpected, []);
  run.exchanges.push(partnerOrder);
  assert.deepEqual(judge7(run).figures[0].missing, []);
});

test('a refused exchange does not prove its step, yet is not unexpected', () => {
  const run = figure7Run();
  run.exchanges[2] = exchange(3, { ...WIRE_7['7.5'], status: 403 });
  const verdict = judge7(run);
  assert.deepEqual(verdict.figures[0].missing, ['7.5']);
  assert.deepEqual(verdict.unexpected, []);
});

test('@steps: a scenario covering part of a figure is judged on those steps only', () => {
  const exchanges = [exchange(1, WIRE_7['7.1']), exchange(2, WIRE_7['7.5']), exchange(3, WIRE_7['7.9a'])];
  const verdict = judge7({ exchanges, journal: [] }, { steps: ['7.1', '7.5'] });
  assert.equal(verdict.ok, true);
  assert.deepEqual(verdict.figures[0].expected, ['7.1', '7.5']);
  assert.deepEqual(verdict.figures[0].missing, []);
  assert.equal(judge7({ exchanges, journal: [] }, { steps: ['7.1', '7.8'] }).figures[0].missing[0], '7.8');
});

/** Figure 8 up to the driver's order, on the branch where 8.4 found the driver. */
function figure8Run(): { exchanges: Exchange[]; journal: JournalEntry[] } {
  const shapes: Shape[] = [
    { from: 'car-manufacturer', to: 'driver', kind: 'party-api', api: 'inbox', method: 'POST', path: PARTY_API.inbox, body: { topic: 'service-offer' } },
    { from: 'driver', to: 'car-manufacturer', kind: 'party-api', api: 'control', method: 'POST', path: PARTY_API.serviceSelection },
    {
      from: 'car-manufacturer',
      to: 'csp',
      kind: 'call',
      api: 'TMF629',
      method: 'GET',
      path: tmf('customerManagement', 'customer?contactMedium.emailAddress=a@b.c'),
    },
    { from: 'car-manufacturer', to: 'csp', kind: 'call', api: 'TMF666', method: 'GET', path: tmf('accountManagement', 'billingAccount?relatedParty.id=C1') },
    {
      from: 'car-manufacturer',
      to: 'csp',
      kind: 'call',
      api: 'TMF622',
      method: 'POST',
      path: tmf('productOrderingManagement', 'productOrder'),
      body: {
        relatedParty: [
          { id: 'oem', role: 'buyer' },
          { id: 'C1', role: 'thirdPartyPayer' },
        ],
      },
    },
  ];
  return { exchanges: shapes.map((s, i) => exchange(i + 1, s)), journal: [entry(1, 'car-manufacturer', JOURNAL.orderRegistered, time(2, 100))] };
}

test("branches: the other branch's step is neither expected nor missing", () => {
  const existing = matchScenario({ scenario: SCENARIO, figures: [8], branches: ['existing-customer'], ...figure8Run() });
  assert.ok(existing.figures[0].expected.includes('8.5'));
  assert.ok(!existing.figures[0].expected.includes('8.6'));
  assert.ok(!existing.figures[0].missing.includes('8.6'));
  assert.deepEqual(existing.figures[0].missing, ['8.8', '8.9', '8.10', '8.11', '8.12', '8.13', '8.14']);

  const newParty = matchScenario({ scenario: SCENARIO, figures: [8], branches: ['new-party'], ...figure8Run() });
  assert.ok(!newParty.figures[0].expected.includes('8.5'));
  assert.ok(newParty.figures[0].missing.includes('8.6'));
  assert.deepEqual(newParty.unexpected, [], 'the 8.5 read is a documented step, not an extra');
});

test("the partner order of 7.1 is not the driver's order of 8.7", () => {
  const run = figure8Run();
  const judge = () => matchScenario({ scenario: SCENARIO, figures: [8], steps: ['8.1', '8.2', '8.3', '8.4', '8.5', '8.7'], ...run });
  assert.deepEqual(judge().figures[0].missing, []);
  run.exchanges[4] = exchange(5, WIRE_7['7.1']);
  assert.deepEqual(judge().figures[0].missing, ['8.7']);
});

test('a subscription made ahead of the step it serves keeps the step in order', () => {
  const owned = exchange(3, {
    from: 'content-provider',
    to: 'car-manufacturer',
    kind: 'call',
    api: 'TMF637',
    method: 'GET',
    path: tmf('productInventory', 'product?relatedParty.id=C1'),
  });
  const order = exchange(4, {
    from: 'content-provider',
    to: 'csp',
    kind: 'call',
    api: 'TMF622',
    method: 'POST',
    path: tmf('productOrderingManagement', 'productOrder'),
  });
  const hub = (seq: number) =>
    exchange(seq, { from: 'content-provider', to: 'csp', kind: 'call', api: 'TMF622', method: 'POST', path: tmf('productOrderingManagement', 'hub') });
  const judge = (exchanges: Exchange[]) => matchScenario({ scenario: SCENARIO, figures: [11], steps: ['11.7', '11.8'], exchanges, journal: [] }).figures[0];

  const early = judge([hub(1), owned, order]);
  assert.deepEqual(early.missing, []);
  assert.deepEqual(early.outOfOrder, []);
  assert.deepEqual(judge([owned, order]).missing, ['11.8']);
  // The order itself, though, must follow the ownership check.
  assert.deepEqual(
    judge([hub(1), { ...order, seq: 2 }, owned]).outOfOrder.map((o) => [o.step, o.mustFollow]),
    [['11.8', '11.7']],
  );
});

test('a mistyped figure, step or branch fails loudly', () => {
  const run = figure7Run();
  assert.throws(() => judge7(run, { figures: [12] }), /no figure 12/);
  assert.throws(() => judge7(run, { figures: [] }), /names no figure/);
  assert.throws(() => judge7(run, { steps: ['7.10'] }), /no step 7\.10/);
  assert.throws(() => judge7(run, { steps: ['8.1'] }), /step 8\.1 is not in the figures/);
  assert.throws(() => judge7(run, { branches: ['existing'] }), /no branch "existing"/);
});
