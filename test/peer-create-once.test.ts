/**
 * A create at a peer whose API has no idempotency key (the OEM's TMF622 order at the CSP, its copies of a
 * distributed offering), made once across crashes: marked in the party's store before the call, looked up
 * at the peer on a try that finds the mark (a kill cut the earlier one off), created only if absent.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { startCarManufacturer } from '../actors/car-manufacturer/index.ts';
import type { OemData } from '../actors/car-manufacturer/store.ts';
import type { ActorConfig } from '../actors/kit/config.ts';
import { createAtPeerOnce, type PeerCreate } from '../actors/kit/peer-create-once.ts';
import type { ActorRuntime } from '../actors/kit/runtime.ts';
import type { RunningActor } from '../actors/kit/serve.ts';
import { basePath } from '../tmf/apis.ts';
import type { Entity } from '../tmf/data.ts';

const CSP_URL = 'http://csp.test';
const CONFIG: ActorConfig = {
  storage: { kind: 'memory' },
  secret: 'peer-create-once',
  peers: { csp: CSP_URL },
  callbacks: { csp: 'http://oem.test' },
  seed: 1,
};
const ORDERS = `${CSP_URL}${basePath('TMF622')}/productOrder`;
const KEY = 'csp-order:own-1';

/** The orders the CSP holds, and whether the OEM had marked the create when the CSP took it. */
let held: Entity[] = [];
let markedWhenTaken: boolean[] = [];
const server = setupServer(
  http.post(ORDERS, async ({ request }) => {
    markedWhenTaken.push(runtime().store.data.peerCreatesStarted?.includes(KEY) === true);
    const order = { ...((await request.json()) as object), id: `csp-order-${held.length + 1}`, '@type': 'ProductOrder' } as Entity;
    held.push(order);
    return HttpResponse.json(order, { status: 201 });
  }),
  http.get(ORDERS, ({ request }) => {
    const externalId = new URL(request.url).searchParams.get('externalId');
    return HttpResponse.json(held.filter((o) => o.externalId === externalId));
  }),
);
let oem: RunningActor;
const runtime = () => oem.runtime as unknown as ActorRuntime<OemData>;
const order: PeerCreate<'TMF622', 'productOrder'> = {
  key: KEY,
  peer: 'csp',
  api: 'TMF622',
  resource: 'productOrder',
  body: { externalId: 'own-1', productOrderItem: [] },
  find: { query: { externalId: 'own-1' }, matches: (o) => o.externalId === 'own-1' },
};
/** One try, its answer recorded as the effect's done commit would record it. */
async function tryOnce(): Promise<Entity> {
  const { entity, settled } = await createAtPeerOnce(runtime(), order);
  await runtime().store.update(settled);
  return entity;
}
/** The store as a kill right after the mark left it. */
const markedBeforeTheKill = () =>
  runtime().store.update((draft) => {
    draft.peerCreatesStarted = [KEY];
  });

before(() => server.listen({ onUnhandledRequest: 'error' }));
after(() => server.close());
beforeEach(async () => {
  held = [];
  markedWhenTaken = [];
  oem = await startCarManufacturer(CONFIG, 0);
});
afterEach(() => oem.stop());

describe('a create at a peer, once across crashes', () => {
  test('a first try marks the create before the peer takes it, creates it, and the record of the answer clears the mark', async () => {
    const created = await tryOnce();
    assert.deepEqual([held.length, markedWhenTaken, created.id], [1, [true], 'csp-order-1']);
    assert.deepEqual(runtime().store.data.peerCreatesStarted, []);
  });

  test('a try after a kill that came once the peer took it finds the entity there and creates nothing', async () => {
    held.push({ id: 'csp-order-1', href: `${basePath('TMF622')}/productOrder/csp-order-1`, '@type': 'ProductOrder', externalId: 'own-1' });
    await markedBeforeTheKill();
    const found = await tryOnce();
    assert.deepEqual([held.length, found.id], [1, 'csp-order-1']);
    assert.deepEqual(runtime().store.data.peerCreatesStarted, []);
  });

  test('a try after a kill that came before the peer took it creates the entity, once', async () => {
    await markedBeforeTheKill();
    await tryOnce();
    assert.deepEqual(
      held.map((o) => o.externalId),
      ['own-1'],
    );
  });
});
