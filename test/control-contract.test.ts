import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { ACTOR_IDS, type ActorId } from '../core/actor-ids.ts';
import { startEcosystem, type Ecosystem } from '../harness/ecosystem.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';
import { COMMON_OPERATIONS, WALL_CLOCK_HEADER } from '../actors/kit/control-contract.ts';
import { controlRoute, controlRouter } from '../actors/kit/control-router.ts';
import { routeTable } from './support/route-table.ts';

type Operation = {
  summary?: string;
  operationId?: string;
  requestBody?: { content: Record<string, { schema: object }> };
  responses?: Record<string, { description?: string }>;
};
type Contract = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
};

const SECRET = 'contract-secret';

describe('the control contract is the control API', { timeout: 60_000 }, () => {
  let ecosystem: Ecosystem;
  const contracts = new Map<ActorId, Contract>();
  before(async () => {
    ecosystem = await startEcosystem({ secret: SECRET });
    for (const party of ACTOR_IDS) {
      const response = await fetch(`${ecosystem.local[party]!.url}/control/openapi.json`, {
        headers: { authorization: `Bearer ${harnessKey(SECRET, party)}` },
      });
      assert.equal(response.status, 200);
      contracts.set(party, (await response.json()) as Contract);
    }
  });
  after(async () => {
    await ecosystem.stop();
  });

  const declared = (contract: Contract) =>
    Object.entries(contract.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();

  it('every control route a party mounts is declared in its contract, and every declared one is mounted', () => {
    for (const party of ACTOR_IDS) {
      const mounted = routeTable(ecosystem.local[party]!.app)
        .filter((r) => r.path.startsWith('/control'))
        .map((r) => `${r.method} ${r.path}`)
        .sort();
      assert.deepEqual(mounted, declared(contracts.get(party)!), party);
    }
  });

  it('each party documents the common operations and only its own triggers', () => {
    for (const party of ACTOR_IDS) {
      const operations = declared(contracts.get(party)!);
      for (const o of Object.values(COMMON_OPERATIONS)) assert.ok(operations.includes(`${o.method.toUpperCase()} ${o.path}`), `${party}: ${o.path}`);
    }
    assert.ok(declared(contracts.get('car-manufacturer')!).includes('POST /control/partner-order'));
    assert.ok(!declared(contracts.get('csp')!).includes('POST /control/partner-order'), 'a party documents only its own triggers');
    assert.ok(declared(contracts.get('csp')!).includes('POST /control/ticket-status'), "the CSP's resolution team");
  });

  it('serves an OpenAPI 3.1 document: one operation per declared route, each with an answer, every body schema compiling, every $ref resolved', () => {
    const ajv = new Ajv({ strict: false });
    formats.default(ajv);
    for (const [party, contract] of contracts) {
      assert.match(contract.openapi, /^3\.1\.\d+$/);
      assert.ok(contract.info.title && contract.info.version);
      const ids = new Set<string>();
      for (const [path, operations] of Object.entries(contract.paths)) {
        assert.match(path, /^\/control\//);
        for (const [method, operation] of Object.entries(operations)) {
          assert.ok(['get', 'put', 'post'].includes(method));
          assert.ok(operation.summary, `${party} ${method} ${path} has a summary`);
          assert.ok(operation.operationId && !ids.has(operation.operationId), `${party} ${method} ${path}: unique operationId`);
          ids.add(operation.operationId);
          const answers = Object.entries(operation.responses ?? {});
          assert.ok(
            answers.some(([status]) => /^2\d\d$/.test(status)),
            `${party} ${method} ${path} declares its answer`,
          );
          assert.ok(
            answers.every(([, answer]) => answer.description),
            'every answer is described',
          );
          const schema = operation.requestBody?.content['application/json']?.schema;
          if (schema) ajv.compile({ ...schema, components: contract.components, $id: `${party}${method}${path}` });
        }
      }
      const refs = [...JSON.stringify(contract).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
      for (const ref of refs) assert.ok(contract.components.schemas[ref.replace('#/components/schemas/', '')], `${party}: ${ref} resolves`);
    }
    assert.ok(contracts.get('car-manufacturer')!.components.schemas.ServiceSelection, 'a named body schema is a component');
  });

  it("documents the journal's x-wall-clock header, and every party sends its wall clock with its journal", async () => {
    for (const [party, contract] of contracts) {
      const answer = (contract.paths['/control/journal'].get.responses as Record<string, { headers?: Record<string, { description: string }> }>)['200'];
      assert.match(answer.headers?.[WALL_CLOCK_HEADER]?.description ?? '', /wall clock/, party);
      const before = Date.now();
      const response = await fetch(`${ecosystem.local[party]!.url}/control/journal`, { headers: { authorization: `Bearer ${harnessKey(SECRET, party)}` } });
      const said = Date.parse(response.headers.get(WALL_CLOCK_HEADER) ?? '');
      assert.ok(said >= before && said <= Date.now(), `${party} said ${response.headers.get(WALL_CLOCK_HEADER)}`);
    }
  });

  it('bad control input gets a 400 TMF error naming the path and rule, and changes nothing', async () => {
    const driver = ecosystem.local.driver!;
    const before = JSON.stringify(driver.runtime.store.data);
    const response = await fetch(`${driver.url}/control/drive`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harnessKey(SECRET, 'driver')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ subscription: 's', period: '2026-01', infotainmentMB: '12.30 EUR', telematicsMB: 1 }),
    });
    const body = (await response.json()) as Record<string, string>;
    assert.equal(response.status, 400);
    assert.deepEqual([body.code, body.status], ['SCHEMA_VIOLATION', '400']);
    assert.match(body.message, /\/infotainmentMB pattern/);
    assert.equal(JSON.stringify(driver.runtime.store.data), before);
  });

  it('a peer calling a harness operation, or a party not named by a peer operation, gets a 403', async () => {
    const post = (party: ActorId, caller: ActorId, path: string) =>
      fetch(`${ecosystem.local[party]!.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bootstrapKey(SECRET, caller, party)}`, 'content-type': 'application/json' },
        body: '{}',
      });
    assert.equal((await post('csp', 'car-manufacturer', '/control/billing-run')).status, 403);
    assert.equal((await post('car-manufacturer', 'content-provider', '/control/service-selection')).status, 403);
  });

  it('refuses to build a control API with one route declared twice', () => {
    const reset = controlRoute(COMMON_OPERATIONS.reset, () => undefined);
    assert.throws(() => controlRouter([reset, reset]), /declared twice/);
  });
});
