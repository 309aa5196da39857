import { oweSubscription } from '../../kit/owed-subscription.ts';
import { JOURNAL } from '../../../core/journal-events.ts';
import type { Entity } from '../../../tmf/data.ts';
import type { EffectHandler } from '../../../tmf/owed-effects.ts';
import { addEntity } from '../../../tmf/resource.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { retrieveAndCheckBill } from '../../kit/bill-check.ts';
import { serviceOfferFrom } from '../domain/service-catalog.ts';
import type { OemData } from '../store.ts';

type Runtime = ActorRuntime<OemData>;

/** The CSP category the OEM's own catalog is built from (its filter of step 7.5). */
export const CONNECTIVITY_CATEGORY = 'infotainment-connectivity';

/** The CSP offers the OEM's partner agreement names: fleet connectivity and split billing. */
export const PARTNER_OFFERS = ['po-partner-connectivity', 'po-split-billing'];

/** Step 7.1: the OEM orders the connectivity and split billing offers, and listens to the order's events. */
export async function placePartnerOrder(runtime: Runtime, offers: readonly string[] = PARTNER_OFFERS): Promise<Entity> {
  const csp = runtime.client('csp');
  const query = 'eventType=ProductOrderStateChangeEvent';
  const subscribedBefore = runtime.joinedHub('csp', 'TMF622', query) !== undefined;
  // Subscribed first, so that no state change of the order is missed; a refused order leaves no subscription behind.
  await runtime.subscribe('csp', 'TMF622', query);
  try {
    return await csp.create('TMF622', 'productOrder', {
      description: 'Connected car partner order',
      category: 'B2B partner',
      requestedStartDate: runtime.clock.now().toISOString(),
      relatedParty: [{ id: 'car-manufacturer', name: 'Car manufacturer', role: 'buyer', '@referredType': 'Organization' }],
      productOrderItem: offers.map((id, i) => ({ id: String(i + 1), action: 'add' as const, quantity: 1, productOffering: { id } })),
    });
  } catch (error) {
    if (!subscribedBefore) await runtime.unsubscribe('csp', 'TMF622', query);
    throw error;
  }
}

/**
 * Step 7.3 received: from now on the OEM calls the CSP with the credential it was issued, and hears of
 * its bills: joining the CSP's bill hub is owed in the update that keeps the credential.
 */
export async function acceptOnboarding(runtime: Runtime, result: { apiKey: string; bundle: string }): Promise<void> {
  await runtime.store.update((draft) => {
    draft.peerKeys.csp = result.apiKey;
    draft.cspBundle = result.bundle;
    oweSubscription(runtime, draft, 'csp', 'TMF678', 'eventType=CustomerBillCreateEvent');
  });
}

/** Steps 7.5 and 7.6: fetch the CSP's launched infotainment connectivity offers and build the OEM's own catalog on them. */
export async function buildServiceCatalog(runtime: Runtime): Promise<Entity[]> {
  const csp = runtime.client('csp');
  const { items: offers } = await csp.list('TMF620', 'productOffering', { 'category.name': CONNECTIVITY_CATEGORY, lifecycleStatus: 'Launched' });
  return runtime.store.update((draft) => {
    const built = offers.map((offer) => addEntity(draft, 'TMF620', 'productOffering', serviceOfferFrom(offer, csp.baseUrl)));
    runtime.journal(draft, JOURNAL.catalogBuilt, { offers: built.map((o) => o.id), basedOn: offers.map((o) => o.id) });
    return built;
  });
}

/** Step 7.9: on a bill notification, fetch the bill and its items and check that they add up. */
export const INVOICE_CONTROL = 'invoice-control';

/** Step 7.9, carried out as an owed effect: the check is kept in the same update that marks it done. */
export const invoiceControlEffect =
  (runtime: Runtime): EffectHandler<OemData> =>
  async (args) => {
    const check = await retrieveAndCheckBill(runtime.client('csp'), String(args.billId));
    return (draft) => {
      draft.billChecks.push(check);
    };
  };
