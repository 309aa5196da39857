/**
 * 11.12 at the OEM, retried: the payment of an accepted partner note is an owed effect, so a crash between
 * the payee's answer and the OEM's record makes it pay again. The payee keeps one payment per note and
 * answers 409 DUPLICATE_PAYMENT: the OEM then marks the note paid instead of failing for ever.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { startCarManufacturer } from '../actors/car-manufacturer/index.ts';
import { payAcceptedNote } from '../actors/car-manufacturer/processes/converged-offer.ts';
import type { OemData } from '../actors/car-manufacturer/store.ts';
import type { ActorConfig } from '../actors/kit/config.ts';
import type { ActorRuntime } from '../actors/kit/runtime.ts';
import type { RunningActor } from '../actors/kit/serve.ts';
import { basePath } from '../tmf/apis.ts';
import { collection } from '../tmf/data.ts';
import type { SettlementNoteAdvice } from '../tmf/resources.ts';

const CSP_URL = 'http://csp.test';
const CONFIG: ActorConfig = {
  storage: { kind: 'memory' },
  secret: 'oem-partner-payment',
  peers: { csp: CSP_URL },
  callbacks: { csp: 'http://oem.test' },
  seed: 1,
};
const PAYMENTS = `${CSP_URL}${basePath('TMF676')}/payment`;

let answer: () => Response;
let posted = 0;
const server = setupServer(
  http.post(PAYMENTS, () => {
    posted += 1;
    return answer();
  }),
);
let oem: RunningActor;
const runtime = () => oem.runtime as unknown as ActorRuntime<OemData>;
const noteState = () => collection(runtime().store.data, 'BillingV2', 'settlementNoteAdvice').find((n) => n.id === 'note-1')?.state;

/** A note of the CSP's share that the CSP accepted, as the OEM holds it. */
const acceptedNote: SettlementNoteAdvice = {
  id: 'note-1',
  href: `${basePath('BillingV2')}/settlementNoteAdvice/note-1`,
  '@type': 'SettlementNoteAdvice',
  state: 'accepted',
  currencyCode: 'EUR',
  taxExcludedAmount: 5.32,
  taxIncludedAmount: 6.38,
  settlementNoteItem: [{ itemId: 'bill-1/rate-1', taxExcludedAmount: 5.32 }],
  issuer: { id: 'car-manufacturer' },
  payer: { id: 'car-manufacturer' },
  receiver: { id: 'csp' },
};

/** The owed payment carried out once: the call, then its commit, as the outbox does. */
async function payOnce(): Promise<void> {
  const commit = await payAcceptedNote(runtime(), 'note-1');
  if (commit) await runtime().store.update(commit);
}

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(async () => {
  posted = 0;
  oem = await startCarManufacturer(CONFIG, 0);
  await runtime().store.update((draft) => {
    collection(draft, 'BillingV2', 'settlementNoteAdvice').push({ ...acceptedNote });
  });
});
afterEach(() => oem.stop());

describe("the OEM paying a partner's accepted note", () => {
  test('paid: the note is marked paid', async () => {
    answer = () => HttpResponse.json({ id: 'p-1', status: 'succeeded' }, { status: 201 });
    await payOnce();
    assert.deepEqual([posted, noteState()], [1, 'paid']);
  });

  test('retried after a crash, the payee answers it already holds the payment: the note is marked paid, nothing paid twice', async () => {
    answer = () => HttpResponse.json({ code: 'DUPLICATE_PAYMENT', reason: 'Already paid', message: 'note-1 was already paid', status: '409' }, { status: 409 });
    await payOnce();
    assert.deepEqual([posted, noteState()], [1, 'paid']);
  });

  test('any other refusal stays a failure, retried by the outbox: the note stays accepted', async () => {
    answer = () => HttpResponse.json({ code: 'NOT_ACCEPTED', reason: 'Settlement not accepted', message: 'no', status: '409' }, { status: 409 });
    await assert.rejects(payOnce());
    assert.equal(noteState(), 'accepted');
  });
});
