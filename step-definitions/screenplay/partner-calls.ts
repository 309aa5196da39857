import type { ActorId } from '../../core/actor-ids.ts';
import type { HarnessWorld } from '../support/world.ts';

/**
 * Calls a partner makes by hand in a scenario. The harness asks the party (its control API) and the
 * party makes the call with its own credential, so the exchange on the wire is the party's own; the
 * harness never presents another party's key. Calls without credentials come from the harness itself.
 */
export const Partner = {
  /** A call with no Authorization header at all, from the harness: it stands for no party. */
  async anonymousCall(world: HarnessWorld, to: ActorId, method: string, path: string) {
    return world.call(async () => {
      const response = await fetch(world.ecosystem.wireUrl('harness', to) + path, { method });
      return { status: response.status, body: await response.json() };
    });
  },

  /** `from` calls `to` with the best credential it holds for it (issued at onboarding, else its bootstrap key). */
  async calls(world: HarnessWorld, from: ActorId, to: ActorId, method: string, path: string, body?: object) {
    return world.call(() => world.ecosystem.control(from).post<{ status: number; body: unknown }>('/control/peer-call', { peer: to, method, path, body }));
  },

  /** The OEM calls the CSP. */
  oemCalls(world: HarnessWorld, method: string, path: string, body?: object) {
    return Partner.calls(world, 'car-manufacturer', 'csp', method, path, body);
  },

  /**
   * TMF637 is read-only in the OEM's bundle: a PATCH of a product must be refused. The harness finds one
   * over TMF (as itself), so the check holds for a CSP that is bound by URL as much as for the simulated one.
   */
  async patchFirstProduct(world: HarnessWorld) {
    const {
      items: [product],
    } = await world.ecosystem.control('csp').list('TMF637', 'product', { limit: 1 });
    if (!product) throw new Error('the CSP serves no product in TMF637 to try the PATCH on');
    return Partner.oemCalls(world, 'PATCH', `/tmf-api/productInventory/v4/product/${product.id}`, { status: 'suspended' });
  },
};
