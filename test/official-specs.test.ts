import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APIS, basePath, type ApiId } from '../tmf/apis.ts';
import type { Exchange, WireApi } from '../harness/exchange.ts';
import { loadOfficialSpecs, specsDirFromEnv } from '../harness/official-specs/load.ts';
import { checkAll, checkExchange, type OfficialIssue } from '../harness/official-specs/check.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const specsDir = specsDirFromEnv();
const specs = loadOfficialSpecs(specsDir);

interface ExchangeInput {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly request?: unknown;
  readonly response?: unknown;
  readonly api?: WireApi;
  readonly kind?: Exchange['kind'];
}

let nextSeq = 1;
function exchange(input: ExchangeInput): Exchange {
  return {
    seq: nextSeq++,
    scenario: 'official-specs',
    from: 'csp',
    to: 'car-manufacturer',
    kind: input.kind ?? 'call',
    api: input.api ?? 'unknown',
    operation: `${input.method} ${input.path}`,
    method: input.method,
    path: input.path,
    status: input.status,
    request: { headers: { 'content-type': 'application/json' }, body: input.request },
    response: { headers: { 'content-type': 'application/json' }, body: input.response },
    valid: true,
    errors: [],
    startedAt: '2025-03-01T10:00:00.000Z',
    durationMs: 4,
  };
}

const url = (api: ApiId, rest: string): string => `${basePath(api)}${rest}`;
const summary = (issues: readonly OfficialIssue[]) => issues.map((i) => `${i.where} ${i.definition} ${i.path} ${i.rule}`);

const offering = {
  name: 'Connected Car Infotainment Bundle',
  description: 'In-car streaming and navigation content, billed monthly through the CSP',
  isBundle: false,
  isSellable: true,
  lifecycleStatus: 'Active',
  version: '1.0',
  validFor: { startDateTime: '2025-01-01T00:00:00Z', endDateTime: '2026-01-01T00:00:00Z' },
  category: [{ id: 'cat-connected-car', name: 'Connected Car' }],
  productSpecification: { id: 'spec-infotainment', name: 'Infotainment service', version: '1.0' },
  productOfferingPrice: [{ id: 'pop-infotainment-monthly', name: 'Monthly fee' }],
  '@type': 'ProductOffering',
};

const order = {
  id: 'po-1001',
  href: 'https://csp.example.com/tmf-api/productOrderingManagement/v4/productOrder/po-1001',
  orderDate: '2025-03-01T10:00:00Z',
  category: 'B2C product order',
  priority: '4',
  state: 'acknowledged',
  relatedParty: [{ id: 'cust-42', role: 'Customer', '@referredType': 'Customer' }],
  billingAccount: { id: 'ba-42' },
  productOrderItem: [
    {
      id: '1',
      quantity: 1,
      action: 'add',
      state: 'acknowledged',
      productOffering: { id: 'po-infotainment', name: 'Connected Car Infotainment Bundle' },
      product: { isBundle: false, productCharacteristic: [{ name: 'VIN', valueType: 'string', value: 'WVWZZZ1JZXW000001' }] },
    },
  ],
  '@type': 'ProductOrder',
};

const bill = {
  id: 'cb-2025-03-42',
  href: 'https://csp.example.com/tmf-api/customerBillManagement/v4/customerBill/cb-2025-03-42',
  billNo: 'INV-2025-000042',
  billDate: '2025-03-31T23:59:59Z',
  nextBillDate: '2025-04-30T23:59:59Z',
  paymentDueDate: '2025-04-15T00:00:00Z',
  runType: 'onCycle',
  category: 'normal',
  state: 'new',
  amountDue: { unit: 'EUR', value: 11.9 },
  taxExcludedAmount: { unit: 'EUR', value: 10 },
  taxIncludedAmount: { unit: 'EUR', value: 11.9 },
  billingPeriod: { startDateTime: '2025-03-01T00:00:00Z', endDateTime: '2025-03-31T23:59:59Z' },
  billingAccount: { id: 'ba-42', name: 'Driver account' },
  relatedParty: [{ id: 'cust-42', role: 'Customer' }],
  '@type': 'CustomerBill',
};

const ticket = {
  name: 'Infotainment unavailable',
  description: 'Streaming stops after 5 minutes on the A7; car reports LTE connected',
  severity: 'Major',
  ticketType: 'Service Issue',
  priority: 'High',
  status: 'acknowledged',
  channel: { id: 'ch-call-center', name: 'Call center' },
  relatedParty: [{ id: 'cust-42', role: 'Reporter', '@referredType': 'Individual' }],
  relatedEntity: [{ id: 'prod-1001', role: 'Affected product', '@referredType': 'Product' }],
  note: [{ author: 'agent-7', date: '2025-03-02T09:15:00Z', text: 'Customer called the call center' }],
  '@type': 'TroubleTicket',
};

test('the default specs directory is ../shared/tmf-specs from the repo root', () => {
  assert.equal(specsDirFromEnv({}), resolve(repoRoot, '../shared/tmf-specs'));
  assert.equal(specsDirFromEnv({ TMF_SPECS_DIR: '/elsewhere/specs' }), '/elsewhere/specs');
});

test('loads one official file per harness API, preferring v4.0.0', () => {
  assert.deepEqual([...specs.byApi.keys()].sort(), APIS.map((a) => a.id).sort());
  assert.equal(specs.byApi.get('TMF620')?.version, '4.0.0');
  assert.equal(specs.byApi.get('TMF623')?.version, '2.0');
  assert.ok(specs.byApi.get('BillingV2')?.validators.has('SettlementNoteAdvice'));
  assert.ok(
    specs.skipped.some((s) => /TMF620.*4\.1\.0/.test(s.file)),
    'the 4.1.0 file is set aside',
  );
  assert.ok(
    specs.skipped.some((s) => s.file.endsWith('.oas.yaml')),
    'v5 files are set aside',
  );
});

test('every definition of every official file loaded compiles (they are compiled on first use elsewhere)', () => {
  let count = 0;
  for (const spec of specs.byApi.values()) {
    assert.deepEqual(spec.validators.names, Object.keys(spec.document.definitions), spec.file);
    for (const name of spec.validators.names) {
      assert.equal(typeof spec.validators.get(name), 'function', `${spec.file}: ${name}`);
      count++;
    }
    assert.equal(spec.validators.get('NoSuchDefinition'), undefined);
  }
  assert.ok(count > 500, `${count} definitions`);
});

test('an explicit version picks the other file for the same API', () => {
  const other = loadOfficialSpecs(specsDir, { versions: { TMF620: '4.1.0' } });
  assert.equal(other.byApi.get('TMF620')?.version, '4.1.0');
  assert.throws(() => loadOfficialSpecs(specsDir, { versions: { TMF620: '9.9.9' } }), /TMF620.*9\.9\.9/);
});

test('a valid ProductOffering_Create and its 201 ProductOffering pass', () => {
  const created = { ...offering, id: 'po-infotainment', href: `https://csp.example.com${url('TMF620', '/productOffering/po-infotainment')}` };
  const ex = exchange({ method: 'POST', path: url('TMF620', '/productOffering'), status: 201, request: offering, response: created });
  assert.deepEqual(checkExchange(specs, ex), []);
  assert.deepEqual(checkAll(specs, [ex]), { checked: 1, notCovered: 0, issues: [] });
});

test('a ProductOffering_Create with a wrong type fails at its path', () => {
  const ex = exchange({ method: 'POST', path: url('TMF620', '/productOffering'), status: 201, request: { ...offering, isSellable: 'yes' } });
  const issues = checkExchange(specs, ex);
  assert.deepEqual(summary(issues), ['request ProductOffering_Create /isSellable type']);
  assert.equal(issues[0].spec, 'TMF620-ProductCatalog-v4.0.0.swagger.json');
  assert.equal(issues[0].api, 'TMF620');
  assert.equal(issues[0].seq, ex.seq);
});

test('a valid ProductOrder passes and state "done" fails on /state', () => {
  const get = (body: unknown) => exchange({ method: 'GET', path: url('TMF622', '/productOrder/po-1001'), status: 200, response: body });
  assert.deepEqual(checkExchange(specs, get(order)), []);
  const issues = checkExchange(specs, get({ ...order, state: 'done' }));
  assert.deepEqual(summary(issues), ['response ProductOrder /state enum']);
  assert.match(issues[0].message, /acknowledged/);
});

test('a list of CustomerBills is checked item by item', () => {
  const list = (body: unknown) => exchange({ method: 'GET', path: `${url('TMF678', '/customerBill')}?billingAccount.id=ba-42`, status: 200, response: body });
  assert.deepEqual(checkExchange(specs, list([bill, { ...bill, id: 'cb-2', billNo: 'INV-2' }])), []);
  assert.deepEqual(summary(checkExchange(specs, list([bill, { ...bill, state: 'paid' }]))), ['response CustomerBill[] /1/state enum']);
  assert.deepEqual(summary(checkExchange(specs, list(bill))), ['response CustomerBill[]  type']);
});

test('a valid TroubleTicket passes and status "Pending" fails on /status', () => {
  const create = (body: unknown) =>
    exchange({ method: 'POST', path: url('TMF621', '/troubleTicket'), status: 201, request: body, response: { ...ticket, id: 'tt-9' } });
  assert.deepEqual(checkExchange(specs, create(ticket)), []);
  assert.deepEqual(summary(checkExchange(specs, create({ ...ticket, status: 'Pending' }))), ['request TroubleTicket_Create /status enum']);
  const { severity: _dropped, ...withoutSeverity } = ticket;
  const missing = checkExchange(specs, create(withoutSeverity));
  assert.deepEqual(summary(missing), ['request TroubleTicket_Create  required']);
  assert.match(missing[0].message, /severity/);
});

test('a PATCH is checked against <Type>_Update and its response against <Type>', () => {
  const patch = exchange({
    method: 'PATCH',
    path: url('TMF621', '/troubleTicket/tt-9'),
    status: 200,
    request: { status: 'resolved' },
    response: { ...ticket, id: 'tt-9', status: 'Solved' },
  });
  assert.deepEqual(summary(checkExchange(specs, patch)), ['response TroubleTicket /status enum']);
});

test('an error status is checked against Error', () => {
  const rejected = (body: unknown) =>
    exchange({
      method: 'POST',
      path: url('TMF622', '/productOrder'),
      status: 400,
      request: { productOrderItem: [{ id: '1', action: 'add' }] },
      response: body,
    });
  assert.deepEqual(checkExchange(specs, rejected({ code: 'INVALID_ITEM', reason: 'Unknown product offering', status: '400' })), []);
  const issues = checkExchange(specs, rejected({ error: 'bad request' }));
  assert.deepEqual(summary(issues), ['response Error  required', 'response Error  required']);
  assert.deepEqual(
    issues.map((i) => i.message),
    ["must have required property 'code'", "must have required property 'reason'"],
  );
});

test('a hub subscription is checked against EventSubscriptionInput', () => {
  const subscribe = (body: unknown) =>
    exchange({
      method: 'POST',
      path: url('TMF622', '/hub'),
      status: 201,
      request: body,
      response: { id: 'sub-1', callback: 'http://car-manufacturer/listener' },
    });
  assert.deepEqual(checkExchange(specs, subscribe({ callback: 'http://car-manufacturer/listener', query: 'eventType=ProductOrderStateChangeEvent' })), []);
  assert.deepEqual(summary(checkExchange(specs, subscribe({ query: 'eventType=ProductOrderStateChangeEvent' }))), ['request EventSubscriptionInput  required']);
});

test('a notification is checked against its event definition', () => {
  const notify = (state: string) =>
    exchange({
      kind: 'notification',
      api: 'TMF622',
      method: 'POST',
      path: '/listener/productOrderStateChangeEvent',
      status: 204,
      request: { eventId: 'ev-1', eventTime: '2025-03-01T10:05:00Z', eventType: 'ProductOrderStateChangeEvent', event: { productOrder: { ...order, state } } },
    });
  assert.deepEqual(checkExchange(specs, notify('completed')), []);
  assert.deepEqual(summary(checkExchange(specs, notify('done'))), ['request ProductOrderStateChangeEvent /event/productOrder/state enum']);
});

test('a v2 file is used through the definition its operation declares', () => {
  // TMF623 v2 declares POST /sla with the Sla entity itself, whose id is an integer.
  const request = { name: 'Infotainment availability', validFor: { startDateTime: 'next Monday' } };
  const ex = exchange({ method: 'POST', path: url('TMF623', '/sla'), status: 201, request, response: { id: 'sla-1', name: 'Infotainment availability' } });
  assert.deepEqual(summary(checkExchange(specs, ex)), ['request Sla /validFor/startDateTime format', 'response Sla /id type']);
});

test('exchanges the official files cannot speak to are counted, not flagged', () => {
  // TMF678 v4 defines no event structures; harness traffic is not TMF traffic at all.
  const billEvent = exchange({
    kind: 'notification',
    api: 'TMF678',
    method: 'POST',
    path: '/listener/customerBillStateChangeEvent',
    status: 204,
    request: { event: { customerBill: { state: 'nonsense' } } },
  });
  const notTmf = exchange({ kind: 'harness', api: 'control', method: 'POST', path: '/control/reset', status: 200, request: { x: 1 } });
  const deleted = exchange({ method: 'DELETE', path: url('TMF622', '/hub/sub-1'), status: 204 });
  const ok = exchange({ method: 'GET', path: url('TMF622', '/productOrder/po-1001'), status: 200, response: { ...order, state: 'done' } });
  const result = checkAll(specs, [billEvent, notTmf, deleted, ok]);
  assert.equal(result.checked, 1);
  assert.equal(result.notCovered, 2);
  assert.deepEqual(
    result.issues.map((i) => i.seq),
    [ok.seq],
  );
});

test('a missing directory gives an error naming it and TMF_SPECS_DIR', () => {
  const missing = join(tmpdir(), 'no-such-tmf-specs-dir');
  assert.throws(
    () => loadOfficialSpecs(missing),
    (err: Error) => err.message.includes(missing) && err.message.includes('TMF_SPECS_DIR'),
  );
});

test('a directory without official files for the harness APIs is refused', () => {
  const empty = mkdtempSync(join(tmpdir(), 'tmf-specs-'));
  try {
    writeFileSync(join(empty, 'notes.txt'), 'nothing here');
    assert.throws(() => loadOfficialSpecs(empty), /holds no official \*\.swagger\.json/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test("a merge patch's removals are no values: a PATCH nulling a member at any depth passes, a wrong value still fails", () => {
  const patch = (body: unknown) =>
    exchange({ method: 'PATCH', path: url('TMF620', '/productOffering/po-1'), status: 200, request: body, response: { ...offering, id: 'po-1', href: 'x' } });
  assert.deepEqual(checkExchange(specs, patch({ description: null, validFor: { endDateTime: null } })), []);
  assert.deepEqual(summary(checkExchange(specs, patch({ validFor: { endDateTime: null, startDateTime: 7 } }))), [
    'request ProductOffering_Update /validFor/startDateTime type',
  ]);
});

test('a fields= projection is not held to the required attributes it leaves out, and what it keeps is still checked', () => {
  const list = (query: string, body: unknown) => exchange({ method: 'GET', path: `${url('TMF622', '/productOrder')}?${query}`, status: 200, response: body });
  const projected = [{ id: 'po-1', href: 'x', '@type': 'ProductOrder', state: 'completed' }];
  assert.deepEqual(checkExchange(specs, list('fields=state', projected)), []);
  assert.deepEqual(summary(checkExchange(specs, list('state=completed', projected))), ['response ProductOrder[] /0 required']);
  assert.deepEqual(summary(checkExchange(specs, list('fields=state', [{ ...projected[0], state: 'done' }]))), ['response ProductOrder[] /0/state enum']);
});

test('a merge patch is not held to the attributes an _Update definition requires: a PATCH of an order state alone passes', () => {
  const patch = (body: unknown) => exchange({ method: 'PATCH', path: url('TMF622', '/productOrder/po-1'), status: 200, request: body, response: order });
  assert.deepEqual(checkExchange(specs, patch({ state: 'inProgress' })), []);
  assert.deepEqual(summary(checkExchange(specs, patch({ state: 'done' }))), ['request ProductOrder_Update /state enum']);
});
