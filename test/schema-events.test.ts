/** Event envelopes, hub subscriptions, error bodies and the parties' own API bodies. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APIS } from '../tmf/apis.ts';
import { eventSchemaFor, validateFlow, validateEvent } from '../tmf/schemas/index.ts';
import type { ValidationIssue } from '../harness/exchange.ts';
import { entityOf } from './schema-samples.ts';

function assertIssue(issues: ValidationIssue[], path: string, rule: string, schema?: string): void {
  const hit = issues.find((i) => i.path === path && i.rule === rule);
  assert.ok(hit, `expected ${rule} at '${path}', got ${JSON.stringify(issues.map((i) => [i.path, i.rule]))}`);
  if (schema) assert.equal(hit.schema, `flow:${schema}`);
}

function envelope(eventType: string, event: Record<string, unknown>): Record<string, unknown> {
  return { eventId: 'ev-1', eventTime: '2025-03-01T10:00:00Z', timeOcurred: '2025-03-01T10:00:00Z', eventType, event };
}

describe('eventSchemaFor', () => {
  it('maps the event types the flows use to their resource key and entity schema', () => {
    const expected: Record<string, [string, string]> = {
      ProductOrderStateChangeEvent: ['productOrder', 'ProductOrder'],
      CustomerBillCreateEvent: ['customerBill', 'CustomerBill'],
      TroubleTicketStatusChangeEvent: ['troubleTicket', 'TroubleTicket'],
      TroubleTicketResolvedEvent: ['troubleTicket', 'TroubleTicket'],
      TroubleTicketInformationRequiredEvent: ['troubleTicket', 'TroubleTicket'],
      TroubleTicketAttributeValueChangeEvent: ['troubleTicket', 'TroubleTicket'],
      SlaViolationCreateEvent: ['slaViolation', 'SlaViolation'],
      SlaCreateEvent: ['sla', 'Sla'],
      SettlementNoteAdviceCreateEvent: ['settlementNoteAdvice', 'SettlementNoteAdvice'],
      ProductStateChangeEvent: ['product', 'Product'],
      ProductOfferingPriceDeleteEvent: ['productOfferingPrice', 'ProductOfferingPrice'],
    };
    for (const [eventType, [resourceKey, schemaId]] of Object.entries(expected)) {
      assert.deepEqual(eventSchemaFor(eventType), { resourceKey, schemaId }, eventType);
    }
  });

  it('knows a create event for every resource of tmf/apis.ts and nothing else', () => {
    for (const res of APIS.flatMap((a) => a.resources)) assert.ok(eventSchemaFor(`${res.type}CreateEvent`), res.type);
    assert.equal(eventSchemaFor('ProductOrderExplodedEvent'), undefined);
    assert.equal(eventSchemaFor('ProductOrder'), undefined);
  });
});

describe('validateEvent', () => {
  it('accepts an envelope carrying a valid resource', () => {
    assert.deepEqual(validateEvent(envelope('ProductOrderStateChangeEvent', { productOrder: entityOf('ProductOrder') }), 'request', 'flow'), []);
    const ticket = { ...entityOf('TroubleTicket'), status: 'resolved' };
    assert.deepEqual(
      validateEvent({ ...envelope('TroubleTicketAttributeValueChangeEvent', { troubleTicket: ticket }), fieldPath: 'status' }, 'request', 'flow'),
      [],
    );
  });

  it('requires eventId, eventTime, eventType and event', () => {
    for (const field of ['eventId', 'eventTime', 'eventType', 'event']) {
      const { [field]: _dropped, ...rest } = envelope('ProductStateChangeEvent', { product: entityOf('Product') });
      const issues = validateEvent(rest, 'request', 'flow');
      assertIssue(issues, '', 'required', 'Event');
      assert.ok(
        issues.some((i) => i.message.includes(`'${field}'`)),
        field,
      );
    }
  });

  it('refuses an unknown event type, a bad eventTime and the v5 spelling of timeOcurred', () => {
    assertIssue(validateEvent(envelope('OrderDoneEvent', {}), 'request', 'flow'), '/eventType', 'enum');
    assertIssue(
      validateEvent({ ...envelope('ProductStateChangeEvent', { product: entityOf('Product') }), eventTime: 'now' }, 'request', 'flow'),
      '/eventTime',
      'format',
    );
    assertIssue(
      validateEvent({ ...envelope('ProductStateChangeEvent', { product: entityOf('Product') }), timeOccurred: '2025-03-01T10:00:00Z' }, 'request', 'flow'),
      '/timeOccurred',
      'false schema',
    );
  });

  it('requires the resource under its key and validates it against its entity schema', () => {
    assertIssue(validateEvent(envelope('CustomerBillCreateEvent', { bill: entityOf('CustomerBill') }), 'request', 'flow'), '/event', 'required');
    const badOrder = { ...entityOf('ProductOrder'), state: 'shipped' };
    assertIssue(
      validateEvent(envelope('ProductOrderStateChangeEvent', { productOrder: badOrder }), 'request', 'flow'),
      '/event/productOrder/state',
      'enum',
      'ProductOrder',
    );
    const bareViolation = { id: 'v-1', href: '/v/1', '@type': 'SlaViolation' };
    assertIssue(
      validateEvent(envelope('SlaViolationCreateEvent', { slaViolation: bareViolation }), 'request', 'flow'),
      '/event/slaViolation',
      'required',
      'SlaViolation',
    );
  });
});

describe('hub, error and party API bodies', () => {
  it('Hub_Create needs an absolute callback URL; Hub needs its id', () => {
    assert.deepEqual(
      validateFlow('Hub_Create', { callback: 'http://127.0.0.1:4001/listener', query: 'eventType=ProductOrderStateChangeEvent' }, 'request'),
      [],
    );
    assertIssue(validateFlow('Hub_Create', { query: 'x' }, 'request'), '', 'required');
    assertIssue(validateFlow('Hub_Create', { callback: 'listener' }, 'request'), '/callback', 'format');
    assertIssue(validateFlow('Hub', { callback: 'http://a/b' }, 'response'), '', 'required');
  });

  it('Error needs code, reason, message and a string status', () => {
    const body = { code: 'NOT_FOUND', reason: 'productOrder not found', message: 'No productOrder with id 7', status: '404', '@type': 'Error' };
    assert.deepEqual(validateFlow('Error', body, 'response'), []);
    assertIssue(validateFlow('Error', { ...body, status: 404 }, 'response'), '/status', 'type');
    assertIssue(validateFlow('Error', { ...body, status: 'not found' }, 'response'), '/status', 'pattern');
    const { message: _m, ...noMessage } = body;
    assertIssue(validateFlow('Error', noMessage, 'response'), '', 'required');
  });

  it('InboxMessage comes from a party of the ecosystem', () => {
    const msg = {
      from: 'csp',
      subject: 'Your invoice',
      body: 'Invoice B-1 is available',
      relatedEntity: [{ id: 'B-1', role: 'invoice', '@referredType': 'CustomerBill' }],
    };
    assert.deepEqual(validateFlow('InboxMessage', msg, 'request'), []);
    assertIssue(validateFlow('InboxMessage', { ...msg, from: 'bank' }, 'request'), '/from', 'enum');
    assertIssue(validateFlow('InboxMessage', { ...msg, receivedAt: 'today' }, 'request'), '/receivedAt', 'format');
  });

  it('OnboardingResult carries credentials and the bundle name', () => {
    const result = { clientId: 'car-manufacturer', apiKey: 'k-123', bundle: 'connected-car-split-billing', portalUrl: 'http://127.0.0.1:4000/portal' };
    assert.deepEqual(validateFlow('OnboardingResult', result, 'response'), []);
    const { apiKey: _k, ...noKey } = result;
    assertIssue(validateFlow('OnboardingResult', noKey, 'response'), '', 'required');
  });
});
