/**
 * createAtPeerOnce against the real CSP: after figure 8 ordered the driver's service, a retry that finds
 * the OEM's marks (as a kill right after the CSP's answers leaves them) finds the order by its externalId
 * and the driver by its e-mail through the CSP's TMF APIs, and creates nothing again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OemData } from '../actors/car-manufacturer/store.ts';
import { createAtPeerOnce } from '../actors/kit/peer-create-once.ts';
import type { ActorRuntime } from '../actors/kit/runtime.ts';
import { sellCarToDriver, selectService } from '../harness/drive/figure8.ts';
import { setClock, settle } from '../harness/drive/settle.ts';
import { trigger } from '../harness/drive/trigger.ts';
import { startEcosystem, type Ecosystem } from '../harness/ecosystem.ts';
import { collection } from '../tmf/data.ts';

describe('a create at the real CSP, retried after figure 8 ordered the service', () => {
  let ecosystem: Ecosystem;
  before(async () => {
    ecosystem = await startEcosystem({ secret: 'peer-create-once-ecosystem' });
    await setClock(ecosystem, new Date('2026-01-01T08:00:00Z'));
    await trigger(ecosystem, 'car-manufacturer', 'partner-order');
    await trigger(ecosystem, 'car-manufacturer', 'build-catalog');
    await sellCarToDriver(ecosystem);
    await selectService(ecosystem);
    await settle(ecosystem);
  });
  after(() => ecosystem.stop());

  test('the order is found at the CSP by its externalId and the driver by its e-mail: nothing is created again', async () => {
    const oemRuntime = ecosystem.local['car-manufacturer']!.runtime as unknown as ActorRuntime<OemData>;
    const cspData = ecosystem.local.csp!.runtime.store.data;
    const [own] = collection(oemRuntime.store.data, 'TMF622', 'productOrder');
    const email = (oemRuntime.store.data.cars[0].driver as { email: string }).email;
    const before = [collection(cspData, 'TMF622', 'productOrder').length, collection(cspData, 'TMF632', 'individual').length];
    await oemRuntime.store.update((draft) => {
      draft.peerCreatesStarted = [`csp-order:${own.id}`, `csp-individual:${own.id}`];
    });
    const order = await createAtPeerOnce(oemRuntime, {
      key: `csp-order:${own.id}`,
      peer: 'csp',
      api: 'TMF622',
      resource: 'productOrder',
      // Never sent: the retry finds the order the first try made.
      body: { productOrderItem: [] },
      find: { query: { externalId: own.id }, matches: (o) => o.externalId === own.id },
    });
    const driver = await createAtPeerOnce(oemRuntime, {
      key: `csp-individual:${own.id}`,
      peer: 'csp',
      api: 'TMF632',
      resource: 'individual',
      body: { givenName: 'never', familyName: 'sent' },
      find: { query: { 'contactMedium.characteristic.emailAddress': email }, matches: () => true },
    });
    assert.equal(order.entity.id, own.externalId);
    assert.equal(driver.entity.id, (order.entity.relatedParty as { id: string; role: string }[]).find((p) => p.role === 'thirdPartyPayer')?.id);
    assert.deepEqual([collection(cspData, 'TMF622', 'productOrder').length, collection(cspData, 'TMF632', 'individual').length], before);
  });
});
