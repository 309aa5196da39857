import type { ActorId } from '../../core/actor-ids.ts';
import { bootstrapKey } from '../../tmf/auth.ts';
import { TmfClient } from '../../tmf/client.ts';
import type { Entity } from '../../tmf/data.ts';
import type { HarnessWorld } from '../support/world.ts';

/** Calls a partner makes by hand in a scenario (on the wire, as that partner), and calls without credentials. */
export const Partner = {
  /** A call with no Authorization header at all. */
  async anonymousCall(world: HarnessWorld, to: ActorId, method: string, path: string) {
    return world.call(async () => {
      const response = await fetch(world.ecosystem.wireUrl('harness', to) + path, { method });
      return { status: response.status, body: await response.json() };
    });
  },

  /** The OEM calls the CSP with the credential the CSP issued it. */
  async oemCalls(world: HarnessWorld, method: string, path: string, body?: object) {
    const oem = await world.state<{ peerKeys: Record<string, string> }>('car-manufacturer');
    const client = new TmfClient(world.ecosystem.wireUrl('car-manufacturer', 'csp'), oem.peerKeys.csp);
    return world.call(() => client.request(method, path, body));
  },

  /** A party calls another with the bootstrap credential every peer starts with (before any onboarding). */
  async calls(world: HarnessWorld, from: ActorId, to: ActorId, method: string, path: string, body?: object) {
    const client = new TmfClient(world.ecosystem.wireUrl(from, to), bootstrapKey(world.ecosystem.secret, from, to));
    return world.call(() => client.request(method, path, body));
  },

  /** TMF637 is read-only in the OEM's bundle: a PATCH must be refused. */
  async patchFirstProduct(world: HarnessWorld) {
    const csp = await world.state<{ resources: Record<string, Entity[]> }>('csp');
    const product = csp.resources['TMF637.product'][0];
    return Partner.oemCalls(world, 'PATCH', `/tmf-api/productInventory/v4/product/${product.id}`, { status: 'suspended' });
  },
};
