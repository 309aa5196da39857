import assert from 'node:assert/strict';
import { test } from 'node:test';
import express from 'express';
import { Recorder } from '../harness/recorder.ts';
import { DUPLICATE_HEADER, FaultTable, MAX_DELAY_MS } from '../harness/wire-faults.ts';
import { jsonApp, startApp } from './support/http-app.ts';

const none = () => undefined;

test('a party down fails every call its peers make to it, but not the harness driving it', () => {
  const faults = new FaultTable();
  faults.set('driver', { kind: 'down' });
  assert.match(faults.decide('car-manufacturer', 'driver', '/inbox/message', none).down ?? '', /driver is down/);
  assert.match(faults.decide('csp', 'driver', '/listener/customerBillCreateEvent', none).down ?? '', /driver is down/);
  assert.deepEqual(faults.decide('harness', 'driver', '/control/reset', none), {});
  assert.deepEqual(faults.decide('driver', 'csp', '/tmf-api/usageManagement/v4/usage', none), {}, "its own calls are not its peers' business");
});

test("delayed and duplicated events touch only the party's notifications, and a duplicate is not duplicated again", () => {
  const faults = new FaultTable();
  faults.set('csp', { kind: 'delay', ms: 250 });
  faults.set('car-manufacturer', { kind: 'duplicate' });
  assert.deepEqual(faults.decide('csp', 'car-manufacturer', '/listener/productOrderStateChangeEvent', none), { delayMs: 250 });
  assert.deepEqual(faults.decide('csp', 'car-manufacturer', '/tmf-api/x', none), {}, 'a call is no event');
  assert.deepEqual(faults.decide('car-manufacturer', 'csp', '/listener/productOfferingCreateEvent', none), { duplicate: true });
  assert.deepEqual(
    faults.decide('car-manufacturer', 'csp', '/listener/productOfferingCreateEvent', (h) => (h === DUPLICATE_HEADER ? '1' : undefined)),
    {},
  );
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

test('the wire applies the table: a party down is never called, late events arrive late, a duplicate is delivered and recorded twice', async (t) => {
  const received: string[] = [];
  const callee = jsonApp();
  callee.post('/listener/:event', (req, res) => {
    received.push(req.params.event);
    res.status(204).end();
  });
  const target = await startApp(callee);
  const recorder = new Recorder({ 'car-manufacturer': target.baseUrl });
  const wireApp = express();
  wireApp.use(recorder.router());
  const wire = await startApp(wireApp);
  t.after(() => Promise.all([target.close(), wire.close()]));
  const send = (event: string) =>
    fetch(`${wire.baseUrl}/wire/csp/car-manufacturer/listener/${event}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"eventId":"e-1"}',
    });
  const duplicateRecorded = () =>
    new Promise<void>((resolve) => {
      const stop = recorder.subscribe((exchange) => {
        if (exchange.request.headers[DUPLICATE_HEADER] === undefined) return;
        stop();
        resolve();
      });
    });

  recorder.faults.set('car-manufacturer', { kind: 'down' });
  assert.equal((await send('aEvent')).status, 502);
  assert.match(recorder.exchanges.at(-1)?.failure ?? '', /car-manufacturer is down/);
  assert.deepEqual(received, [], 'a party that is down receives nothing');
  recorder.faults.clear('car-manufacturer');

  recorder.faults.set('csp', { kind: 'delay', ms: 120 });
  assert.equal((await send('bEvent')).status, 204);
  assert.ok((recorder.exchanges.at(-1)?.durationMs ?? 0) >= 120, 'the event went on the wire at least the delay late');

  recorder.faults.set('csp', { kind: 'duplicate' });
  const second = duplicateRecorded();
  assert.equal((await send('cEvent')).status, 204);
  await second;
  assert.deepEqual(received, ['bEvent', 'cEvent', 'cEvent'], 'the listener gets the event twice, as from a sender that retried');
  const last = recorder.exchanges.slice(-2);
  assert.deepEqual(
    last.map((e) => e.request.headers[DUPLICATE_HEADER]),
    [undefined, '1'],
    'both deliveries are on the record, the second marked',
  );
});
