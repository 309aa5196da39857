import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Exchange } from '../harness/exchange.ts';
import { flowProblems, matchScenario } from '../harness/flows/match.ts';
import { coverageOf } from '../step-definitions/support/flow-tags.ts';

const SCENARIO = 'verdict';
const offerings = '/tmf-api/productCatalogManagement/v4/productOffering?category.name=infotainment-connectivity';

function exchange(seq: number, e: Pick<Exchange, 'from' | 'to' | 'kind' | 'api' | 'method' | 'path'> & { status?: number }): Exchange {
  return {
    seq,
    scenario: SCENARIO,
    from: e.from,
    to: e.to,
    kind: e.kind,
    api: e.api,
    operation: `${e.method} ${e.path}`,
    method: e.method,
    path: e.path,
    status: e.status ?? 200,
    request: { headers: {}, body: null },
    response: { headers: {}, body: null },
    valid: true,
    errors: [],
    startedAt: new Date(Date.UTC(2030, 0, 1, 0, 0, seq)).toISOString(),
    durationMs: 5,
  };
}

/** Step 7.5 as the OEM makes it. */
const oemReadsCatalog = exchange(1, { from: 'car-manufacturer', to: 'csp', kind: 'call', api: 'TMF620', method: 'GET', path: offerings });
/** A figure 9 step: the call center opens a ticket at the CSP. */
const ticketAtCsp = exchange(2, {
  from: 'call-center',
  to: 'csp',
  kind: 'call',
  api: 'TMF621',
  method: 'POST',
  path: '/tmf-api/troubleTicket/v4/troubleTicket',
});

test('a scenario that claims a step it did not perform fails, and says which', () => {
  const verdict = matchScenario({ scenario: SCENARIO, figures: [7], steps: ['7.5'], exchanges: [], journal: [] });
  assert.equal(verdict.ok, false);
  assert.match(flowProblems(verdict).join('\n'), /missing 7\.5: nothing met car-manufacturer → csp GET TMF620 productOffering/);
});

test('@steps:none fails on a documented step the scenario performed', () => {
  const none = coverageOf(['@figure7', '@steps:none']);
  const verdict = matchScenario({ scenario: SCENARIO, ...none, exchanges: [oemReadsCatalog], journal: [] });
  assert.deepEqual(verdict.unclaimed, ['7.5']);
  assert.equal(verdict.ok, false);
  assert.deepEqual(flowProblems(verdict), ['performed 7.5, which the scenario claims not to (@steps:none)']);
  // The near-miss: the same call refused is no step performed.
  const refused = matchScenario({ scenario: SCENARIO, ...none, exchanges: [{ ...oemReadsCatalog, status: 403 }], journal: [] });
  assert.equal(refused.ok, true);
});

test("unexpected traffic is judged against the scenario's own figures only", () => {
  const in7 = matchScenario({ scenario: SCENARIO, figures: [7], steps: ['7.5'], exchanges: [oemReadsCatalog, ticketAtCsp], journal: [] });
  assert.deepEqual(
    in7.unexpected.map((u) => u.seq),
    [2],
    'a figure 9 call is unexpected in a figure 7 scenario',
  );
  assert.equal(in7.ok, false);
  const in9 = matchScenario({ scenario: SCENARIO, figures: [9], steps: [], exchanges: [oemReadsCatalog], journal: [] });
  assert.deepEqual(
    in9.unexpected.map((u) => u.seq),
    [1],
    'a figure 7 call is unexpected in a figure 9 scenario',
  );
  const setUp = matchScenario({ scenario: SCENARIO, ...coverageOf(['@figure9', '@setup:figure7', '@steps:9.3']), exchanges: [oemReadsCatalog], journal: [] });
  assert.deepEqual(setUp.unexpected, [], 'a figure the scenario sets up with explains its traffic');
  assert.deepEqual(
    setUp.figures.map((f) => f.figure),
    [9],
    'but none of its steps is claimed',
  );
});

test('what the harness sends is never evidence of a step', () => {
  const byHarness = { ...oemReadsCatalog, from: 'harness' as const, kind: 'harness' as const };
  const verdict = matchScenario({ scenario: SCENARIO, figures: [7], steps: ['7.5'], exchanges: [byHarness], journal: [] });
  assert.deepEqual(verdict.figures[0].missing, ['7.5']);
});

test('an unknown setup figure is refused loudly', () => {
  assert.throws(() => matchScenario({ scenario: SCENARIO, figures: [7], setup: [6], exchanges: [], journal: [] }), /no figure 6/);
});

test("9.26 needs both the notice to the party's own resolution team and the team's correlation", () => {
  const notice = {
    ...exchange(3, {
      from: 'csp',
      to: 'csp',
      kind: 'notification',
      api: 'TMF623',
      method: 'POST',
      path: '/resolution-team/listener/slaViolationCreateEvent',
      status: 204,
    }),
    unit: 'resolution-team' as const,
    request: {
      headers: {},
      body: { eventType: 'SlaViolationCreateEvent', event: { slaViolation: { id: 1, violation: { metric: 'connectivity.availability:2026-03' } } } },
    },
  };
  const correlated = { seq: 1, at: new Date(Date.UTC(2030, 0, 1, 0, 0, 9)).toISOString(), actor: 'csp', type: 'alarm.correlated', data: {} };
  const verdictOf = (exchanges: Exchange[], journal: (typeof correlated)[]) =>
    matchScenario({ scenario: SCENARIO, figures: [9], steps: ['9.26'], exchanges, journal });
  assert.deepEqual(verdictOf([notice], [correlated]).figures[0].missing, []);
  assert.deepEqual(verdictOf([notice], []).figures[0].missing, ['9.26'], 'heard, never correlated');
  assert.deepEqual(verdictOf([], [correlated]).figures[0].missing, ['9.26'], 'correlated with nothing heard on the wire');
  const { unit: _unit, ...toThePartyItself } = notice;
  const toParty = { ...toThePartyItself, path: '/listener/slaViolationCreateEvent' };
  const verdict = verdictOf([toParty], [correlated]);
  assert.deepEqual(verdict.figures[0].missing, ['9.26'], "the party's own listener is not its resolution team");
  assert.deepEqual(
    verdict.unexpected.map((u) => u.seq),
    [3],
  );
});
