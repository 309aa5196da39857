import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COLLECTION_RULES, probeCollection, type CollectionAccess } from '../harness/conformance/collection-probes.ts';
import { matrixOf } from '../harness/conformance/matrix.ts';
import { probeEntityBody } from '../harness/conformance/probe-entities.ts';
import { loadOfficialSpecs, specsDirFromEnv } from '../harness/official-specs/load.ts';
import { APIS } from '../tmf/apis.ts';
import { summaryLine } from '../harness/conformance/report.ts';
import type { Finding } from '../harness/conformance/types.ts';
import type { Exchange } from '../harness/exchange.ts';
import { validate } from '../tmf/schemas/index.ts';
import { applyListQuery, parseListQuery } from '../tmf/query.ts';

// The collection probes against a small in-memory TMF621 provider that pages, filters and selects
// fields with the project's own list query: what they create, what they check, what they cannot.

const HREF_BASE = 'http://wire.test/csp';
const TICKETS = '/tmf-api/troubleTicket/v4/troubleTicket';
type Item = Record<string, unknown>;

function exchange(method: string, path: string, status: number, body: unknown, headers: Record<string, string> = {}, request?: unknown): Exchange {
  return {
    seq: 0,
    scenario: 'probe',
    from: 'harness',
    to: 'csp',
    kind: 'call',
    api: 'TMF621',
    operation: `${method} troubleTicket`,
    method,
    path,
    status,
    request: { headers: {}, body: request },
    response: { headers, body },
    valid: true,
    errors: [],
    startedAt: '',
    durationMs: 1,
  };
}

/** A provider of one collection; `refuse` answers every create 400, as a business rule might. */
function provider(initial: readonly Item[], options: { post?: boolean; refuse?: boolean } = {}) {
  const items: Item[] = initial.map((i) => ({ ...i }));
  const posted: Item[] = [];
  const get = async (path: string) => {
    const [bare, query = ''] = path.split('?');
    const id = bare.slice(TICKETS.length + 1);
    if (id) {
      const found = items.find((i) => i.id === id);
      return exchange('GET', path, found ? 200 : 404, found);
    }
    const { page, total } = applyListQuery(items, parseListQuery(Object.fromEntries(new URLSearchParams(query)), new Set(['name', 'description', 'status'])));
    return exchange('GET', path, 200, page, { 'x-total-count': String(total), 'x-result-count': String(page.length) });
  };
  const post = async (path: string, body: object) => {
    posted.push(body as Item);
    if (options.refuse) return exchange('POST', path, 400, { code: 'FLOW_RULE', reason: 'refused', message: 'not sold here', status: '400' }, {}, body);
    const id = `t${items.length + 1}`;
    const entity = { ...body, id, href: `${HREF_BASE}${TICKETS}/${id}`, '@type': 'TroubleTicket' };
    items.push(entity);
    return exchange('POST', path, 201, entity, {}, body);
  };
  const access: CollectionAccess = options.post === false ? { get } : { get, post };
  return { access, items, posted };
}

const ticket = (id: string, extra: Item = {}): Item => ({
  id,
  href: `${HREF_BASE}${TICKETS}/${id}`,
  '@type': 'TroubleTicket',
  name: 'flat tyre',
  description: 'from the flow',
  severity: 'minor',
  ticketType: 'incident',
  status: 'acknowledged',
  ...extra,
});
const verdictsOf = async (p: ReturnType<typeof provider>) => probeCollection(p.access, 'TMF621', 'troubleTicket', HREF_BASE);

test('a collection with fewer than three entities gets the rest created through its API, each valid and marked apart', async () => {
  const p = provider([ticket('t1')]);
  const verdicts = await verdictsOf(p);
  assert.equal(p.items.length, 3);
  assert.equal(p.posted.length, 2);
  for (const body of p.posted) assert.deepEqual(validate('TroubleTicket_Create', body, 'request'), [], 'the create body is valid per the standard');
  assert.deepEqual(
    p.posted.map((b) => b.description),
    ['conformance probe 2', 'conformance probe 3'],
  );
  assert.ok(
    p.posted.every((b) => b.id === undefined && b.href === undefined),
    'what the provider sets is left out of the copy',
  );
  assert.deepEqual(
    verdicts.filter((v) => v.ok !== true).map((v) => `${v.rule}: ${v.message}`),
    [],
  );
  const rules = new Set(verdicts.map((v) => v.rule));
  for (const rule of [
    COLLECTION_RULES.create,
    COLLECTION_RULES.total,
    COLLECTION_RULES.page,
    COLLECTION_RULES.window,
    COLLECTION_RULES.filter,
    COLLECTION_RULES.fields,
    COLLECTION_RULES.href,
  ])
    assert.ok(rules.has(rule), rule);
  const filter = verdicts.find((v) => v.rule === COLLECTION_RULES.filter)!;
  assert.match(
    filter.exchange.path,
    /description=conformance%20probe%202$/,
    'the filter selects one probe entity and excludes the flow one and the other probe one',
  );
  const queries = verdicts.filter((v) => v.rule === COLLECTION_RULES.window).map((v) => v.exchange.path.split('?')[1]);
  assert.ok(queries.includes('offset=1'), 'offset is probed without a limit');
  assert.ok(queries.includes('offset=2&limit=2'), 'the last window runs past the end of the list');
});

test('an empty collection is filled from the smallest instance of the create schema', async () => {
  const p = provider([]);
  await verdictsOf(p);
  assert.equal(p.posted.length, 3);
  for (const body of p.posted) assert.deepEqual(validate('TroubleTicket_Create', body, 'request'), []);
});

test('a collection without POST that holds fewer than three entities is reported not probed, never passed', async () => {
  const p = provider([ticket('t1'), ticket('t2', { description: 'other' })], { post: false });
  const verdicts = await verdictsOf(p);
  assert.equal(p.posted.length, 0);
  const notProbed = verdicts.filter((v) => v.ok === 'not probed');
  assert.deepEqual(
    notProbed.map((v) => v.rule),
    [COLLECTION_RULES.enough],
  );
  assert.match(notProbed[0].message, /holds 2 entities \(the official file declares no POST/);
});

test("a create the provider refuses with a 4xx leaves the collection not probed, with the provider's reason", async () => {
  const p = provider([ticket('t1')], { refuse: true });
  const verdicts = await verdictsOf(p);
  assert.equal(p.posted.length, 1, 'no second attempt after a refusal');
  assert.deepEqual(
    verdicts.filter((v) => v.ok === 'not probed').map((v) => v.rule),
    [COLLECTION_RULES.create, COLLECTION_RULES.enough],
  );
  assert.match(verdicts.find((v) => v.rule === COLLECTION_RULES.create)!.message, /400 not sold here/);
  assert.equal(verdicts.filter((v) => v.ok === false).length, 0);
});

test('with three entities, a provider ignoring offset alone or counting one too many fails the window and count rules', async () => {
  const p = provider([ticket('t1'), ticket('t2'), ticket('t3')]);
  const honest = p.access.get;
  const offsetIgnoredAlone: CollectionAccess = { get: (path) => honest(/limit=/.test(path) ? path : path.replace(/[?&]offset=\d+/, '')) };
  const failing = (vs: Awaited<ReturnType<typeof verdictsOf>>) => [...new Set(vs.filter((v) => v.ok === false).map((v) => v.rule))];
  assert.deepEqual(failing(await probeCollection(offsetIgnoredAlone, 'TMF621', 'troubleTicket', HREF_BASE)), [COLLECTION_RULES.window]);
  const totalPlusOne: CollectionAccess = {
    get: async (path) => {
      const e = await honest(path);
      return e.response.headers['x-total-count']
        ? { ...e, response: { ...e.response, headers: { ...e.response.headers, 'x-total-count': String(Number(e.response.headers['x-total-count']) + 1) } } }
        : e;
    },
  };
  assert.deepEqual(failing(await probeCollection(totalPlusOne, 'TMF621', 'troubleTicket', HREF_BASE)), [COLLECTION_RULES.total]);
});

test('a check not probed shows in its matrix row and in the summary line, and never counts as passed', () => {
  const cell = { party: 'csp' as const, api: 'TMF678', operation: 'GET customerBill', step: '—' };
  const finding: Finding = { ...cell, verdict: 'not probed', source: 'convention', rule: COLLECTION_RULES.enough, message: 'customerBill holds 2 entities' };
  const mode = { party: 'csp' as const, url: 'http://csp.test', mode: 'full' as const, reason: 'serves the control contract' };
  const [row] = matrixOf('csp', mode, [finding], [], []);
  assert.equal(row.verdict, 'not exercised');
  assert.equal(row.passed, 0);
  assert.equal(row.reason, 'not probed: customerBill holds 2 entities');
  const [mixed] = matrixOf('csp', mode, [finding, { ...finding, verdict: 'pass', rule: COLLECTION_RULES.total }], [], []);
  assert.deepEqual(
    [mixed.verdict, mixed.passed, mixed.reason],
    ['pass', 1, 'not probed: customerBill holds 2 entities'],
    'a row that passed other checks still says what was not probed',
  );
  const official = { dir: '', checked: 0, notCovered: 0, issues: [] };
  assert.match(summaryLine([mode], [row], [], official, 'conformance.html', 1), /1 check\(s\) not probed/);
});

test('the smallest probe entity of every collection that declares POST is valid per its official file', () => {
  const specs = loadOfficialSpecs(specsDirFromEnv());
  const checked: string[] = [];
  for (const api of APIS) {
    const spec = specs.byApi.get(api.id);
    if (!spec) continue;
    for (const resource of api.resources.filter((r) => r.operations.includes('POST'))) {
      const built = probeEntityBody(api.id, resource.name, undefined, 0);
      assert.ok('body' in built, `${api.id} ${resource.name}: ${'why' in built ? built.why : ''}`);
      // v4 files define `<Type>_Create`; the v2 ones take the entity itself.
      const validate = spec.validators.get(`${resource.type}_Create`) ?? spec.validators.get(resource.type);
      if (!validate) continue;
      assert.ok(validate(built.body), `${api.id} ${resource.name} ${JSON.stringify(built.body)}: ${JSON.stringify(validate.errors)}`);
      checked.push(`${api.id} ${resource.name}`);
    }
  }
  assert.ok(checked.length >= 20, `checked ${checked.length}: ${checked.join(', ')}`);
});
