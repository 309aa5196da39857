import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DUPLICATE_HEADER, FaultTable, MAX_DELAY_MS } from '../harness/wire-faults.ts';

const none = () => undefined;

test('a party down fails every call its peers make to it, but not the harness driving it', () => {
  const faults = new FaultTable();
  faults.set('driver', { kind: 'down' });
  assert.match(faults.decide('car-manufacturer', 'driver', '/inbox/message', none).down ?? '', /driver is down/);
  assert.match(faults.decide('csp', 'driver', '/listener/customerBillCreateEvent', none).down ?? '', /driver is down/);
  assert.deepEqual(faults.decide('harness', 'driver', '/control/reset', none), {});
  assert.deepEqual(faults.decide('driver', 'csp', '/tmf-api/usageManagement/v4/usage', none), {}, 'its own calls are not its peers\' business');
});

test('delayed and duplicated events touch only the party\'s notifications, and a duplicate is not duplicated again', () => {
  const faults = new FaultTable();
  faults.set('csp', { kind: 'delay', ms: 250 });
  faults.set('car-manufacturer', { kind: 'duplicate' });
  assert.deepEqual(faults.decide('csp', 'car-manufacturer', '/listener/productOrderStateChangeEvent', none), { delayMs: 250 });
  assert.deepEqual(faults.decide('csp', 'car-manufacturer', '/tmf-api/x', none), {}, 'a call is no event');
  assert.deepEqual(faults.decide('car-manufacturer', 'csp', '/listener/productOfferingCreateEvent', none), { duplicate: true });
  assert.deepEqual(faults.decide('car-manufacturer', 'csp', '/listener/productOfferingCreateEvent', (h) => (h === DUPLICATE_HEADER ? '1' : undefined)), {});
});

test('the table holds one fault per party, caps delays, and clears', () => {
  const faults = new FaultTable();
  faults.set('csp', { kind: 'delay', ms: 10 * MAX_DELAY_MS });
  assert.deepEqual(faults.list(), { csp: { kind: 'delay', ms: MAX_DELAY_MS } });
  faults.set('csp', { kind: 'down' });
  assert.deepEqual(faults.list(), { csp: { kind: 'down' } });
  faults.clear('csp');
  assert.deepEqual(faults.list(), {});
});
