import type { ActorId, WireParty } from '../../core/actor-ids.ts';
import { httpCall } from '../../core/http-call.ts';
import { basePath, findResource, type ApiId } from '../../tmf/apis.ts';
import { harnessKey } from '../../tmf/auth.ts';
import { CONTROL_CONTRACT_PATH, missingOperations } from '../../actors/kit/control-contract.ts';
import type { Ecosystem } from '../ecosystem.ts';
import type { Exchange } from '../exchange.ts';
import { FIGURES, type Figure } from '../flows/types.ts';
import { cellOf } from './attribution.ts';
import { BUNDLE_PROBES } from './bundle-probes.ts';
import { probeCollection } from './collection-probes.ts';
import { driveFigure7 } from '../drive/figure7.ts';
import { driveFigure8 } from '../drive/figure8.ts';
import { driveFigure9 } from '../drive/figure9.ts';
import { driveFigure10 } from '../drive/figure10.ts';
import { driveFigure11 } from '../drive/figure11.ts';
import { resetAll } from '../drive/settle.ts';
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

/** The harness sends one request (as itself) through the wire; returns the exchange the wire recorded. */
/**
 * How much longer than the wire's own time-out a probe waits for the wire's answer (a 504 when the
 * partner is slower): room for a loaded machine, where twice a short time-out was sometimes not enough.
 */
const PROBE_SLACK_MS = 5_000;

async function send(ecosystem: Ecosystem, to: ActorId, method: string, path: string, key: string | undefined, body?: object): Promise<Exchange> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...(key ? { authorization: `Bearer ${key}` } : {}),
    ...(body ? { 'content-type': 'application/json' } : {}),
  };
  await httpCall(ecosystem.wireUrl('harness', to) + path, {
    method,
    headers,
    body: body ? JSON.stringify(body) : undefined,
    timeoutMs: ecosystem.recorder.timeoutMs + PROBE_SLACK_MS,
  }); // the wire answers within its own time-out
  return recorded(ecosystem, 'harness', to, method, path);
}

/**
 * Has a simulated party make one call itself (its control API), with its own credential: the harness
 * never presents a party's key. Returns the exchange the wire recorded for it.
 */
async function sentBy(ecosystem: Ecosystem, from: ActorId, to: ActorId, method: string, path: string, body?: object): Promise<Exchange | undefined> {
  // A caller that is itself a partner without the control contract cannot be asked: the probe is skipped.
  const asked = await ecosystem
    .control(from)
    .post('/control/peer-call', { peer: to, method, path, body })
    .then(
      () => true,
      () => false,
    );
  return asked ? recorded(ecosystem, from, to, method, path) : undefined;
}

function recorded(ecosystem: Ecosystem, from: WireParty, to: ActorId, method: string, path: string): Exchange {
  const found = ecosystem.recorder.exchanges.findLast((e) => e.from === from && e.to === to && e.method === method && e.path === path);
  if (!found) throw new Error(`the wire did not record ${method} ${path}`);
  return found;
}

/**
 * Does the partner serve the control contract? Answers how far the harness can go with it: the full
 * flows, provider-only checks, or nothing at all when it cannot be reached.
 */
export async function probeContract(ecosystem: Ecosystem, party: ActorId): Promise<{ mode: PartnerMode; findings: Finding[] }> {
  ecosystem.recorder.startScenario(probeScenario(party));
  const url = ecosystem.actorUrls[party];
  const e = await send(ecosystem, party, 'GET', CONTROL_CONTRACT_PATH, harnessKey(ecosystem.secret, party));
  const cell = { party, api: 'control', operation: `GET ${CONTROL_CONTRACT_PATH}`, step: '—' };
  if (e.failure) {
    return {
      mode: { party, url, mode: 'unreachable', reason: e.failure },
      findings: [expectation(cell, e, false, 'transport', e.status === 504 ? 'answers within the timeout' : 'is reachable', e.failure)],
    };
  }
  const missing = e.status === 200 ? missingOperations(e.response.body) : [];
  if (e.status !== 200 || missing.length > 0) {
    const reason = e.status !== 200 ? `GET ${CONTROL_CONTRACT_PATH} → ${e.status}` : `its control contract lacks ${missing.join(', ')}`;
    return { mode: { party, url, mode: 'provider-only', reason }, findings: [] };
  }
  return {
    mode: { party, url, mode: 'full', reason: 'serves the control contract' },
    findings: [expectation(cell, e, true, 'convention', 'serves the control contract', 'every operation the harness needs is documented')],
  };
}

/**
 * The harness exercises the TMF APIs that the party provides in `figures` itself, as the other parties
 * would: a page of each collection, an entity, an unknown id, no credentials, an invalid create, and the
 * calls outside a peer's bundle. Every exchange is also judged like any other (schemas, conventions).
 */
export async function probeProvider(
  ecosystem: Ecosystem,
  party: ActorId,
  figures: readonly Figure[],
  latencyBudgetMs?: number,
  parts: ProbeParts = BOTH,
): Promise<Finding[]> {
  ecosystem.recorder.startScenario(probeScenario(party));
  const key = harnessKey(ecosystem.secret, party);
  const findings: Finding[] = [];
  /** The exchange judged like any other, and the probe's own expectation; a bundle probe names its step. */
  const checked = new Set<number>();
  const judged = (e: Exchange, ok: boolean | 'not probed', rule: string, message: string, step?: string) => {
    if (!checked.has(e.seq)) findings.push(...checkExchange(e, party, figures, latencyBudgetMs));
    checked.add(e.seq);
    const cell = cellOf(e, party, figures);
    findings.push(expectation(step ? { ...cell, step } : cell, e, ok, step ? 'rule' : 'convention', rule, message));
  };
  for (const { api, resource, methods } of parts.collections ? providedCollections(party, figures) : []) {
    const base = `${basePath(api)}/${resource}`;
    const access = {
      get: (path: string) => send(ecosystem, party, 'GET', path, key),
      ...(findResource(api, resource)?.operations.includes('POST')
        ? { post: (path: string, body: object) => send(ecosystem, party, 'POST', path, key, body) }
        : {}),
    };
    for (const v of await probeCollection(access, api, resource, ecosystem.wireUrl('harness', party))) {
      judged(v.exchange, v.ok, v.rule, v.message);
    }
    const page = await send(ecosystem, party, 'GET', `${base}?limit=1`, key);
    judged(page, page.status === 200, 'a collection answers GET with 200', `GET ${base}?limit=1 → ${page.status}`);
    const first = Array.isArray(page.response.body) ? (page.response.body[0] as { id?: string } | undefined) : undefined;
    if (first?.id) {
      const one = await send(ecosystem, party, 'GET', `${base}/${encodeURIComponent(first.id)}`, key);
      judged(
        one,
        one.status === 200 && (one.response.body as { id?: string } | undefined)?.id === first.id,
        'an entity of the list is served by its id',
        `GET ${base}/${first.id} → ${one.status}`,
      );
    }
    const unknown = await send(ecosystem, party, 'GET', `${base}/${NO_SUCH_ID}`, key);
    judged(unknown, unknown.status === 404, 'an unknown id is answered 404 with a TMF error', `GET ${base}/${NO_SUCH_ID} → ${unknown.status}`);
    const anonymous = await send(ecosystem, party, 'GET', base, undefined);
    judged(anonymous, anonymous.status === 401, 'a call without credentials is refused with 401', `GET ${base} without credentials → ${anonymous.status}`);
    // An empty body is invalid only where the official file requires something (TMF623 v2 requires nothing).
    if (methods.has('POST') && refusesEmptyCreate(api, resource)) {
      const invalid = await send(ecosystem, party, 'POST', base, key, {});
      judged(invalid, invalid.status === 400, 'an invalid create is refused with 400 and a TMF error', `POST ${base} {} → ${invalid.status}`);
    }
  }
  for (const probe of parts.bundles ? BUNDLE_PROBES.filter((p) => p.provider === party && figures.includes(p.figure)) : []) {
    const path = `${basePath(probe.api)}/${probe.resource}${probe.byId ? `/${NO_SUCH_ID}` : ''}`;
    const e = await sentBy(ecosystem, probe.caller, party, probe.method, path, probe.body);
    if (!e) continue;
    judged(e, e.status === 403, probe.rule, `${probe.caller} ${probe.method} ${path} → ${e.status}`, probe.step);
  }
  return findings;
}

/** Which probes to run: the collections a figure serves, the bundle refusals (which assume no onboarding yet). */
interface ProbeParts {
  readonly collections: boolean;
  readonly bundles: boolean;
}
const BOTH: ProbeParts = { collections: true, bundles: true };

const DRIVES: Record<Figure, (ecosystem: Ecosystem) => Promise<unknown>> = {
  7: driveFigure7,
  8: driveFigure8,
  9: driveFigure9,
  10: driveFigure10,
  11: driveFigure11,
};

/** A partner the harness can drive, and the figures to probe it in. */
export interface DrivenPartner {
  readonly party: ActorId;
  readonly figures: readonly Figure[];
}

/**
 * For partners that serve the control contract: each one's bundle refusals on a clean ecosystem (before
 * any onboarding), then each figure driven from a clean ecosystem (so its collections hold entities of
 * several kinds and states) and the collection probes of that figure, for every partner that takes part
 * in it. Partners bound together share a figure's drive: it fills all their collections at once. A reset
 * or a drive that fails is a finding for the partners it concerns, and the run goes on.
 */
export async function probeAfterFlows(ecosystem: Ecosystem, partners: readonly DrivenPartner[], latencyBudgetMs?: number): Promise<Finding[]> {
  const findings: Finding[] = [];
  const prepared = async (parties: readonly ActorId[], preparation: Preparation, run: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (error) {
      findings.push(...parties.map((party) => preparationFailed(party, preparation, error as Error)));
      return false;
    }
  };
  for (const { party, figures } of partners) {
    if (await prepared([party], RESET_FIRST, () => resetAll(ecosystem)))
      findings.push(...(await probeProvider(ecosystem, party, figures, latencyBudgetMs, { collections: false, bundles: true })));
  }
  for (const figure of FIGURES) {
    const takingPart = partners.filter((p) => p.figures.includes(figure));
    if (takingPart.length === 0) continue;
    await prepared(
      takingPart.map((p) => p.party),
      { operation: `drive figure ${figure}`, rule: 'the flows of the figure can be driven to fill the collections' },
      async () => {
        await resetAll(ecosystem);
        await DRIVES[figure](ecosystem);
      },
    );
    for (const { party } of takingPart)
      findings.push(...(await probeProvider(ecosystem, party, [figure], latencyBudgetMs, { collections: true, bundles: false })));
  }
  return findings;
}

/** What the harness does before probing, and the rule its failure breaks. */
interface Preparation {
  readonly operation: string;
  readonly rule: string;
}

const RESET_FIRST: Preparation = { operation: 'reset before the bundle probes', rule: 'the ecosystem can be reset (POST /control/reset)' };

const preparationFailed = (party: ActorId, { operation, rule }: Preparation, error: Error): Finding => ({
  party,
  api: 'scenario',
  operation,
  step: '—',
  verdict: 'fail',
  source: 'scenario',
  rule,
  message: error.message,
});

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
