import fc from 'fast-check';
import { ACTOR_IDS, type ActorId } from '../../core/actor-ids.ts';
import type { Ecosystem } from '../../harness/ecosystem.ts';
import { bootstrapKey, harnessKey } from '../../tmf/auth.ts';
import { routeTable, type RouteEntry } from './route-table.ts';

/** One fuzzed request and what it did. */
export interface FuzzFinding {
  readonly request: string;
  readonly status: number;
  readonly problem: string;
}

export interface FuzzSummary {
  readonly requests: number;
  readonly serverErrors: number;
  readonly stateChangesOnRejection: number;
  readonly findings: readonly FuzzFinding[];
}

/** JSON nested `depth` levels: what overflows a recursive walker. */
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Bodies a careless or hostile caller sends: any JSON, wrong shapes, money as strings, huge numbers, deep nesting, broken JSON. */
const bodyText: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.dictionary(fc.constantFrom('period', 'sessions', 'offers', 'price', 'now', 'peers', 'callbacks', 'ids', 'note', 'decision', 'state', 'status', 'email', 'givenName', 'familyName', 'customer', 'offering', 'callback', 'query', 'amount', 'productOrderItem', 'relatedParty'),
    fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(-3_000_000), fc.constant(3_000_000), fc.constant('12.30 EUR'), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }), fc.constant('2026-13-45'), fc.constant('not a url')),
    { maxKeys: 4 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(nested(4_000), nested(100), '{"a":', '{"__proto__":{"x":1}}', '"%E0%A4%A"', 'null', '[]', `{"s":"${'x'.repeat(2_000)}"}`),
);

/** Values for `:params`: ids that exist, ids that do not, odd strings. */
const paramValue = (known: readonly string[]) => fc.oneof(known.length ? fc.constantFrom(...known) : fc.constant('x'), fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent), fc.constantFrom('%E0%A4%A', '..', 'productOrderStateChangeEvent', 'customerBillCreateEvent', 'unknownEvent'));

/**
 * Fuzzes every route of every local party, generated from each app's route table: `count` requests,
 * seeded. Checks that none answers 5xx, every refusal is a TMF error, and a refusal changes nothing.
 */
export async function fuzzEcosystem(ecosystem: Ecosystem, count: number, seed: number): Promise<FuzzSummary> {
  const parties = ACTOR_IDS.filter((id) => ecosystem.local[id]);
  const routes = parties.flatMap((party) => routeTable(ecosystem.local[party]!.app).map((route) => ({ party, route })));
  const known = (party: ActorId) => Object.values(ecosystem.local[party]!.runtime.store.data.resources).flat().map((e) => e.id).slice(0, 20);
  const request = fc.record({
    target: fc.constantFrom(...routes),
    body: bodyText,
    as: fc.constantFrom<'harness' | 'peer' | 'stranger'>('harness', 'harness', 'peer', 'stranger'),
    peer: fc.constantFrom(...ACTOR_IDS),
    salt: fc.nat(),
  });
  const findings: FuzzFinding[] = [];
  let serverErrors = 0;
  let stateChanges = 0;
  for (const r of fc.sample(request, { numRuns: count, seed })) {
    const { party, route } = r.target as { party: ActorId; route: RouteEntry };
    const actor = ecosystem.local[party]!;
    const params = fc.sample(paramValue(known(party)), { numRuns: 1, seed: r.salt })[0];
    const path = route.path.replace(/:[A-Za-z]+/g, params);
    const key = r.as === 'harness' ? harnessKey(ecosystem.secret, party) : r.as === 'peer' ? bootstrapKey(ecosystem.secret, r.peer, party) : 'cch_not-a-key';
    const before = JSON.stringify(actor.runtime.store.data);
    const response = await fetch(`${actor.url}${path}`, {
      method: route.method,
      headers: { authorization: `Bearer ${key}`, ...(r.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: route.method === 'GET' || route.method === 'HEAD' ? undefined : r.body,
    });
    const text = await response.text();
    const label = `${route.method} ${party}${path} as ${r.as === 'peer' ? r.peer : r.as} ${String(r.body).slice(0, 80)}`;
    if (response.status >= 500) {
      serverErrors++;
      findings.push({ request: label, status: response.status, problem: text.slice(0, 200) });
    } else if (response.status >= 400) {
      const error = safeJson(text) as Record<string, unknown> | undefined;
      if (!error || !['code', 'reason', 'message', 'status'].every((k) => k in error)) findings.push({ request: label, status: response.status, problem: `not a TMF error: ${text.slice(0, 120)}` });
      if (JSON.stringify(actor.runtime.store.data) !== before) {
        stateChanges++;
        findings.push({ request: label, status: response.status, problem: 'refused, yet the state changed' });
      }
    }
    // Work a request started (and what it set off at peers) is done before the next one, so that a later refusal is judged alone.
    for (let round = 0; round < 5; round++) {
      const snapshot = parties.map((p) => JSON.stringify(ecosystem.local[p]!.runtime.store.data)).join();
      await Promise.all(parties.map((p) => ecosystem.local[p]!.runtime.drain()));
      if (parties.map((p) => JSON.stringify(ecosystem.local[p]!.runtime.store.data)).join() === snapshot) break;
    }
  }
  return { requests: count, serverErrors, stateChangesOnRejection: stateChanges, findings };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
