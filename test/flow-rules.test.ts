import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify } from '../harness/classify.ts';
import { flowRulesOfPayloads } from '../harness/conformance/step-rules.ts';
import type { Exchange } from '../harness/exchange.ts';
import { judge } from '../harness/judge.ts';

// A recurring price with only a name is what TMF620's ProductOfferingPrice_Create accepts: the wire
// passes it, and the flows' own need (its amount and period) is reported apart, as a flow rule.
const PRICES = '/tmf-api/productCatalogManagement/v4/productOfferingPrice';
const exchange = (request: unknown): Exchange => ({
  seq: 1,
  scenario: 's',
  from: 'content-provider',
  to: 'car-manufacturer',
  kind: 'call',
  api: 'TMF620',
  operation: 'POST productOfferingPrice',
  method: 'POST',
  path: PRICES,
  status: 201,
  request: { headers: {}, body: request },
  response: { headers: {}, body: { ...(request as object), id: '1', href: `${PRICES}/1`, '@type': 'ProductOfferingPrice' } },
  valid: true,
  errors: [],
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1,
});
const bare = { name: 'fee', isBundle: false, priceType: 'recurring' };

test("a price the official file accepts passes the wire's schema judgement", () => {
  const e = exchange(bare);
  assert.deepEqual(judge(classify(e.from, e.method, e.path), e.method, e.path, e.status, e.request.body, e.response.body), []);
});

test("the flows' need of a recurring price is a flow-rule finding against the partner that sent it", () => {
  const findings = flowRulesOfPayloads([exchange(bare)], 'content-provider', []);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].verdict, 'fail');
  assert.equal(findings[0].source, 'rule');
  assert.match(findings[0].rule, /^flow rule ProductOfferingPrice_Create/);
  assert.match(findings[0].message, /recurringChargePeriodType/);
  assert.match(findings[0].path!, /^request/);
  const callee = flowRulesOfPayloads([exchange(bare)], 'car-manufacturer', []);
  assert.ok(
    callee.every((f) => f.path!.startsWith('response')),
    'the callee answers for what it serves, not for what it was sent',
  );
  const complete = { ...bare, price: { unit: 'EUR', value: 5 }, recurringChargePeriodType: 'month' };
  assert.deepEqual(flowRulesOfPayloads([exchange(complete)], 'content-provider', []), []);
});

test("the wire's judge takes a partner's merge patch that removes a nested member, and still refuses nulling its @type or a wrong value", () => {
  const path = `${PRICES}/1`;
  const judgePatch = (body: unknown) =>
    judge(classify('content-provider', 'PATCH', path), 'PATCH', path, 200, body, { ...bare, id: '1', href: path, '@type': 'ProductOfferingPrice' });
  assert.deepEqual(judgePatch({ validFor: { endDateTime: null }, description: null }), []);
  assert.deepEqual(
    judgePatch({ '@type': null }).map((i) => `${i.where} ${i.path}`),
    ['request /@type'],
  );
  assert.deepEqual(
    judgePatch({ validFor: { endDateTime: null, startDateTime: 7 } }).map((i) => `${i.where} ${i.path} ${i.rule}`),
    ['request /validFor/startDateTime type'],
  );
});

test('a fields= projection is not held to the required attributes it leaves out, and what it keeps is judged', () => {
  const ORDERS = '/tmf-api/productOrderingManagement/v4/productOrder';
  // At the flows' level, where an order's items and state are required.
  const judgeList = (query: string, body: unknown) => {
    const path = `${ORDERS}?${query}`;
    return judge(classify('car-manufacturer', 'GET', path), 'GET', path, 200, undefined, body, 'flow').map((i) => `${i.where} ${i.path} ${i.rule}`);
  };
  const projected = { id: 'o-1', href: `${ORDERS}/o-1`, '@type': 'ProductOrder', state: 'completed' };
  assert.deepEqual(judgeList('fields=state', [projected]), []);
  assert.deepEqual(judgeList('fields=state', [{ ...projected, state: 'done' }]), ['response /0/state enum']);
  assert.deepEqual(judgeList('state=completed', [projected]), ['response /0 required']);
});
