import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseArgs } from '../harness/cli/args.ts';
import { conventions } from '../harness/conformance/exchange-checks.ts';
import { conformanceOptions } from '../harness/conformance/options.ts';
import { runConformance, selfReportedChecks } from '../harness/conformance/run.ts';
import { probeAfterFlows } from '../harness/conformance/probes.ts';
import { billEqualsItems, eventsOnce, subscribedChangesNotified } from '../harness/conformance/step-rules.ts';
import { BILL_AMOUNTS } from '../harness/conformance/bill-amounts.ts';
import { COMMON_OPERATIONS, controlContract, missingOperations } from '../actors/kit/control-contract.ts';
import type { Exchange } from '../harness/exchange.ts';
import { peerUrlsOf } from '../harness/conformance/peers.ts';
import { startEcosystem } from '../harness/ecosystem.ts';

const OFFERINGS = '/tmf-api/productCatalogManagement/v4/productOffering';
const BILLS = '/tmf-api/customerBillManagement/v4';

function exchange(over: Partial<Exchange> & Pick<Exchange, 'method' | 'path'>): Exchange {
  return {
    seq: 1,
    scenario: 's',
    from: 'car-manufacturer',
    to: 'csp',
    kind: 'call',
    api: 'TMF620',
    operation: 'op',
    status: 200,
    request: { headers: {}, body: undefined },
    response: { headers: {}, body: undefined },
    valid: true,
    errors: [],
    startedAt: '',
    durationMs: 1,
    ...over,
  };
}

const offer = (id: string, category: string) => ({ id, href: `/x/${id}`, '@type': 'ProductOffering', category: [{ name: category }] });
const failed = (e: Exchange) =>
  conventions(e)
    .filter((c) => !c.ok)
    .map((c) => c.rule);

test('a list that honours limit, its filters and the paging headers passes every convention', () => {
  const e = exchange({
    method: 'GET',
    path: `${OFFERINGS}?limit=1&category.name=a`,
    response: { headers: { 'x-total-count': '3', 'x-result-count': '1' }, body: [offer('1', 'a')] },
  });
  assert.deepEqual(failed(e), []);
});

test('a list ignoring limit, its filter and the paging headers fails each of those conventions', () => {
  const e = exchange({
    method: 'GET',
    path: `${OFFERINGS}?limit=1&category.name=a`,
    response: { headers: {}, body: [offer('1', 'a'), { ...offer('2', 'b'), href: undefined }] },
  });
  assert.deepEqual(
    failed(e).sort(),
    ['X-Total-Count and X-Result-Count headers', 'a list honours its filters', 'a list honours limit', 'an entity has id, href and @type'].sort(),
  );
});

test("a list's filters are judged as the standard's: an operator, dates as instants, a repeated parameter as any of its values", () => {
  const at = (id: string, lastUpdate: string, state: string) => ({ ...offer(id, 'a'), lastUpdate, state });
  const paging = { 'x-total-count': '2', 'x-result-count': '2' };
  const list = (query: string, body: object[]) => exchange({ method: 'GET', path: `${OFFERINGS}?${query}`, response: { headers: paging, body } });
  const january = [at('1', '2026-01-10T00:00:00.000Z', 'a'), at('2', '2026-01-20T00:00:00Z', 'b')];
  assert.deepEqual(failed(list('lastUpdate.gt=2026-01-01T00:00:00Z', january)), []);
  assert.deepEqual(failed(list('lastUpdate.gte=2026-01-15T00:00:00Z', january)), ['a list honours its filters']);
  assert.deepEqual(failed(list('lastUpdate=2026-01-10T00:00:00Z&lastUpdate=2026-01-20T00:00:00.000Z', january)), []);
  assert.deepEqual(failed(list('state.ne=c', january)), []);
  assert.deepEqual(failed(list('state.ne=b', january)), ['a list honours its filters']);
  // A projection without the filtered attribute leaves nothing to check it by.
  const projected = january.map(({ id, href }) => ({ id, href, '@type': 'ProductOffering' }));
  assert.deepEqual(failed(list('fields=id&state=a,b', projected)), []);
  assert.deepEqual(
    failed(
      list(
        'fields=id,state&state=a',
        january.map(({ id, href, state }) => ({ id, href, state, '@type': 'ProductOffering' })),
      ),
    ),
    ['a list honours its filters'],
  );
});

test('bill items that do not add up to the bill fail the rule of 7.9; items that do pass it', () => {
  const money = (value: number) => ({ unit: 'EUR', value });
  const bill = { id: 'b1', taxIncludedAmount: money(12), taxExcludedAmount: money(10) };
  const rates = [
    { id: 'r1', taxIncludedAmount: money(6), taxExcludedAmount: money(5) },
    { id: 'r2', taxIncludedAmount: money(6), taxExcludedAmount: money(5) },
  ];
  const read = (b: object) => [
    exchange({ seq: 1, api: 'TMF678', method: 'GET', path: `${BILLS}/customerBill/b1`, response: { headers: {}, body: b } }),
    exchange({ seq: 2, api: 'TMF678', method: 'GET', path: `${BILLS}/appliedCustomerBillingRate?bill.id=b1`, response: { headers: {}, body: rates } }),
  ];
  assert.deepEqual(
    billEqualsItems(read(bill), 'csp', [7]).map((f) => f.verdict),
    ['pass', 'pass'],
  );
  const wrong = billEqualsItems(read({ ...bill, taxIncludedAmount: money(13) }), 'csp', [7]);
  assert.deepEqual(
    wrong.map((f) => [f.step, f.verdict, f.path]),
    [
      ['7.9', 'fail', 'response/taxIncludedAmount/value'],
      ['7.9', 'pass', 'response/taxExcludedAmount/value'],
    ],
  );
});

test('a subscriber that created an order must hear of its state changes (7.1)', () => {
  const hub = exchange({
    seq: 1,
    api: 'TMF622',
    method: 'POST',
    path: '/tmf-api/productOrderingManagement/v4/hub',
    status: 201,
    request: { headers: {}, body: { callback: 'x', query: 'eventType=ProductOrderStateChangeEvent' } },
  });
  const order = exchange({
    seq: 2,
    api: 'TMF622',
    method: 'POST',
    path: '/tmf-api/productOrderingManagement/v4/productOrder',
    status: 201,
    request: { headers: {}, body: { productOrderItem: [] } },
  });
  const event = exchange({
    seq: 3,
    from: 'csp',
    to: 'car-manufacturer',
    kind: 'notification',
    api: 'TMF622',
    method: 'POST',
    path: '/listener/productOrderStateChangeEvent',
    status: 204,
  });
  assert.deepEqual(
    subscribedChangesNotified([hub, order, event], 'csp', [7]).map((f) => [f.step, f.verdict]),
    [['7.1', 'pass']],
  );
  assert.deepEqual(
    subscribedChangesNotified([hub, order], 'csp', [7]).map((f) => [f.step, f.verdict]),
    [['7.1', 'fail']],
  );
  assert.deepEqual(subscribedChangesNotified([order], 'csp', [7]), [], 'no subscription, nothing owed');
  const subscribed = (query: string) => ({ ...hub, request: { headers: {}, body: { callback: 'x', query } } });
  const owed = (query: string) => subscribedChangesNotified([subscribed(query), order], 'csp', [7]).map((f) => f.verdict);
  assert.deepEqual(owed('eventType=ProductOrderCreateEvent&eventType=ProductOrderStateChangeEvent'), ['fail'], 'a repeated eventType asks for each');
  assert.deepEqual(owed(''), ['fail'], 'an empty query asks for every event');
  assert.deepEqual(owed('eventType=ProductOrderCreateEvent'), [], 'another event type: nothing owed');
  // The order may never have failed: a partner that sent nothing did what the subscription asked.
  assert.deepEqual(owed('eventType=ProductOrderStateChangeEvent&event.productOrder.state=failed'), [], 'a condition on the content: nothing owed');
});

test('a ticket owes a status change event only once the wire shows its status moving, and TMF621 calls it a status change', () => {
  const TICKETS = '/tmf-api/troubleTicket/v4';
  const ticket = (status: string) => ({ id: 't1', href: `${TICKETS}/troubleTicket/t1`, '@type': 'TroubleTicket', status });
  const base = { from: 'call-center' as const, to: 'csp' as const, api: 'TMF621' as const };
  const hub = exchange({ ...base, seq: 1, method: 'POST', path: `${TICKETS}/hub`, status: 201, request: { headers: {}, body: { callback: 'x', query: '' } } });
  const created = exchange({
    ...base,
    seq: 2,
    method: 'POST',
    path: `${TICKETS}/troubleTicket`,
    status: 201,
    response: { headers: {}, body: ticket('acknowledged') },
  });
  const progressed = exchange({
    from: 'harness',
    to: 'csp',
    api: 'TMF621',
    seq: 3,
    method: 'PATCH',
    path: `${TICKETS}/troubleTicket/t1`,
    response: { headers: {}, body: ticket('inProgress') },
  });
  const event = exchange({
    from: 'csp',
    to: 'call-center',
    kind: 'notification',
    api: 'TMF621',
    seq: 4,
    method: 'POST',
    path: '/listener/troubleTicketStatusChangeEvent',
    status: 204,
  });
  const verdicts = (record: Exchange[]) => subscribedChangesNotified(record, 'csp', [9]).map((f) => f.verdict);
  assert.deepEqual(verdicts([hub, created]), [], 'a ticket nobody worked on owes no event');
  assert.deepEqual(verdicts([hub, created, progressed]), ['fail'], 'a status moved without an event');
  assert.deepEqual(verdicts([hub, created, progressed, event]), ['pass']);
});

test('the common operations make a whole control contract; a partial one names what it lacks', () => {
  assert.deepEqual(missingOperations(controlContract('csp', Object.values(COMMON_OPERATIONS))), []);
  assert.deepEqual(missingOperations({ paths: { '/control/reset': { post: {} } } }).length, 7);
});

test('conformance settings: the command line over the config file over the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cch-config-'));
  const config = join(dir, 'c.json');
  writeFileSync(config, JSON.stringify({ actors: { csp: 'http://config:1', driver: 'http://config:2' }, timeoutMs: 700, reportDir: join(dir, 'r') }));
  const env = { CCH_ACTORS: 'csp=http://env:1,call-center=http://env:3', CCH_TIMEOUT_MS: '900' };
  const options = conformanceOptions(parseArgs(['conformance', '--config', config, '--actor', 'csp=http://cli:1']), env);
  assert.deepEqual(options.bindings, {
    csp: { kind: 'remote', url: 'http://cli:1' },
    driver: { kind: 'remote', url: 'http://config:2' },
    'call-center': { kind: 'remote', url: 'http://env:3' },
  });
  assert.equal(options.timeoutMs, 700);
  assert.equal(options.reportDir, join(dir, 'r'));
  assert.throws(() => conformanceOptions(parseArgs(['conformance']), {}), /at least one partner/);
  assert.throws(() => conformanceOptions(parseArgs(['conformance', '--actor', 'csp=http://a', '--timeout-ms', 'soon']), {}), /--timeout-ms/);
});

test('--figure names the figures to exercise: repeated or comma-separated, in the order of the use case; an unknown one is refused', () => {
  const figures = (...args: string[]) => conformanceOptions(parseArgs(['conformance', '--actor', 'csp=http://a', ...args]), {}).figures;
  assert.equal(figures(), undefined, 'none named: every figure');
  assert.deepEqual(figures('--figure', '9,7'), [7, 9]);
  assert.deepEqual(figures('--figure', 'figure8', '--figure', '7'), [7, 8]);
  assert.throws(() => figures('--figure', '7,12'), /--figure '12': the figures are 7, 8, 9, 10, 11/);
  const config = join(mkdtempSync(join(tmpdir(), 'cch-figures-')), 'conformance.json');
  writeFileSync(config, JSON.stringify({ actors: { csp: 'http://a' }, figures: [9, 'figure7'] }));
  assert.deepEqual(conformanceOptions(parseArgs(['conformance', '--config', config]), {}).figures, [7, 9], 'a config file names them too');
  assert.deepEqual(conformanceOptions(parseArgs(['conformance', '--config', config, '--figure', '8']), {}).figures, [8], 'the command line wins');
});

test('a --figure in which no partner takes part is refused before anything starts', async () => {
  const options = conformanceOptions(
    parseArgs(['conformance', '--actor', 'call-center=http://127.0.0.1:9', '--figure', '7,9', '--report-dir', join(tmpdir(), 'cch-never-written')]),
    {},
  );
  await assert.rejects(
    runConformance(options, () => assert.fail('nothing is said')),
    /--figure 7: call-center takes no part in figure 7 \(call-center: 9\)/,
  );
});

test('peers.json gives a partner every credential it needs, so it needs no shared secret', async () => {
  const ecosystem = await startEcosystem({ secret: 'a-secret-the-partner-never-sees' });
  try {
    const { credentials } = peerUrlsOf(ecosystem, 'car-manufacturer');
    const offers = await fetch(`${ecosystem.wireUrl('car-manufacturer', 'csp')}/tmf-api/productCatalogManagement/v4/productOffering`, {
      headers: { authorization: `Bearer ${credentials.presentsTo.csp}` },
    });
    assert.equal(offers.status, 200, 'the key it presents to the CSP opens the CSP');
    const oem = ecosystem.local['car-manufacturer']!.runtime;
    assert.equal(oem.credentialFor(credentials.accepts.csp)?.party, 'csp', 'the key it accepts is the one the CSP presents');
    assert.equal(oem.credentialFor(credentials.harness)?.party, 'harness', 'the harness drives it with the key named');
  } finally {
    await ecosystem.stop();
  }
});

test('an event sent a second time under another eventId is a finding; a retry under the same eventId is not', () => {
  const event = (seq: number, eventId: string) =>
    exchange({
      seq,
      from: 'csp',
      to: 'car-manufacturer',
      kind: 'notification',
      api: 'TMF622',
      method: 'POST',
      path: '/listener/productOrderStateChangeEvent',
      status: 204,
      request: {
        headers: {},
        body: {
          eventId,
          eventType: 'ProductOrderStateChangeEvent',
          eventTime: '2026-01-01T00:00:00.000Z',
          event: { productOrder: { id: 'o1', state: 'completed' } },
        },
      },
    });
  const fails = (record: Exchange[]) => eventsOnce(record, 'csp', [7]).map((f) => f.message);
  assert.deepEqual(fails([event(1, 'e1'), event(2, 'e1')]), [], 'a retry keeps its eventId');
  assert.match(fails([event(1, 'e1'), event(2, 'e2')]).join(), /sent again as e2 \(#2\), first as e1 \(#1\)/);
});

test('a bill whose amountDue is a cent off its total, or whose remainingAmount exceeds it, breaks the amounts rule', () => {
  const bill = (amountDue: number, remainingAmount: number) =>
    exchange({
      method: 'GET',
      path: '/tmf-api/customerBillManagement/v4/customerBill/b1',
      to: 'csp',
      status: 200,
      response: {
        headers: {},
        body: {
          id: 'b1',
          href: 'h',
          '@type': 'CustomerBill',
          taxIncludedAmount: { unit: 'EUR', value: 10 },
          amountDue: { unit: 'EUR', value: amountDue },
          remainingAmount: { unit: 'EUR', value: remainingAmount },
        },
      },
    });
  const verdict = (e: Exchange) => conventions(e).find((c) => c.rule === BILL_AMOUNTS)?.ok;
  assert.equal(verdict(bill(10, 10)), true);
  assert.equal(verdict(bill(10.01, 10.01)), false);
  assert.equal(verdict(bill(10, 10.5)), false);
});

test('@type must name the resource; @baseType excuses another @type only with a @schemaLocation', () => {
  const offering = (body: object) =>
    exchange({
      method: 'GET',
      path: '/tmf-api/productCatalogManagement/v4/productOffering/p1',
      to: 'csp',
      status: 200,
      response: { headers: {}, body: { id: 'p1', href: 'h', ...body } },
    });
  const typed = (body: object) => conventions(offering(body)).find((c) => c.rule.startsWith("an entity's @type"))?.ok;
  assert.equal(typed({ '@type': 'ProductOffering' }), true);
  assert.equal(typed({ '@type': 'Individual', '@baseType': 'ProductOffering' }), false);
  assert.equal(typed({ '@type': 'BundledOffering', '@baseType': 'ProductOffering', '@schemaLocation': 'https://example.org/BundledOffering.json' }), true);
});

test("the report lists the scenario checks that could only read a partner's own control state", () => {
  const read = (seq: number, scenario: string, to: Exchange['to']) =>
    exchange({ seq, scenario, from: 'harness', to, kind: 'harness', api: 'control', method: 'GET', path: '/control/state' });
  const tmfRead = exchange({ seq: 9, scenario: 'b', from: 'harness', to: 'csp', kind: 'harness', method: 'GET', path: OFFERINGS });
  assert.deepEqual(selfReportedChecks([read(1, 'a', 'csp'), read(2, 'a', 'csp'), read(3, 'a', 'driver'), tmfRead], ['csp']), [
    { scenario: 'a', party: 'csp', reads: 2 },
  ]);
});

test('a partner whose reset and drives fail gets findings that say so, and the probes go on: the run does not end there', async () => {
  const partner = createServer((_req, res) => {
    res
      .writeHead(500, { 'content-type': 'application/json' })
      .end(JSON.stringify({ code: 'BROKEN', reason: 'Broken', message: 'always fails', status: '500' }));
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  const ecosystem = await startEcosystem({
    bindings: { 'call-center': { kind: 'remote', url: `http://127.0.0.1:${(partner.address() as AddressInfo).port}` } },
  });
  try {
    const findings = await probeAfterFlows(ecosystem, [{ party: 'call-center', figures: [9] }], 5_000);
    const failed = (operation: string) => findings.find((f) => f.party === 'call-center' && f.operation === operation && f.verdict === 'fail');
    assert.match(failed('reset before the bundle probes')?.message ?? '', /500/, 'the reset before the bundle probes');
    assert.equal(failed('drive figure 9')?.rule, 'the flows of the figure can be driven to fill the collections');
    assert.ok(
      findings.some((f) => f.party === 'call-center' && f.source !== 'scenario'),
      "the figure's collection probes still ran",
    );
  } finally {
    await ecosystem.stop();
    partner.close();
  }
});
