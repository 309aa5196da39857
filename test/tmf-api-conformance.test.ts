/**
 * A TMF630 conformance test of every TMF API the CSP, the car manufacturer and the content provider
 * serve, written from the official files (not from the project's schemas): each party is started alone,
 * as `cch up --only` starts it, and probed with its tester key. For every resource of the official file
 * and every operation the file declares: create, retrieve, list (paging headers, fields, filters, paging),
 * merge-patch, whole replacement (PUT) where declared, delete and 404 afterwards; every answer valid against the official definition; errors
 * are TMF Errors; an operation the file does not declare is 405.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startActor, type RunningActor } from '../actors/index.ts';
import { DEFAULT_SECRET, DEFAULT_SEED } from '../actors/kit/config.ts';
import type { ActorId } from '../core/actor-ids.ts';
import { loadOfficialSpecs, specsDirFromEnv } from '../harness/official-specs/load.ts';
import type { OfficialSpec } from '../harness/official-specs/official-spec.ts';
import type { ApiId } from '../tmf/apis.ts';
import { harnessKey } from '../tmf/auth.ts';
import { minimalInstance } from './support/official-minimal.ts';

const specs = loadOfficialSpecs(specsDirFromEnv());

/** Resources of the official files that are jobs, not collections: outside what the parties host. */
const NOT_HOSTED = new Set(['hub', 'listener', 'importJob', 'exportJob']);

/** A resource as the official file declares it: its collection and item operations. */
interface OfficialResource {
  readonly name: string;
  readonly type: string;
  readonly collection: ReadonlySet<string>;
  readonly item: ReadonlySet<string>;
}

function officialResources(spec: OfficialSpec): OfficialResource[] {
  const byName = new Map<string, { collection: Set<string>; item: Set<string> }>();
  for (const [path, operations] of Object.entries(spec.document.paths)) {
    const [name, id] = path.split('/').filter(Boolean);
    if (NOT_HOSTED.has(name)) continue;
    const entry = byName.get(name) ?? { collection: new Set<string>(), item: new Set<string>() };
    for (const method of Object.keys(operations)) (id ? entry.item : entry.collection).add(method.toUpperCase());
    byName.set(name, entry);
  }
  return [...byName].map(([name, ops]) => ({ name, type: name[0].toUpperCase() + name.slice(1), ...ops }));
}

/**
 * What a tester fills in beyond the official minimum so the party's business accepts the request
 * (a real offering to order, a real bill account): the data of the party, never a relaxed rule.
 */
const REALISTIC: Partial<Record<ActorId, Record<string, Record<string, unknown>>>> = {
  csp: {
    productOrder: { productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'po-telematics' } }] },
    usage: {
      usageType: 'telematics',
      usageDate: '2026-01-05T10:00:00.000Z',
      usageCharacteristic: [
        { name: 'recordId', value: 'conformance-1' },
        { name: 'subscriptionId', value: 'conformance-sub' },
        { name: 'volumeMB', value: 1 },
      ],
    },
  },
  'car-manufacturer': {
    productOrder: {
      relatedParty: [{ id: 'cust-alex', role: 'customer', '@referredType': 'Customer' }],
      productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'po-conformance-bundle' } }],
    },
  },
};

/** What must exist before a party can take a realistic order: the OEM sells converged offerings only. */
async function prepare(party: Party): Promise<void> {
  if (party.id !== 'car-manufacturer') return;
  const offering = {
    id: 'po-conformance-bundle',
    name: 'conformance bundle',
    isBundle: true,
    lifecycleStatus: 'Launched',
    category: [{ id: 'cat-central-catalog', name: 'central-catalog' }],
    bundledProductOffering: [{ id: 'a' }, { id: 'b' }],
    productOfferingPrice: [
      { id: 'pop-conformance', name: 'monthly', priceType: 'recurring', recurringChargePeriodType: 'month', price: { unit: 'EUR', value: 10 } },
    ],
  };
  const created = await send(party, 'POST', '/tmf-api/productCatalogManagement/v4/productOffering', offering);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  (REALISTIC['car-manufacturer']!.productOrder.productOrderItem as { productOffering: { id: string } }[])[0].productOffering.id = created.body.id;
}

interface Party {
  readonly id: ActorId;
  readonly actor: RunningActor;
  readonly key: string;
  readonly apis: ReadonlyArray<{ api: ApiId; basePath: string }>;
}

async function send(party: Party, method: string, url: string, body?: unknown): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(url.startsWith('http') ? url : `${party.actor.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${party.key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

function assertOfficial(spec: OfficialSpec, definition: string, body: unknown, what: string): void {
  const validate = spec.validators.get(definition);
  if (!validate) return;
  assert.ok(validate(body), `${what} follows ${spec.file} ${definition}: ${JSON.stringify(validate.errors)} in ${JSON.stringify(body)}`);
}

function assertTmfError(res: { status: number; body: any }, status: number, spec: OfficialSpec, what: string): void {
  assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`);
  assert.equal(typeof res.body?.code, 'string', `${what}: a TMF Error has a code`);
  assert.equal(typeof res.body?.reason, 'string', `${what}: a TMF Error has a reason`);
  assertOfficial(spec, 'Error', res.body, what);
}

/** Server-set attributes the official file gives the entity: the party must fill them in. */
const SERVER_SET = ['lastUpdate', 'lifecycleStatus'];

/** The definition of a request body: `<Type>_Create` / `_Update` in v4 files, the entity itself in v2 ones. */
const bodyDefinition = (spec: OfficialSpec, type: string, suffix: '_Create' | '_Update') => (spec.validators.has(type + suffix) ? type + suffix : type);

async function exercise(party: Party, spec: OfficialSpec, base: string, resource: OfficialResource): Promise<void> {
  const url = `${base}/${resource.name}`;
  const entity = spec.document.definitions[resource.type] as { properties?: Record<string, unknown> } | undefined;
  const list = await send(party, 'GET', url);
  assert.equal(list.status, 200, `GET ${resource.name}`);
  assert.ok(Array.isArray(list.body));
  for (const header of ['x-total-count', 'x-result-count']) assert.match(list.headers.get(header) ?? '', /^\d+$/, `${header} on GET ${resource.name}`);
  list.body.forEach((item: unknown, i: number) => {
    assertOfficial(spec, resource.type, item, `GET ${resource.name} item ${i}`);
  });

  let target: Record<string, unknown> | undefined = list.body[0];
  if (resource.collection.has('POST')) {
    const body = {
      ...(minimalInstance(spec.document.definitions, bodyDefinition(spec, resource.type, '_Create')) as object),
      ...REALISTIC[party.id]?.[resource.name],
    };
    const created = await send(party, 'POST', url, body);
    assert.equal(created.status, 201, `POST ${resource.name}: ${JSON.stringify(created.body)}`);
    assertOfficial(spec, resource.type, created.body, `POST ${resource.name} answer`);
    for (const key of ['id', 'href', '@type'])
      assert.ok(created.body[key] !== undefined && created.body[key] !== '', `POST ${resource.name} answer has ${key}`);
    assert.match(created.body.href, /^http:\/\//, 'href is an absolute URI');
    for (const key of SERVER_SET.filter((k) => entity?.properties?.[k])) assert.ok(created.body[key], `POST ${resource.name} answer has the server-set ${key}`);
    target = created.body;
  }
  if (!target) return;
  const id = String(target.id);
  const byId = await send(party, 'GET', `${url}/${encodeURIComponent(id)}`);
  assert.equal(byId.status, 200, `GET ${resource.name}/{id}`);
  assert.equal(String(byId.body.id), id);
  assertOfficial(spec, resource.type, byId.body, `GET ${resource.name}/{id}`);

  const projected = await send(party, 'GET', `${url}?fields=id&limit=1`);
  assert.equal(projected.status, 200);
  assert.ok(projected.body.length <= 1, 'limit=1 gives at most one');
  assert.equal(projected.headers.get('x-result-count'), String(projected.body.length));
  for (const item of projected.body) assert.deepEqual(Object.keys(item).sort(), ['@type', 'href', 'id'], 'fields= keeps id, href and @type');
  const filtered = await send(party, 'GET', `${url}?id=${encodeURIComponent(id)}`);
  assert.deepEqual(
    filtered.body.map((e: { id: unknown }) => String(e.id)),
    [id],
    `filter id=${id}`,
  );
  const paged = await send(party, 'GET', `${url}?offset=${list.body.length + 5}`);
  assert.deepEqual(paged.body, [], 'an offset past the end gives an empty page');

  if (resource.item.has('PATCH')) {
    const update = {
      ...(minimalInstance(spec.document.definitions, bodyDefinition(spec, resource.type, '_Update'), 'patched') as object),
      description: 'changed by the conformance test',
    };
    const patched = await send(party, 'PATCH', `${url}/${encodeURIComponent(id)}`, update);
    assert.equal(patched.status, 200, `PATCH ${resource.name}: ${JSON.stringify(patched.body)}`);
    assertOfficial(spec, resource.type, patched.body, `PATCH ${resource.name} answer`);
    assert.equal(patched.body.description, 'changed by the conformance test');
  }
  if (resource.item.has('PUT')) {
    // A whole replacement: what the body leaves out is gone, what it gives is kept; the id stays.
    const replacement = {
      ...(minimalInstance(spec.document.definitions, bodyDefinition(spec, resource.type, '_Create'), 'replaced') as object),
      description: 'replaced by the conformance test',
    };
    const replaced = await send(party, 'PUT', `${url}/${encodeURIComponent(id)}`, replacement);
    assert.equal(replaced.status, 200, `PUT ${resource.name}: ${JSON.stringify(replaced.body)}`);
    assertOfficial(spec, resource.type, replaced.body, `PUT ${resource.name} answer`);
    assert.equal(String(replaced.body.id), id, `PUT ${resource.name} keeps the id`);
    assert.equal(replaced.body.description, 'replaced by the conformance test');
    const reread = await send(party, 'GET', `${url}/${encodeURIComponent(id)}`);
    assert.equal(reread.body.description, 'replaced by the conformance test', `GET ${resource.name} after PUT`);
  }
  for (const method of ['PATCH', 'PUT', 'DELETE'].filter((m) => !resource.item.has(m))) {
    assertTmfError(
      await send(party, method, `${url}/${encodeURIComponent(id)}`, method === 'DELETE' ? undefined : {}),
      405,
      spec,
      `${method} ${resource.name}/{id} is not declared`,
    );
  }
  assertTmfError(await send(party, 'GET', `${url}/no-such-${resource.name}`), 404, spec, `GET an unknown ${resource.name}`);
  if (resource.item.has('DELETE') && resource.collection.has('POST')) {
    const deleted = await send(party, 'DELETE', `${url}/${encodeURIComponent(id)}`);
    assert.equal(deleted.status, 204, `DELETE ${resource.name}`);
    assertTmfError(await send(party, 'GET', `${url}/${encodeURIComponent(id)}`), 404, spec, `GET ${resource.name} after DELETE`);
  }
}

for (const id of ['csp', 'car-manufacturer', 'content-provider'] as const) {
  describe(`${id}, started alone: every TMF API it serves, as the official file declares it`, () => {
    let party: Party;
    before(async () => {
      const actor = await startActor(id, { storage: { kind: 'memory' }, secret: DEFAULT_SECRET, peers: {}, callbacks: {}, seed: DEFAULT_SEED });
      const index = (await (await fetch(`${actor.url}/`)).json()) as { apis: { api: ApiId; basePath: string }[] };
      party = { id, actor, key: harnessKey(DEFAULT_SECRET, id), apis: index.apis };
      await prepare(party);
    });
    after(() => party.actor.stop());

    it('serves an official file for every API it lists', () => {
      assert.ok(party.apis.length > 0);
      for (const { api } of party.apis) assert.ok(specs.byApi.has(api), `${api} has an official file`);
    });

    it('serves every resource of each official file, with the operations it declares', async (t) => {
      for (const { api, basePath } of party.apis) {
        const spec = specs.byApi.get(api)!;
        for (const resource of officialResources(spec)) await t.test(`${api} ${resource.name}`, () => exercise(party, spec, basePath, resource));
      }
    });
  });
}
