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
  /** `METHOD party/path` of every route that got at least one request. */
  readonly covered: ReadonlySet<string>;
}

/** JSON nested `depth` levels: what overflows a recursive walker. */
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** Bodies a careless or hostile caller sends: any JSON, wrong shapes, money as strings, huge numbers, deep nesting, broken JSON. */
const bodyText: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom(
        'period',
        'sessions',
        'offers',
        'price',
        'now',
        'peers',
        'callbacks',
        'ids',
        'note',
        'decision',
        'state',
        'status',
        'email',
        'givenName',
        'familyName',
        'customer',
        'offering',
        'callback',
        'query',
        'amount',
        'productOrderItem',
        'relatedParty',
      ),
      fc.oneof(
        fc.string(),
        fc.integer(),
        fc.double(),
        fc.constant(-3_000_000),
        fc.constant(3_000_000),
        fc.constant('12.30 EUR'),
        fc.constant(null),
        fc.array(fc.string(), { maxLength: 3 }),
        fc.object({ maxDepth: 2 }),
        fc.constant('2026-13-45'),
        fc.constant('not a url'),
      ),
      { maxKeys: 4 },
    )
    .map((v) => JSON.stringify(v)),
  fc.constantFrom(nested(4_000), nested(100), '{"a":', '{"__proto__":{"x":1}}', '"%E0%A4%A"', 'null', '[]', `{"s":"${'x'.repeat(2_000)}"}`),
);

/** Values for `:params`: ids that exist, ids that do not, odd strings. */
const paramValue = (known: readonly string[]) =>
  fc.oneof(
    known.length ? fc.constantFrom(...known) : fc.constant('x'),
    fc.string({ minLength: 1, maxLength: 12 }).map(encodeURIComponent),
    fc.constantFrom('%E0%A4%A', '..', 'productOrderStateChangeEvent', 'customerBillCreateEvent', 'unknownEvent'),
  );

/**
 * Fuzzes every route of every local party, generated from each app's route table: `count` requests,
 * seeded, every route at least once. Checks that none answers 5xx, every refusal is a TMF error, and a refusal changes nothing.
 */
export async function fuzzEcosystem(ecosystem: Ecosystem, count: number, seed: number, options: { spare?: readonly string[] } = {}): Promise<FuzzSummary> {
  const parties = ACTOR_IDS.filter((id) => ecosystem.local[id]);
  // `spare`: routes (`METHOD /path`) left alone, e.g. the reset that would wipe the state a run is meant to fuzz.
  const routes = parties.flatMap((party) =>
    routeTable(ecosystem.local[party]!.app)
      .filter((r) => !options.spare?.includes(`${r.method} ${r.path}`))
      .map((route) => ({ party, route })),
  );
  const known = (party: ActorId) =>
    Object.values(ecosystem.local[party]!.runtime.store.data.resources)
      .flat()
      .map((e) => e.id)
      .slice(0, 20);
  const request = fc.record({
    target: fc.constantFrom(...routes),
    body: bodyText,
    as: fc.constantFrom<'harness' | 'peer' | 'stranger'>('harness', 'harness', 'peer', 'stranger'),
    peer: fc.constantFrom(...ACTOR_IDS),
    salt: fc.nat(),
  });
  const tally = new Tally();
  // Each route gets one request first, so every route is covered whatever the count; the rest are drawn at random.
  const drawn = fc.sample(request, { numRuns: count, seed }).map((r, i) => (i < routes.length ? { ...r, target: routes[i] } : r));
  for (const r of drawn) {
    const { party, route } = r.target as { party: ActorId; route: RouteEntry };
    const params = fc.sample(paramValue(known(party)), { numRuns: 1, seed: r.salt })[0];
    const key = r.as === 'harness' ? harnessKey(ecosystem.secret, party) : r.as === 'peer' ? bootstrapKey(ecosystem.secret, r.peer, party) : 'cch_not-a-key';
    const as = r.as === 'peer' ? r.peer : r.as;
    await tally.send(ecosystem, party, { method: route.method, path: route.path.replace(/:[A-Za-z]+/g, params), key, body: r.body, as });
    tally.covered.add(`${route.method} ${party}${route.path}`);
  }
  return tally.summary();
}

/** One request as the fuzzer sends it. */
interface FuzzRequest {
  readonly method: string;
  readonly path: string;
  readonly key: string;
  readonly body: string | undefined;
  /** Who the key is, for the finding's label. */
  readonly as: string;
}

/** Sends requests one at a time and counts what no request may do: answer 5xx, refuse without a TMF error, refuse yet change state. */
class Tally {
  readonly covered = new Set<string>();
  readonly findings: FuzzFinding[] = [];
  private requests = 0;
  private serverErrors = 0;
  private stateChanges = 0;

  /** Sends one request; `expectRefusal`: anything but a 4xx is a finding. */
  async send(ecosystem: Ecosystem, party: ActorId, r: FuzzRequest, expectRefusal = false): Promise<number> {
    const actor = ecosystem.local[party]!;
    const before = JSON.stringify(actor.runtime.store.data);
    const response = await fetch(`${actor.url}${r.path}`, {
      method: r.method,
      headers: { authorization: `Bearer ${r.key}`, ...(r.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body,
    });
    const text = await response.text();
    this.requests++;
    const label = `${r.method} ${party}${r.path} as ${r.as} ${String(r.body).slice(0, 80)}`;
    if (response.status >= 500) {
      this.serverErrors++;
      this.findings.push({ request: label, status: response.status, problem: text.slice(0, 200) });
    } else if (response.status >= 400) {
      const error = safeJson(text) as Record<string, unknown> | undefined;
      if (!error || !['code', 'reason', 'message', 'status'].every((k) => k in error))
        this.findings.push({ request: label, status: response.status, problem: `not a TMF error: ${text.slice(0, 120)}` });
      if (JSON.stringify(actor.runtime.store.data) !== before) {
        this.stateChanges++;
        this.findings.push({ request: label, status: response.status, problem: 'refused, yet the state changed' });
      }
    } else if (expectRefusal) {
      this.findings.push({ request: label, status: response.status, problem: 'a body breaking the declared schema was accepted' });
    }
    await settleAll(ecosystem);
    return response.status;
  }

  summary(): FuzzSummary {
    return {
      requests: this.requests,
      serverErrors: this.serverErrors,
      stateChangesOnRejection: this.stateChanges,
      findings: this.findings,
      covered: this.covered,
    };
  }
}

/** Committed updates per store, counted from the first time `settleAll` looks at it. */
const commits = new WeakMap<object, { count: number }>();
function commitsOf(store: { onCommit(listener: () => void): void }): number {
  let counter = commits.get(store);
  if (!counter) {
    const fresh = { count: 0 };
    store.onCommit(() => fresh.count++);
    commits.set(store, fresh);
    counter = fresh;
  }
  return counter.count;
}

/**
 * Work a request started (and what it set off at peers) is done before the next one, so that a later
 * refusal is judged alone. Quiet means no party committed an update during a round: every change to a
 * party's data is a committed update (in-place writes included), and an idle drain commits none. This
 * replaced serialising every party's data twice a round, which was most of the fuzz test's CPU.
 * (Whether a refusal changed state is still judged on the serialised data, in `send`.)
 */
async function settleAll(ecosystem: Ecosystem): Promise<void> {
  const stores = ACTOR_IDS.filter((id) => ecosystem.local[id]).map((id) => ecosystem.local[id]!.runtime.store);
  const committed = () => stores.reduce((sum, store) => sum + commitsOf(store), 0);
  for (let round = 0; round < 5; round++) {
    const before = committed();
    await Promise.all(ACTOR_IDS.filter((id) => ecosystem.local[id]).map((id) => ecosystem.local[id]!.runtime.drain()));
    if (committed() === before) break;
  }
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  $ref?: string;
  enum?: unknown[];
  items?: JsonSchema;
};
type ServedContract = {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  components: { schemas: Record<string, JsonSchema> };
};

/** A value of the wrong kind for a property of the given schema. */
function wrongFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const types = [schema.type ?? []].flat();
  const wrong: fc.Arbitrary<unknown>[] = [fc.constant(null), fc.constant({ nested: [1, 2] })];
  if (!types.includes('string')) wrong.push(fc.constant('12.30 EUR'));
  if (!types.includes('number') && !types.includes('integer')) wrong.push(fc.constant(-3_000_000));
  if (!types.includes('array')) wrong.push(fc.constant(['x']));
  if (types.includes('string')) wrong.push(fc.constant(schema.enum ? 'not-one-of-them' : 42));
  if (types.includes('integer') || types.includes('number')) wrong.push(fc.constant(3_000_000_000), fc.constant(-1), fc.constant('7'));
  return fc.oneof(...wrong);
}

/**
 * Bodies that break each control operation's declared schema in one place (a required property left
 * out, a property of the wrong kind or out of range), generated from the contract each party serves.
 * Sent with the harness key, every one must be refused with a 4xx TMF error that changes nothing.
 */
export async function fuzzControlBodies(ecosystem: Ecosystem, perOperation: number, seed: number): Promise<FuzzSummary> {
  const tally = new Tally();
  for (const party of ACTOR_IDS.filter((id) => ecosystem.local[id])) {
    const key = harnessKey(ecosystem.secret, party);
    const contract = (await (
      await fetch(`${ecosystem.local[party]!.url}/control/openapi.json`, { headers: { authorization: `Bearer ${key}` } })
    ).json()) as ServedContract;
    const resolve = (schema: JsonSchema): JsonSchema => (schema.$ref ? resolve(contract.components.schemas[schema.$ref.split('/').pop()!]) : schema);
    for (const [path, operations] of Object.entries(contract.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const declared = operation.requestBody?.content['application/json']?.schema;
        if (!declared) continue;
        const schema = resolve(declared);
        // A property that takes anything (`{}`) cannot be broken.
        const properties = Object.entries(schema.properties ?? {}).filter(([, property]) => Object.keys(property).length > 0);
        const breaking = fc.oneof(
          ...(schema.required?.length ? [fc.constantFrom(...schema.required).map((name) => ({ omit: name }))] : []),
          ...(properties.length
            ? [fc.constantFrom(...properties).chain(([name, property]) => wrongFor(resolve(property)).map((value) => ({ [name]: value })))]
            : []),
          fc.constant('not an object'),
        );
        for (const broken of fc.sample(breaking, { numRuns: perOperation, seed })) {
          const body = typeof broken === 'string' ? broken : withDefaults(schema, broken);
          await tally.send(ecosystem, party, { method: method.toUpperCase(), path, key, body: JSON.stringify(body), as: 'harness' }, true);
          tally.covered.add(`${method.toUpperCase()} ${party}${path}`);
        }
      }
    }
  }
  return tally.summary();
}

/** A body with a placeholder for every required property, then the one break applied. */
function withDefaults(schema: JsonSchema, broken: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = Object.fromEntries((schema.required ?? []).map((name) => [name, 'x']));
  if ('omit' in broken) {
    delete body[String(broken.omit)];
    return body;
  }
  return { ...body, ...broken };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
