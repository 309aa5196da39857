/**
 * The CSP's resolution team (9.26) with msw peers: the call center at http://call-center.test, and the
 * CSP's own route to itself (the wire's self-route) at http://wire.test/csp, which forwards to the CSP
 * as the wire does (or is down, when a test says so).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { startCsp } from '../actors/csp/index.ts';
import type { ActorConfig } from '../actors/kit/config.ts';
import type { RunningActor } from '../actors/kit/serve.ts';
import { RequestLog } from '../mocks/request-log.ts';
import { passThroughTo } from '../mocks/pass-through.ts';
import { basePath } from '../tmf/apis.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';
import type { Entity } from '../tmf/data.ts';
import { isRecord } from '../core/plain-data.ts';
import { call as callApp } from './support/http-app.ts';

const SECRET = 'component-resolution-team-secret';
const SELF_ROUTE = 'http://wire.test/csp';
const CALL_CENTER = 'http://call-center.test';
const CONFIG: ActorConfig = {
  storage: { kind: 'memory' },
  secret: SECRET,
  peers: { csp: SELF_ROUTE, 'call-center': CALL_CENTER },
  callbacks: { csp: SELF_ROUTE, 'call-center': 'http://csp.test' },
  seed: 1,
  delivery: { burst: 2, burstDelayMs: 1, timeoutMs: 2000 },
};
const HARNESS_KEY = harnessKey(SECRET, 'csp');
const CALL_CENTER_KEY = bootstrapKey(SECRET, 'call-center', 'csp');
const METRIC = 'connectivity.availability:2026-03';
const TICKETS = `${basePath('TMF621')}/troubleTicket`;

const callCenter = new RequestLog();
const selfRoute = new RequestLog();
let wireDown = false;
let csp: RunningActor;

const server = setupServer(
  // The call center: its violations (9.24) and its listener for the CSP's ticket events.
  http.get(`${CALL_CENTER}${basePath('TMF623')}/slaViolation`, async ({ request }) => {
    await callCenter.record(request);
    return HttpResponse.json([]);
  }),
  http.post(`${CALL_CENTER}/listener/:event`, async ({ request }) => {
    await callCenter.record(request);
    return new HttpResponse(null, { status: 204 });
  }),
  // The CSP's route to itself, forwarding like the wire.
  http.all(`${SELF_ROUTE}/*`, async ({ request }) => {
    await selfRoute.record(request);
    if (wireDown) return HttpResponse.json({ code: 'PEER_UNREACHABLE' }, { status: 502 });
    const headers = Object.fromEntries(['authorization', 'content-type'].flatMap((h) => (request.headers.get(h) ? [[h, request.headers.get(h)!]] : [])));
    const body = request.method === 'GET' ? undefined : await request.text();
    const answer = await fetch(csp.url + request.url.slice(SELF_ROUTE.length), { method: request.method, headers, body });
    return new HttpResponse(answer.status === 204 ? null : await answer.text(), { status: answer.status, headers: { 'content-type': 'application/json' } });
  }),
);

/** Calls the CSP under test for real and reads the JSON answer. */
const call = (method: string, path: string, apiKey: string, body?: unknown) => callApp(csp.url, method, path, { key: apiKey, body });

const control = (method: string, op: string, body?: unknown) => call(method, `/control/${op}`, HARNESS_KEY, body);
const drain = async () => assert.equal((await control('POST', 'drain')).status, 200);
const state = async () =>
  (await control('GET', 'state')).body.data as {
    alarms?: { ticket: string; violation: string; metric: string }[];
    journal: { type: string }[];
    resources: Record<string, Entity[]>;
  };

/** The call center's alarm ticket (9.25), naming the violation's metric identifier. */
const alarm = (metric = METRIC) => ({
  name: `SLA alarm ${metric}`,
  description: 'Availability below 99.5 %',
  severity: 'major',
  ticketType: 'alarm',
  externalId: 'M-1',
  relatedEntity: [{ id: metric, name: metric, role: 'slaMetric', '@referredType': 'SlaMetric' }],
});

/** March ends with a 4-hour outage: the CSP's monitoring finds its availability violated (9.21). */
async function breachMarch(): Promise<Entity> {
  assert.equal(
    (await control('POST', 'schedule-fault', { start: '2026-03-10T02:00:00Z', durationMinutes: 240, description: 'Backhaul link down' })).status,
    201,
  );
  await control('PUT', 'clock', { now: '2026-04-01T06:00:00Z' });
  const { body } = await control('POST', 'sla-period-end', { period: '2026-03' });
  assert.equal(body.violations.length, 1);
  return body.violations[0];
}

const noticesHeard = () => selfRoute.requests.filter((r) => r.path === '/csp/resolution-team/listener/slaViolationCreateEvent');
const correlationOf = (ticket: Entity) =>
  ((ticket.relatedEntity as { id: string; role: string; name: string }[]) ?? []).filter((e) => e.role === 'correlatedSlaViolation');

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(async () => {
  wireDown = false;
  callCenter.reset();
  selfRoute.reset();
  csp = await startCsp(CONFIG, 0);
  server.use(passThroughTo(csp.url));
  const follow = await control('POST', 'resolution-team/follow-sla');
  assert.equal(follow.status, 201);
});
/** Data folders of file-backed CSPs, removed once the CSP writing into them has stopped. */
const dataFolders: string[] = [];
afterEach(async () => {
  await csp.stop();
  server.resetHandlers();
  for (const dir of dataFolders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the CSP's resolution team", () => {
  test("subscribes to its own party's TMF623 hub through the self-route, with a callback under its unit", () => {
    const [hub] = selfRoute.to(`/csp${basePath('TMF623')}/hub`);
    assert.deepEqual(hub.body, { callback: `${SELF_ROUTE}/resolution-team`, query: 'eventType=SlaViolationCreateEvent' });
  });

  test('hears of the violation with its metric identifier, then correlates the alarm on arrival and records it on the ticket', async () => {
    const violation = await breachMarch();
    await drain();
    assert.deepEqual(
      noticesHeard().map((r) => (r.body as any).event.slaViolation.violation.metric),
      [METRIC],
    );
    const created = await call('POST', TICKETS, CALL_CENTER_KEY, alarm());
    assert.equal(created.status, 201);
    assert.deepEqual(
      correlationOf(created.body).map((e) => [e.id, e.name]),
      [[String(violation.id), METRIC]],
    );
    assert.deepEqual(
      created.body.note.map((n: { text: string; author: string }) => [n.text, n.author]),
      [[`Correlated with SLA violation ${violation.id} by the metric identifier ${METRIC}`, 'csp resolution-team']],
    );
    // Visible over TMF621 to the call center.
    const read = await call('GET', `${TICKETS}/${created.body.id}`, CALL_CENTER_KEY);
    assert.equal(correlationOf(read.body).length, 1);
    const data = await state();
    assert.deepEqual(
      data.alarms?.map((a) => [a.ticket, a.violation, a.metric]),
      [[created.body.id, String(violation.id), METRIC]],
    );
    assert.equal(data.journal.filter((j) => j.type === 'alarm.correlated').length, 1);
  });

  test('an alarm that comes before the notice is correlated when the notice arrives, and the call center is told of the change', async () => {
    const hub = await call('POST', `${basePath('TMF621')}/hub`, CALL_CENTER_KEY, { callback: CALL_CENTER, query: '' });
    assert.equal(hub.status, 201);
    wireDown = true;
    const violation = await breachMarch();
    await drain();
    const created = await call('POST', TICKETS, CALL_CENTER_KEY, alarm());
    assert.equal(created.status, 201);
    assert.deepEqual(correlationOf(created.body), [], 'nothing to correlate with yet');
    assert.equal((await state()).journal.filter((j) => j.type === 'alarm.correlated').length, 0);
    // The notice was kept in the outbox; once the route is back and its retry is due, it is delivered.
    wireDown = false;
    await control('PUT', 'clock', { now: '2026-04-02T06:00:00Z' });
    await drain();
    const ticket = (await state()).resources['TMF621.troubleTicket'].find((t) => t.id === created.body.id)!;
    assert.deepEqual(
      correlationOf(ticket).map((e) => e.id),
      [String(violation.id)],
    );
    const change = callCenter.requests.filter((r) => r.path === '/listener/troubleTicketAttributeValueChangeEvent');
    assert.deepEqual(
      change.map((r) => [(r.body as any).event.troubleTicket.id, (r.body as any).fieldPath]),
      [[created.body.id, 'note,relatedEntity']],
    );
  });

  test("a tester's violation without what it violated (the standard lets it through) does not stop the monitoring's own", async () => {
    const tester = await call('POST', `${basePath('TMF623')}/slaViolation`, HARNESS_KEY, { sla: { id: '1' } });
    assert.equal(tester.status, 201);
    const violation = await breachMarch();
    assert.ok(isRecord(violation.violation));
    assert.equal(violation.violation.metric, METRIC);
  });

  test("the team's listener takes SLA events from its own party only", async () => {
    const envelope = {
      eventId: 'x-1',
      eventTime: '2026-04-01T06:00:00Z',
      eventType: 'SlaViolationCreateEvent',
      event: { slaViolation: { id: 9, sla: { id: 1 }, violation: { metric: METRIC, actualValue: '1' } } },
    };
    const refused = await call('POST', '/resolution-team/listener/slaViolationCreateEvent', CALL_CENTER_KEY, envelope);
    assert.equal(refused.status, 403);
    assert.equal((await state()).journal.filter((j) => j.type === 'alarm.correlated').length, 0);
  });

  test('an alarm naming a metric the CSP never breached is refused with a 400 and changes nothing', async () => {
    const refused = await call('POST', TICKETS, CALL_CENTER_KEY, alarm('connectivity.availability:2026-02'));
    assert.equal(refused.status, 400);
    assert.equal(refused.body.reason, 'Unknown metric');
    assert.deepEqual((await state()).resources['TMF621.troubleTicket'] ?? [], []);
  });

  test('a crash right after the violation was recorded loses no notice: the restarted CSP delivers it from its outbox', async () => {
    await csp.stop();
    const dir = mkdtempSync(join(tmpdir(), 'csp-team-'));
    dataFolders.push(dir);
    const path = join(dir, 'csp.json');
    const atCrash = join(dir, 'csp-at-crash.json');
    csp = await startCsp({ ...CONFIG, storage: { kind: 'file', path } }, 0);
    server.use(passThroughTo(csp.url));
    assert.equal((await control('POST', 'resolution-team/follow-sla')).status, 201);
    // The file as a crash would leave it: the first commit that holds the violation.
    csp.runtime.store.onCommit(() => {
      const violations = csp.runtime.store.data.resources['TMF623.slaViolation'] ?? [];
      if (violations.length > 0 && !existsSync(atCrash)) copyFileSync(path, atCrash);
    });
    const violation = await breachMarch();
    await csp.stop();
    selfRoute.reset();
    csp = await startCsp({ ...CONFIG, storage: { kind: 'file', path: atCrash } }, 0);
    server.use(passThroughTo(csp.url));
    await drain();
    assert.deepEqual(
      noticesHeard().map((r) => String((r.body as any).event.slaViolation.id)),
      [String(violation.id)],
    );
    const created = await call('POST', TICKETS, CALL_CENTER_KEY, alarm());
    assert.deepEqual(
      correlationOf(created.body).map((e) => e.id),
      [String(violation.id)],
    );
  });
});
