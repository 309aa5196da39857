import type { ActorId } from '../../core/actor-ids.ts';
import { parseTmfPath, resourceOf, type ApiId } from '../../tmf/apis.ts';
import { filterOf, matchesFilters, valuesAt } from '../../tmf/query.ts';
import type { Exchange } from '../exchange.ts';
import type { Figure } from '../flows/types.ts';
import { cellOf, refOf } from './attribution.ts';
import type { Cell, Finding } from './types.ts';
import { DEFAULT_LATENCY_BUDGET_MS } from './options.ts';
import { BILL_AMOUNTS, billAmountsProblem } from './bill-amounts.ts';

/** Query parameters that are not attribute filters (TMF630). */
const RESERVED = new Set(['fields', 'offset', 'limit', 'sort']);

/**
 * What one exchange tells about `party`: whether it could be reached in time, whether the bodies on its
 * side follow the schemas (what it serves, what it sends), and, for what it serves, the TMF conventions.
 */
export function checkExchange(e: Exchange, party: ActorId, figures: readonly Figure[], latencyBudgetMs = DEFAULT_LATENCY_BUDGET_MS): Finding[] {
  const serves = e.to === party;
  if (!serves && e.from !== party) return [];
  const cell = cellOf(e, party, figures);
  const at = (verdict: 'pass' | 'fail', source: Finding['source'], rule: string, message: string, path?: string): Finding => ({
    ...cell,
    verdict,
    source,
    rule,
    message,
    scenario: e.scenario,
    exchange: refOf(e, verdict === 'fail'),
    ...(path !== undefined ? { path } : {}),
  });
  if (e.failure) return [at('fail', 'transport', e.status === 504 ? 'answers within the timeout' : 'is reachable', e.failure)];
  // The party's side: the response of what it serves, the request of what it sends.
  const side = serves ? 'response' : 'request';
  const issues = e.errors.filter((i) => i.where === side);
  const findings = issues.map((i) =>
    at('fail', 'schema', `schema ${i.schema}: ${i.rule}`, `${i.where} ${i.path || '(root)'}: ${i.message}`, `${i.where}${i.path}`),
  );
  if (e.kind === 'harness' && e.api === 'control') return findings; // the harness driving: only transport and error bodies matter
  if (issues.length === 0) findings.push(at('pass', 'schema', `schema of the ${side}`, `${side} follows the schema`));
  if (serves) {
    const late = e.durationMs > latencyBudgetMs;
    findings.push(at(late ? 'fail' : 'pass', 'transport', LATENCY, `${e.operation} answered in ${Math.round(e.durationMs)} ms, budget ${latencyBudgetMs} ms`));
  }
  if (serves) findings.push(...conventions(e).map((c) => at(c.ok ? 'pass' : 'fail', 'convention', c.rule, c.message, c.path)));
  return findings;
}

interface ConventionCheck {
  readonly ok: boolean;
  readonly rule: string;
  readonly message: string;
  readonly path?: string;
}

/** The TMF630 conventions of a successful answer of a TMF API: identity of entities, paging headers, filters. */
export function conventions(e: Exchange): ConventionCheck[] {
  const info = parseTmfPath(e.path.split('?')[0]);
  if (!info || info.hub || !info.resource || e.status >= 400) return [];
  const body = e.response.body;
  const method = e.method.toUpperCase();
  const type = typeOf(info.api, info.resource);
  const bills = info.resource === 'customerBill' ? billChecks([body].flat()) : [];
  if (method === 'GET' && !info.id) return [...listConventions(e, body, type), ...bills];
  if ((method === 'POST' && e.status === 201) || (method === 'GET' && info.id) || method === 'PATCH') {
    return [identity(body, ''), ...(type ? [typeConsistent(body, '', type)] : []), ...bills];
  }
  return [];
}

function billChecks(bills: readonly unknown[]): ConventionCheck[] {
  const problems = bills.map((b) => (b && typeof b === 'object' ? billAmountsProblem(b as Record<string, unknown>) : undefined));
  const at = problems.findIndex(Boolean);
  if (bills.length === 0) return [];
  return [
    at < 0
      ? { ok: true, rule: BILL_AMOUNTS, message: `${bills.length} bill(s) with consistent amounts` }
      : { ok: false, rule: BILL_AMOUNTS, message: problems[at]!, path: 'response/amountDue/value' },
  ];
}

function typeOf(api: ApiId, resource: string): string | undefined {
  try {
    return resourceOf(api, resource).type;
  } catch {
    return undefined; // a resource the project does not model: its type is not judged
  }
}

const TYPED = "an entity's @type is its resource type, or a subtype naming @baseType and @schemaLocation";

/**
 * `@type` names the resource, or a subtype of it: then `@baseType` must be the resource type and
 * `@schemaLocation` must say where the subtype is defined (TMF630 polymorphism). A `@baseType` alone
 * does not excuse a wrong `@type`.
 */
function typeConsistent(entity: unknown, at: string, expected: string): ConventionCheck {
  const e = (entity ?? {}) as Record<string, unknown>;
  if (e['@type'] === expected) return { ok: true, rule: TYPED, message: `@type ${expected}`, path: `response${at}` };
  const subtype = e['@baseType'] === expected && typeof e['@schemaLocation'] === 'string' && e['@schemaLocation'] !== '';
  return {
    ok: subtype,
    rule: TYPED,
    message: `@type ${String(e['@type'])}, @baseType ${String(e['@baseType'] ?? 'absent')}, @schemaLocation ${String(e['@schemaLocation'] ?? 'absent')}; the resource is a ${expected}`,
    path: `response${at}/@type`,
  };
}

function listConventions(e: Exchange, body: unknown, type: string | undefined): ConventionCheck[] {
  if (!Array.isArray(body)) return [{ ok: false, rule: 'a list is a JSON array', message: `the list answer is ${typeof body}`, path: 'response' }];
  const query = new URLSearchParams(e.path.split('?')[1] ?? '');
  const total = e.response.headers['x-total-count'];
  const result = e.response.headers['x-result-count'];
  const checks: ConventionCheck[] = [
    {
      ok: total !== undefined && result !== undefined,
      rule: 'X-Total-Count and X-Result-Count headers',
      message: `X-Total-Count: ${total ?? 'absent'}, X-Result-Count: ${result ?? 'absent'}`,
    },
  ];
  if (result !== undefined)
    checks.push({ ok: Number(result) === body.length, rule: 'X-Result-Count = items returned', message: `X-Result-Count ${result}, ${body.length} items` });
  if (total !== undefined)
    checks.push({ ok: Number(total) >= body.length, rule: 'X-Total-Count ≥ items returned', message: `X-Total-Count ${total}, ${body.length} items` });
  const limit = query.get('limit');
  if (limit !== null && /^\d+$/.test(limit)) {
    checks.push({ ok: body.length <= Number(limit), rule: 'a list honours limit', message: `limit=${limit}, ${body.length} items returned`, path: 'response' });
  }
  if (!query.has('fields')) {
    const lacking = body.map((item, i) => ({ i, check: identity(item, `/${i}`) })).filter((x) => !x.check.ok);
    checks.push(lacking[0]?.check ?? { ok: true, rule: IDENTITY, message: `${body.length} items with id, href and @type` });
    const mistyped = type ? body.map((item, i) => typeConsistent(item, `/${i}`, type)).find((c) => !c.ok) : undefined;
    if (type) checks.push(mistyped ?? { ok: true, rule: TYPED, message: `${body.length} items of @type ${type} or a declared subtype` });
  }
  // Matched as the standard's filters are, by the same code as the parties' lists: an operator
  // (`lastUpdate.gt`), dates as instants, numbers as numbers; a parameter repeated is any of its values.
  // An attribute a `fields` projection leaves out of the answer cannot be checked there.
  const fields = query.has('fields') ? new Set(query.getAll('fields').flatMap((f) => f.split(','))) : undefined;
  for (const name of new Set(query.keys())) {
    if (RESERVED.has(name)) continue;
    const filter = filterOf(name, query.getAll(name));
    if (fields && !fields.has(filter.path.split('.')[0])) continue;
    const asked = `${name}=${query.getAll(name).join(',')}`;
    const wrong = body.findIndex((item) => !matchesFilters(item, [filter]));
    checks.push(
      wrong < 0
        ? { ok: true, rule: FILTERED, message: `every item meets ${asked}` }
        : {
            ok: false,
            rule: FILTERED,
            message: `item ${wrong} has ${filter.path} = ${JSON.stringify(valuesAt(body[wrong], filter.path))}, the filter asked ${asked}`,
            path: `response/${wrong}/${filter.path.replaceAll('.', '/')}`,
          },
    );
  }
  return checks;
}

const IDENTITY = 'an entity has id, href and @type';
export const LATENCY = 'answers within the latency budget';
const FILTERED = 'a list honours its filters';

/** An entity carries `id`, `href` and `@type` (TMF630). */
function identity(entity: unknown, at: string): ConventionCheck {
  const e = (entity ?? {}) as Record<string, unknown>;
  // The v2 files (TMF623, Billing v2) type `id` as an integer: either form is an id.
  const present = (k: string) => (typeof e[k] === 'string' && e[k] !== '') || (k === 'id' && Number.isInteger(e[k]));
  const missing = ['id', 'href', '@type'].filter((k) => !present(k));
  return {
    ok: missing.length === 0,
    rule: IDENTITY,
    message: missing.length ? `missing ${missing.join(', ')}` : 'id, href and @type present',
    path: `response${at}`,
  };
}

/** The cell and the verdict of a check the harness made with a probe of its own. */
export function expectation(cell: Cell, e: Exchange, ok: boolean | 'not probed', source: Finding['source'], rule: string, message: string): Finding {
  const verdict = ok === 'not probed' ? ok : ok ? 'pass' : 'fail';
  return { ...cell, verdict, source, rule, message, scenario: e.scenario, exchange: refOf(e, verdict !== 'pass') };
}
