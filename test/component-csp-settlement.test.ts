/**
 * The CSP as the payer of the call center's settlement (9.13), on its own: the OEM (issuer of the note)
 * and the call center (payee) are msw mocks. The CSP pays when it hears of the acceptance, after its own
 * checks, and never twice.
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
import { hubSubscription } from '../mocks/hub-subscription.ts';
import { RequestLog } from '../mocks/request-log.ts';
import { passThroughTo } from '../mocks/pass-through.ts';
import { basePath } from '../tmf/apis.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';
import type { Entity } from '../tmf/data.ts';
import { call } from './support/http-app.ts';

const SECRET = 'component-csp-settlement';
const OEM_URL = 'http://oem.test';
const CALL_CENTER_URL = 'http://call-center.test';
const CONFIG: ActorConfig = {
  storage: { kind: 'memory' },
  secret: SECRET,
  seed: 1,
  delivery: { burst: 3, burstDelayMs: 5, timeoutMs: 2000 },
  peers: { 'car-manufacturer': OEM_URL, 'call-center': CALL_CENTER_URL },
  callbacks: { 'car-manufacturer': 'http://csp.test', 'call-center': 'http://csp.test' },
};
const NOTE_PATH = `${basePath('BillingV2')}/settlementNoteAdvice/7`;
const PAYMENTS = `${basePath('TMF676')}/payment`;

let note: Entity;
let payeeDown = false;
const payee = new RequestLog();
const oemHubs = new RequestLog();
const server = setupServer(
  hubSubscription(OEM_URL, 'BillingV2', oemHubs),
  hubSubscription(OEM_URL, 'TMF678', oemHubs),
  http.get(`${OEM_URL}${NOTE_PATH}`, () => HttpResponse.json(note)),
  http.post(`${CALL_CENTER_URL}${PAYMENTS}`, async ({ request }) => {
    if (payeeDown) return HttpResponse.json({ code: 'UNAVAILABLE' }, { status: 503 });
    const { body } = await payee.record(request);
    return HttpResponse.json({ ...(body as object), id: `payment-${payee.requests.length}`, status: 'succeeded' }, { status: 201 });
  }),
  // The payments the call center holds, looked up by correlatorId (the note they pay).
  http.get(`${CALL_CENTER_URL}${PAYMENTS}`, ({ request }) => {
    const correlatorId = new URL(request.url).searchParams.get('correlatorId');
    const held = payee.requests.map((r, n) => ({ ...(r.body as object), id: `payment-${n + 1}` }));
    return HttpResponse.json(held.filter((p) => (p as { correlatorId?: string }).correlatorId === correlatorId));
  }),
);
let csp: RunningActor;
const harness = (method: string, path: string, body?: unknown) => call(csp.url, method, path, { key: harnessKey(SECRET, 'csp'), body });
const drain = async () => assert.equal((await harness('POST', '/control/drain')).status, 200);
let events = 0;
/** The OEM tells the CSP of a state change of the note it pays. */
const noteChanged = (state: string) => {
  events += 1;
  return call(csp.url, 'POST', '/listener/settlementNoteAdviceStateChangeEvent', {
    key: bootstrapKey(SECRET, 'car-manufacturer', 'csp'),
    body: {
      eventId: `oem-${events}`,
      eventTime: '2026-04-02T00:00:00.000Z',
      eventType: 'SettlementNoteAdviceStateChangeEvent',
      event: { settlementNoteAdvice: { ...note, state } },
    },
  });
};

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(async () => {
  payee.reset();
  payeeDown = false;
  note = {
    id: '7',
    href: NOTE_PATH,
    '@type': 'SettlementNoteAdvice',
    state: 'revised',
    description: 'Call center settlement 2026-03',
    currencyCode: 'EUR',
    issuer: { id: 'car-manufacturer' },
    receiver: { id: 'call-center', name: 'Call center' },
    payer: { id: 'csp', name: 'CSP' },
    taxExcludedAmount: 31.5,
    taxIncludedAmount: 37.8,
    settlementNoteItem: [{ itemId: 'tt-1', taxExcludedAmount: 31.5, taxIncludedAmount: 37.8 }],
  };
  csp = await startCsp(CONFIG, 0);
  server.use(passThroughTo(csp.url));
  // The CSP hears the OEM's note decisions only once it joined the OEM's hub (listeners refuse others).
  assert.equal((await harness('POST', '/control/follow-partner-bills')).status, 201);
});
afterEach(async () => {
  await csp.stop();
  server.resetHandlers();
});

describe('CSP paying the call center settlement', () => {
  test('it pays nothing while the note is not accepted: its own check refuses, the payee is never called', async () => {
    assert.equal((await noteChanged('revised')).status, 204);
    await drain();
    const refused = await harness('POST', '/control/settlement-payment', { note: '7' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.reason, 'Settlement not accepted');
    assert.deepEqual(payee.requests, []);
  });

  test('on the acceptance event it pays the tax-included amount once; a repeated event or a manual payment pays nothing more', async () => {
    note = { ...note, state: 'accepted' };
    await noteChanged('accepted');
    await drain();
    assert.equal(payee.requests.length, 1);
    const payment = payee.requests[0].body as { totalAmount: { value: number }; paymentItem: { item: { id: string } }[] };
    assert.deepEqual([payment.totalAmount.value, payment.paymentItem[0].item.id], [37.8, '7']);

    await noteChanged('accepted');
    await drain();
    const again = await harness('POST', '/control/settlement-payment', { note: '7' });
    assert.equal(again.status, 409);
    assert.equal(again.body.reason, 'Already paid');
    assert.equal(payee.requests.length, 1);
  });

  test('an acceptance event of a note the CSP does not pay is ignored', async () => {
    note = { ...note, state: 'accepted', payer: { id: 'car-manufacturer' } };
    await noteChanged('accepted');
    await drain();
    assert.deepEqual(payee.requests, []);
  });

  test('killed right after it recorded the acceptance event, the restarted CSP still pays, exactly once', async () => {
    await csp.stop();
    const dir = mkdtempSync(join(tmpdir(), 'csp-settlement-'));
    const path = join(dir, 'csp.json');
    const atCrash = join(dir, 'csp-at-crash.json');
    try {
      csp = await startCsp({ ...CONFIG, storage: { kind: 'file', path } }, 0);
      server.use(passThroughTo(csp.url));
      assert.equal((await harness('POST', '/control/follow-partner-bills')).status, 201);
      // The file as a kill would leave it: the commit that records the event's receipt (the hub will not send it again).
      csp.runtime.store.onCommit(() => {
        if (csp.runtime.store.data.seenEvents.length > 0 && !existsSync(atCrash)) copyFileSync(path, atCrash);
      });
      payeeDown = true; // the payment cannot have happened before the kill
      note = { ...note, state: 'accepted' };
      assert.equal((await noteChanged('accepted')).status, 204);
      await csp.stop();
      payeeDown = false;
      csp = await startCsp({ ...CONFIG, storage: { kind: 'file', path: atCrash } }, 0);
      server.use(passThroughTo(csp.url));
      await drain();
      assert.equal(payee.requests.length, 1, 'paid after the restart');
      // Restarted once more on what it holds now: the payment is done, not owed again.
      await csp.stop();
      csp = await startCsp({ ...CONFIG, storage: { kind: 'file', path: atCrash } }, 0);
      server.use(passThroughTo(csp.url));
      await drain();
      assert.equal(payee.requests.length, 1, 'paid once');
      assert.equal((await harness('GET', '/control/state')).body.data.settlementsPaid['7'], 'payment-1');
    } finally {
      await csp.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** Kills the CSP at the commit that reserves the note for payment, then restarts it on that file. */
  async function crashWhileReserved(payeeUpAtCrash: boolean): Promise<void> {
    await csp.stop();
    const dir = mkdtempSync(join(tmpdir(), 'csp-settlement-'));
    const path = join(dir, 'csp.json');
    const atCrash = join(dir, 'csp-at-crash.json');
    try {
      csp = await startCsp({ ...CONFIG, storage: { kind: 'file', path } }, 0);
      server.use(passThroughTo(csp.url));
      assert.equal((await harness('POST', '/control/follow-partner-bills')).status, 201);
      csp.runtime.store.onCommit(() => {
        if ((csp.runtime.store.data as { settlementsPaid?: Record<string, string> }).settlementsPaid?.['7'] === 'payment in progress' && !existsSync(atCrash))
          copyFileSync(path, atCrash);
      });
      payeeDown = !payeeUpAtCrash;
      note = { ...note, state: 'accepted' };
      assert.equal((await noteChanged('accepted')).status, 204);
      await drain();
      await csp.stop();
      payeeDown = false;
      assert.ok(existsSync(atCrash), 'the reservation was committed');
      csp = await startCsp({ ...CONFIG, storage: { kind: 'file', path: atCrash } }, 0);
      server.use(passThroughTo(csp.url));
      await drain();
      assert.equal(payee.requests.length, 1, 'paid exactly once');
      assert.equal((await harness('GET', '/control/state')).body.data.settlementsPaid['7'], 'payment-1');
    } finally {
      await csp.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('killed after reserving the note but before the payment left, the restarted CSP pays it, once', async () => {
    await crashWhileReserved(false);
  });

  test('killed after the payment arrived but before it was recorded, the restarted CSP finds it at the payee and pays nothing more', async () => {
    await crashWhileReserved(true);
  });
});
