import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ACTOR_IDS } from '../core/actor-ids.ts';
import { startEcosystem, type Ecosystem } from '../harness/ecosystem.ts';
import { harnessKey } from '../tmf/auth.ts';
import { FIGURE_RUNS, runFigure } from '../web/figure-runs.ts';
import { fuzzControlBodies, fuzzEcosystem } from './support/fuzz-requests.ts';
import { routeTable } from './support/route-table.ts';

/** Every control route the parties declare, as `METHOD party/path`. */
const controlRoutes = (ecosystem: Ecosystem) =>
  ACTOR_IDS.flatMap((party) =>
    routeTable(ecosystem.local[party]!.app)
      .filter((r) => r.path.startsWith('/control/'))
      .map((r) => `${r.method} ${party}${r.path}`),
  );

describe('bad input on every route of every party', { timeout: 120_000 }, () => {
  let ecosystem: Ecosystem;
  before(async () => {
    ecosystem = await startEcosystem({ secret: 'fuzz-secret', delivery: { burst: 1, timeoutMs: 500 } });
  });
  after(async () => {
    await ecosystem.stop();
  });

  it("walks each party's route table: TMF APIs, hubs, listeners and every control route", () => {
    const paths = routeTable(ecosystem.local.csp!.app).map((r) => `${r.method} ${r.path}`);
    for (const expected of [
      'POST /tmf-api/productOrderingManagement/v4/productOrder',
      'PATCH /tmf-api/productOrderingManagement/v4/productOrder/:id',
      'POST /tmf-api/productOrderingManagement/v4/hub',
      'POST /listener/:eventName',
      'PUT /control/peers',
      'POST /control/billing-run',
    ]) {
      assert.ok(paths.includes(expected), `${expected} in ${paths.join(', ')}`);
    }
  });

  it('refuses a body nested 4,000 levels deep, a drive of -5 or 3,000,000 sessions and malformed peers with a 400 TMF error', async () => {
    const post = async (party: 'driver' | 'csp', method: string, path: string, body: string) => {
      const response = await fetch(`${ecosystem.local[party]!.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${harnessKey('fuzz-secret', party)}`, 'content-type': 'application/json' },
        body,
      });
      return { status: response.status, body: await response.json() };
    };
    const deep = await post('csp', 'POST', '/tmf-api/productOrderingManagement/v4/productOrder', '['.repeat(4_000) + ']'.repeat(4_000));
    assert.deepEqual([deep.status, deep.body.code], [400, 'BODY_TOO_DEEP']);
    for (const infotainment of [-5, 3_000_000, 1.5]) {
      const drive = await post(
        'driver',
        'POST',
        '/control/drive',
        JSON.stringify({ subscription: 'p', period: '2026-01', infotainmentMB: 1, telematicsMB: 1, sessions: { infotainment, telematics: 1 } }),
      );
      assert.deepEqual([drive.status, drive.body.code], [400, 'SCHEMA_VIOLATION']);
      assert.match(drive.body.message, /\/sessions\/infotainment/);
    }
    for (const peers of ['x', [], { nobody: 'http://x' }, { driver: 'ftp://x' }]) {
      assert.equal((await post('csp', 'PUT', '/control/peers', JSON.stringify({ peers }))).status, 400);
    }
  });

  it('a create, patch or replace of a TMF API without a body is refused with a 400 TMF error, where an empty JSON object is taken', async () => {
    const oem = ecosystem.local['car-manufacturer']!;
    const sla = '/tmf-api/slaManagement/v2/sla';
    const send = async (method: string, path: string, body: string) => {
      const response = await fetch(`${oem.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${harnessKey('fuzz-secret', 'car-manufacturer')}`, 'content-type': 'application/json' },
        body,
      });
      return { status: response.status, body: await response.json() };
    };
    const slas = () => oem.runtime.store.data.resources['TMF623.sla']?.length ?? 0;
    const before = slas();
    const first = oem.runtime.store.data.resources['TMF623.sla']![0];
    const stored = JSON.stringify(oem.runtime.store.data);
    for (const [method, path] of [
      ['POST', sla],
      ['PATCH', `${sla}/${first.id}`],
      ['PUT', `${sla}/${first.id}`],
      ['POST', '/tmf-api/slaManagement/v2/hub'],
    ]) {
      const refused = await send(method, path, '');
      assert.deepEqual([refused.status, refused.body.code, refused.body.status], [400, 'MISSING_BODY', '400'], `${method} ${path}`);
    }
    assert.equal(JSON.stringify(oem.runtime.store.data), stored);
    // The official Sla_Create requires no attribute: `{}` is a body, and creates an SLA.
    assert.equal((await send('POST', sla, '{}')).status, 201);
    assert.equal(slas(), before + 1);
  });

  it("a request Node's parser refuses (a head over 16 KB, a malformed request line) gets a TMF error, from a party and from the wire", async () => {
    const raw = (base: string, request: string) =>
      new Promise<{ status: number; body: { code?: string; status?: string } }>((resolve, reject) => {
        const { hostname, port } = new URL(base);
        const socket = connect(Number(port), hostname, () => socket.end(request));
        let text = '';
        socket.on('data', (chunk) => (text += chunk));
        socket.on('error', reject);
        socket.on('close', () => {
          const [head, body = ''] = text.split('\r\n\r\n');
          resolve({ status: Number(head.split(' ')[1]), body: body ? JSON.parse(body) : {} });
        });
      });
    const long = `GET /tmf-api/productCatalogManagement/v4/productOffering?name=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`;
    for (const base of [ecosystem.local.csp!.url, ecosystem.url]) {
      const tooLong = await raw(base, long);
      assert.deepEqual([tooLong.status, tooLong.body.code, tooLong.body.status], [431, 'HEADERS_TOO_LARGE', '431'], base);
      const malformed = await raw(base, 'NOT HTTP AT ALL\r\n\r\n');
      assert.deepEqual([malformed.status, malformed.body.code, malformed.body.status], [400, 'MALFORMED_REQUEST', '400'], base);
    }
  });

  it('a partner order the CSP refuses leaves no hub subscription behind, and a null body is refused before anything is done', async () => {
    const oem = ecosystem.local['car-manufacturer']!;
    const post = (body: string) =>
      fetch(`${oem.url}/control/partner-order`, {
        method: 'POST',
        headers: { authorization: `Bearer ${harnessKey('fuzz-secret', 'car-manufacturer')}`, 'content-type': 'application/json' },
        body,
      });
    const before = [JSON.stringify(oem.runtime.store.data), JSON.stringify(ecosystem.local.csp!.runtime.store.data.subscriptions)];
    const refused = await post(JSON.stringify({ productOfferingIds: ['no-such-offering'] }));
    assert.ok(refused.status >= 400 && refused.status < 500, `refused: ${refused.status}`);
    assert.equal((await post('null')).status, 400);
    assert.deepEqual([JSON.stringify(oem.runtime.store.data), JSON.stringify(ecosystem.local.csp!.runtime.store.data.subscriptions)], before);
  });

  it('2,000 seeded requests on a fresh ecosystem: every route hit, no 5xx, every refusal a TMF error that changed nothing', async () => {
    const summary = await fuzzEcosystem(ecosystem, 2_000, 12);
    assert.deepEqual(summary.findings.slice(0, 10), []);
    assert.equal(summary.serverErrors, 0);
    assert.equal(summary.stateChangesOnRejection, 0);
    for (const route of controlRoutes(ecosystem)) assert.ok(summary.covered.has(route), `${route} fuzzed`);
  });

  describe('after figure 9 ran (bills, tickets, settlement notes in the stores)', () => {
    before(async () => {
      await runFigure(ecosystem, FIGURE_RUNS[9]!);
      const resources = (party: 'csp' | 'car-manufacturer') => ecosystem.local[party]!.runtime.store.data.resources;
      assert.ok(resources('car-manufacturer')['TMF678.customerBill']?.length, 'a bill');
      assert.ok(resources('csp')['TMF621.troubleTicket']?.length, 'a ticket');
      assert.ok(resources('car-manufacturer')['BillingV2.settlementNoteAdvice']?.length, 'a settlement note');
    });

    it('a body breaking the declared schema of any control operation is refused with a 4xx TMF error and changes nothing', async () => {
      const summary = await fuzzControlBodies(ecosystem, 4, 7);
      assert.deepEqual(summary.findings.slice(0, 10), []);
      assert.ok(summary.requests >= 100, `${summary.requests} requests`);
    });

    it('1,000 seeded requests over every route but the reset: no 5xx, every refusal a TMF error that changed nothing', async () => {
      const summary = await fuzzEcosystem(ecosystem, 1_000, 26, { spare: ['POST /control/reset'] });
      assert.deepEqual(summary.findings.slice(0, 10), []);
      assert.equal(summary.serverErrors, 0);
      assert.equal(summary.stateChangesOnRejection, 0);
      assert.ok(
        ecosystem.local['car-manufacturer']!.runtime.store.data.resources['TMF678.customerBill']?.length,
        "the figure's bills were still there to fuzz",
      );
    });
  });
});
