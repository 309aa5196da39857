import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Exchange } from '../harness/exchange.ts';
import { FLOWS, step } from '../harness/flows/catalogue.ts';
import { describeMatcher } from '../harness/flows/describe.ts';
import { leavesOf } from '../harness/flows/observe.ts';
import type { BodyPredicate, WireMatcher } from '../harness/flows/types.ts';
import { matchesWire } from '../harness/flows/wire-match.ts';
import { basePath } from '../tmf/apis.ts';

/**
 * Every wire matcher of FLOWS.md is met by the exchange it describes, and not by a near miss of it: the
 * other direction, method, resource, query, event type, or a body that says another state.
 */

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

function setAt(body: Record<string, unknown>, field: string, value: unknown): void {
  const path = field.split('.');
  let at = body;
  for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[path.at(-1)!] = value;
}

function bodyFor(predicates: readonly BodyPredicate[], base: Record<string, unknown> = {}): Record<string, unknown> {
  const body = structuredClone(base);
  for (const p of predicates) setAt(body, p.field, p.op === 'equals' ? p.values[0] : p.op === 'present' ? 'metric-1' : 'something-else');
  return body;
}

/** The exchange a matcher describes, from its first caller to its first callee. */
function exchangeOf(m: WireMatcher): Exchange {
  const common = {
    seq: 1,
    scenario: 's',
    from: m.from[0],
    to: m.to[0],
    kind: m.kind,
    status: 200,
    response: { headers: {}, body: null },
    valid: true,
    errors: [],
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
  } as const;
  switch (m.kind) {
    case 'call': {
      const query = (m.query ?? []).map((q) => `${q}=x`).join('&');
      const path = `${basePath(m.api)}/${m.resource}${m.method === 'POST' ? '' : '/id-1'}${query ? `?${query}` : ''}`;
      return { ...common, api: m.api, method: m.method, path, operation: `${m.method} ${m.resource}`, request: { headers: {}, body: bodyFor(m.body ?? []) } };
    }
    case 'notification': {
      const event = m.events[0];
      // A party notifying a unit of its own goes to itself, under the unit's path.
      const unit = m.ownUnit ? { to: m.from[0], unit: m.ownUnit } : {};
      return {
        ...common,
        ...unit,
        api: m.api,
        method: 'POST',
        path: `${m.ownUnit ? `/${m.ownUnit}` : ''}/listener/${event}`,
        operation: cap(event),
        request: { headers: {}, body: bodyFor(m.body ?? [], { eventType: cap(event) }) },
      };
    }
    case 'party-api':
      return { ...common, api: m.api, method: 'POST', path: m.path, operation: `POST ${m.path}`, request: { headers: {}, body: bodyFor(m.body ?? []) } };
  }
}

/** Near misses of the exchange, each with what it changes. */
function nearMisses(m: WireMatcher, e: Exchange): [string, Exchange][] {
  const misses: [string, Exchange][] = [];
  const reversedAllowed = m.from.includes(e.to) && (m.to as readonly string[]).includes(e.from);
  if (e.from !== 'harness' && !reversedAllowed) misses.push(['the other direction', { ...e, from: e.to, to: e.from }]);
  misses.push(['sent by the harness', { ...e, from: 'harness', kind: 'harness' }]);
  const body = e.request.body as Record<string, unknown>;
  for (const p of m.body ?? []) {
    const wrong = structuredClone(body);
    const value = p.op === 'equals' ? 'near-miss' : p.op === 'present' ? '' : p.values[0];
    setAt(wrong, p.field, value);
    misses.push([`${p.field} = '${String(value)}'`, { ...e, request: { ...e.request, body: wrong } }]);
  }
  if (m.ownUnit) {
    const { unit: _unit, ...toParty } = e;
    misses.push(['to the party itself, not its unit', toParty]);
    const other = m.from.find((p) => p !== e.from) ?? 'call-center';
    misses.push([`to the unit of another party (${other})`, { ...e, to: other }]);
  } else {
    misses.push(['to a unit of the callee', { ...e, unit: 'resolution-team' }]);
  }
  if (m.kind === 'call') {
    misses.push(['another method', { ...e, method: m.method === 'GET' ? 'DELETE' : 'GET' }]);
    misses.push(['another resource', { ...e, path: e.path.replace(`/${m.resource}`, m.resource === 'hub' ? '/productOffering' : '/nearMissResource') }]);
    if (m.query?.length) misses.push(['without its query', { ...e, path: e.path.split('?')[0] }]);
  }
  if (m.kind === 'notification') {
    misses.push(['a body naming another event', { ...e, request: { ...e.request, body: { ...body, eventType: 'SomethingElseEvent' } } }]);
    misses.push(['another listener', { ...e, path: e.path.replace(/listener\/.*$/, 'listener/somethingElseEvent') }]);
  }
  if (m.kind === 'party-api') misses.push(['another path', { ...e, path: `${m.path}-near-miss` }]);
  return misses;
}

const wireLeaves = FLOWS.flatMap((s) =>
  leavesOf(s.observe)
    .filter((m): m is WireMatcher => m.kind !== 'journal')
    .map((m) => ({ id: s.id, m })),
);

for (const { id, m } of wireLeaves) {
  test(`${id}: ${describeMatcher(m)} — met by its exchange, not by a near miss`, () => {
    const e = exchangeOf(m);
    assert.ok(matchesWire(m, e), 'the exchange it describes');
    for (const [what, miss] of nearMisses(m, e)) assert.ok(!matchesWire(m, miss), `near miss (${what}) must not match`);
  });
}

const leaf = (id: string, index = 0) => leavesOf(step(id).observe).filter((m): m is WireMatcher => m.kind !== 'journal')[index];

test('the states the steps name: 9.8 closed, 9.12 accepted or disputed, 9.27 resolved and closed, 8.8 completed', () => {
  const patch = (m: WireMatcher, body: object) => ({ ...exchangeOf(m), request: { headers: {}, body } });
  const close = leaf('9.8');
  assert.ok(matchesWire(close, patch(close, { status: 'closed' })));
  assert.ok(!matchesWire(close, patch(close, { status: 'inProgress' })), 'any other update of the ticket is not 9.8');
  const answer = leaf('9.12');
  assert.ok(matchesWire(answer, patch(answer, { state: 'accepted' })) && matchesWire(answer, patch(answer, { state: 'disputed', disputeReason: 'x' })));
  assert.ok(!matchesWire(answer, patch(answer, { state: 'paid' })), 'marking the note paid is not accepting it');
  const [resolvedPatch, resolvedEvent, closed] = leavesOf(step('9.27').observe) as WireMatcher[];
  assert.ok(!matchesWire(resolvedPatch, patch(resolvedPatch, { status: 'inProgress' })));
  assert.ok(!matchesWire(resolvedEvent, patch(resolvedEvent, { eventType: 'TroubleTicketResolvedEvent', event: { troubleTicket: { status: 'inProgress' } } })));
  assert.ok(!matchesWire(closed, patch(closed, { status: 'resolved' })));
  const completed = leavesOf(step('8.8').observe).find((m): m is WireMatcher => m.kind === 'notification')!;
  const event = (state: string, eventType = 'ProductOrderStateChangeEvent') => patch(completed, { eventType, event: { productOrder: { state } } });
  assert.ok(matchesWire(completed, event('completed')));
  assert.ok(!matchesWire(completed, event('inProgress')), 'an order still in progress is not 8.8 done');
  assert.ok(!matchesWire(completed, event('completed', 'ProductOrderCreateEvent')), 'another event type posted to the state-change listener');
});

test('9.26: the party tells its own resolution team of the violation, with its metric identifier', () => {
  const notice = leaf('9.26');
  const event = (eventType: string, violation: object) => ({
    ...exchangeOf(notice),
    request: { headers: {}, body: { eventType, event: { slaViolation: { id: 3, violation } } } },
  });
  assert.deepEqual([notice.from, notice.to, notice.ownUnit], [['csp', 'car-manufacturer'], ['csp', 'car-manufacturer'], 'resolution-team']);
  assert.ok(matchesWire(notice, event('SlaViolationCreateEvent', { metric: 'connectivity.availability:2026-03', actualValue: '99.46' })));
  assert.ok(!matchesWire(notice, event('SlaViolationCreateEvent', { actualValue: '99.46' })), 'a violation without its metric identifier');
  assert.ok(
    !matchesWire(notice, { ...event('SlaViolationCreateEvent', { metric: 'm' }), from: 'call-center', to: 'call-center' }),
    'the call center is no party with a resolution team',
  );
  assert.ok(
    !matchesWire(notice, { ...event('SlaViolationCreateEvent', { metric: 'm' }), from: 'csp', to: 'car-manufacturer' }),
    "the CSP notifying the OEM's team",
  );
  const attributeChange = {
    ...event('SlaViolationAttributeValueChangeEvent', { metric: 'm' }),
    path: '/resolution-team/listener/slaViolationAttributeValueChangeEvent',
  };
  assert.ok(!matchesWire(notice, attributeChange), 'another event type');
});
