import type { ActorId, WireParty } from '../../core/actor-ids.ts';
import { httpCall } from '../../core/http-call.ts';
import { basePath, findResource, type ApiId } from '../../tmf/apis.ts';
import { bootstrapKey, harnessKey } from '../../tmf/auth.ts';
import { CONTROL_CONTRACT_PATH, missingOperations } from '../../actors/kit/control-contract.ts';
import type { Ecosystem } from '../ecosystem.ts';
import type { Exchange } from '../exchange.ts';
import type { Figure } from '../flows/types.ts';
import { cellOf } from './attribution.ts';
import { BUNDLE_PROBES } from './bundle-probes.ts';
import { checkExchange, expectation } from './exchange-checks.ts';
import { wireLeaves } from './selection.ts';
import type { Finding, PartnerMode } from './types.ts';
import { validate } from '../../tmf/schemas/index.ts';

/** The name under which the probes of a party are recorded on the wire. */
export const probeScenario = (party: ActorId) => `conformance: provider checks of ${party}`;

/** An id no provider holds. */
const NO_SUCH_ID = 'cch-conformance-no-such-id';

/** Whether the standard refuses an empty create body for the resource (what a partner may be failed for). */
function refusesEmptyCreate(api: ApiId, resource: string): boolean {
  const schema = findResource(api, resource)?.createSchema;
  return schema !== undefined && validate(schema, {}, 'request').length > 0;
}

/** Sends one request through the wire and returns the exchange the wire recorded for it. */
async function send(ecosystem: Ecosystem, from: WireParty, to: ActorId, method: string, path: string, key: string | undefined, body?: object): Promise<Exchange> {
  const headers: Record<string, string> = { accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) };
  await httpCall(ecosystem.wireUrl(from as ActorId, to) + path, { method, headers, body: body ? JSON.stringify(body) : undefined, timeoutMs: 2 * ecosystem.recorder.timeoutMs }); // the wire answers within its own time-out
  const recorded = ecosystem.recorder.exchanges.findLast((e) => e.from === from && e.to === to && e.method === method && e.path === path);
  if (!recorded) throw new Error(`the wire did not record ${method} ${path}`);
  return recorded;
}

/**
 * Does the partner serve the control contract? Answers how far the harness can go with it: the full
 * flows, provider-only checks, or nothing at all when it cannot be reached.
 */
export async function probeContract(ecosystem: Ecosystem, party: ActorId): Promise<{ mode: PartnerMode; findings: Finding[] }> {
  ecosystem.recorder.startScenario(probeScenario(party));
  const url = ecosystem.actorUrls[party];
  const e = await send(ecosystem, 'harness', party, 'GET', CONTROL_CONTRACT_PATH, harnessKey(ecosystem.secret, party));
  const cell = { party, api: 'control', operation: `GET ${CONTROL_CONTRACT_PATH}`, step: '—' };
  if (e.failure) {
    return { mode: { party, url, mode: 'unreachable', reason: e.failure }, findings: [expectation(cell, e, false, 'transport', e.status === 504 ? 'answers within the timeout' : 'is reachable', e.failure)] };
  }
  const missing = e.status === 200 ? missingOperations(e.response.body) : [];
  if (e.status !== 200 || missing.length > 0) {
    const reason = e.status !== 200 ? `GET ${CONTROL_CONTRACT_PATH} → ${e.status}` : `its control contract lacks ${missing.join(', ')}`;
    return { mode: { party, url, mode: 'provider-only', reason }, findings: [] };
  }
  return { mode: { party, url, mode: 'full', reason: 'serves the control contract' }, findings: [expectation(cell, e, true, 'convention', 'serves the control contract', 'every operation the harness needs is documented')] };
}

/**
 * The harness exercises the TMF APIs that the party provides in `figures` itself, as the other parties
 * would: a page of each collection, an entity, an unknown id, no credentials, an invalid create, and the
 * calls outside a peer's bundle. Every exchange is also judged like any other (schemas, conventions).
 */
export async function probeProvider(ecosystem: Ecosystem, party: ActorId, figures: readonly Figure[]): Promise<Finding[]> {
  ecosystem.recorder.startScenario(probeScenario(party));
  const key = harnessKey(ecosystem.secret, party);
  const findings: Finding[] = [];
  /** The exchange judged like any other, and the probe's own expectation; a bundle probe names its step. */
  const judged = (e: Exchange, ok: boolean, rule: string, message: string, step?: string) => {
    findings.push(...checkExchange(e, party, figures));
    const cell = cellOf(e, party, figures);
    findings.push(expectation(step ? { ...cell, step } : cell, e, ok, step ? 'rule' : 'convention', rule, message));
  };
  for (const { api, resource, methods } of providedCollections(party, figures)) {
    const base = `${basePath(api)}/${resource}`;
    const page = await send(ecosystem, 'harness', party, 'GET', `${base}?limit=1`, key);
    judged(page, page.status === 200, 'a collection answers GET with 200', `GET ${base}?limit=1 → ${page.status}`);
    const first = Array.isArray(page.response.body) ? (page.response.body[0] as { id?: string } | undefined) : undefined;
    if (first?.id) {
      const one = await send(ecosystem, 'harness', party, 'GET', `${base}/${encodeURIComponent(first.id)}`, key);
      judged(one, one.status === 200 && (one.response.body as { id?: string } | undefined)?.id === first.id, 'an entity of the list is served by its id', `GET ${base}/${first.id} → ${one.status}`);
    }
    const unknown = await send(ecosystem, 'harness', party, 'GET', `${base}/${NO_SUCH_ID}`, key);
    judged(unknown, unknown.status === 404, 'an unknown id is answered 404 with a TMF error', `GET ${base}/${NO_SUCH_ID} → ${unknown.status}`);
    const anonymous = await send(ecosystem, 'harness', party, 'GET', base, undefined);
    judged(anonymous, anonymous.status === 401, 'a call without credentials is refused with 401', `GET ${base} without credentials → ${anonymous.status}`);
    // An empty body is invalid only where the official file requires something (TMF623 v2 requires nothing).
    if (methods.has('POST') && refusesEmptyCreate(api, resource)) {
      const invalid = await send(ecosystem, 'harness', party, 'POST', base, key, {});
      judged(invalid, invalid.status === 400, 'an invalid create is refused with 400 and a TMF error', `POST ${base} {} → ${invalid.status}`);
    }
  }
  for (const probe of BUNDLE_PROBES.filter((p) => p.provider === party && figures.includes(p.figure))) {
    const path = `${basePath(probe.api)}/${probe.resource}${probe.byId ? `/${NO_SUCH_ID}` : ''}`;
    const e = await send(ecosystem, probe.caller, party, probe.method, path, bootstrapKey(ecosystem.secret, probe.caller, party), probe.body);
    judged(e, e.status === 403, probe.rule, `${probe.caller} ${probe.method} ${path} → ${e.status}`, probe.step);
  }
  return findings;
}

/** The collections peers call on `party` in these figures, with the methods they use. */
function providedCollections(party: ActorId, figures: readonly Figure[]): { api: ApiId; resource: string; methods: Set<string> }[] {
  const byKey = new Map<string, { api: ApiId; resource: string; methods: Set<string> }>();
  for (const { matcher } of wireLeaves(figures)) {
    if (matcher.kind !== 'call' || matcher.resource === 'hub' || !matcher.to.includes(party)) continue;
    const key = `${matcher.api} ${matcher.resource}`;
    const entry = byKey.get(key) ?? { api: matcher.api, resource: matcher.resource, methods: new Set<string>() };
    entry.methods.add(matcher.method);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}
