import { channelOrderBody, DISTRIBUTED_FROM, originOf, publicationReasons } from '../../../core/converged-offer.ts';
import type { ProductOrder } from '../../../tmf/resources.ts';
import { JOURNAL } from '../../../core/journal-events.ts';
import { TmfCallError } from '../../../tmf/client.ts';
import { collection, type Entity } from '../../../tmf/data.ts';
import { badRequest, notFound } from '../../../tmf/errors.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { EffectHandler } from '../../../tmf/owed-effects.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import { createPartnerOffer, publicationBody, verifyAsCsp, type MemberLookup, type PartnerOfferRequest } from '../domain/partner-offers.ts';
import type { CspData } from '../store.ts';
import { registerProduct } from '../domain/subscriptions.ts';
import { completeOrder, isRegistered, putProductsOnItems } from './order-state.ts';

type Runtime = ActorRuntime<CspData>;

/** 10.1: the catalog manager creates an offer and its price. */
export async function createOffer(runtime: Runtime, request: PartnerOfferRequest): Promise<Entity> {
  return runtime.store.update((draft) => {
    const { offering, price } = createPartnerOffer(draft, request, runtime.clock.now());
    runtime.journal(draft, JOURNAL.offeringCreated, { offering: offering.id, price: price.id });
    return offering;
  });
}

/** 10.2: the offer is marked eligible for partners (a PATCH of the CSP's own catalog, notified). */
export async function markPartnerEligible(runtime: Runtime, offeringId: string): Promise<Entity> {
  const updated = await runtime.store.update((draft) => {
    const offerings = collection(draft, 'TMF620', 'productOffering');
    const index = offerings.findIndex((o) => o.id === offeringId);
    if (index < 0) throw notFound('productOffering', offeringId);
    offerings[index] = { ...offerings[index], isPartnerEligible: true };
    runtime.journal(draft, JOURNAL.offeringPartnerEligible, { offering: offeringId });
    runtime.notifier.enqueue(draft, runtime.clock.now(), {
      api: 'TMF620',
      eventType: 'ProductOfferingAttributeValueChangeEvent',
      resource: 'productOffering',
      entity: offerings[index],
      fieldPath: ['isPartnerEligible'],
    });
    return offerings[index];
  });
  runtime.notifier.kick();
  return updated;
}

/**
 * 10.3: publishes a partner-eligible, launched offer to the central catalog (refused with every reason
 * otherwise), after subscribing to the central catalog's converged offerings (to verify them, 10.8) and
 * to the CSP's settlement notes (11.12) — once.
 */
export async function publishOffer(runtime: Runtime, offeringId: string): Promise<Entity> {
  const data = runtime.store.data;
  const offering = collection(data, 'TMF620', 'productOffering').find((o) => o.id === offeringId);
  if (!offering) throw notFound('productOffering', offeringId);
  const reasons = publicationReasons(offering);
  if (reasons.length > 0) throw badRequest('Not publishable', reasons.join('; '), 'NOT_PUBLISHABLE');
  await subscribeToCentralCatalog(runtime);
  return passOnRefusal(() =>
    runtime.client('car-manufacturer').create('TMF620', 'productOffering', publicationBody(offering, collection(data, 'TMF620', 'productOfferingPrice'))),
  );
}

async function subscribeToCentralCatalog(runtime: Runtime): Promise<void> {
  if (runtime.store.data.centralCatalogSubscribed) return;
  await runtime.subscribe('car-manufacturer', 'TMF620', 'eventType=ProductOfferingCreateEvent&event.productOffering.isBundle=true');
  await runtime.subscribe('car-manufacturer', 'BillingV2', 'event.settlementNoteAdvice.receiver.id=csp');
  await runtime.store.update((draft) => {
    draft.centralCatalogSubscribed = true;
  });
}

/** Owed with the receipt of a converged offering registered at the central catalog (10.8). */
export const VERIFY_CONVERGED_OFFERING = 'verify-converged-offering';

/**
 * 10.8, the CSP's part: reads the converged offering and its members at the central catalog, verifies,
 * answers. Retry-safe: a verdict already journaled is not journaled again, and an offering the CSP
 * already reviewed at the central catalog is not reviewed again.
 */
export const verifyConvergedOfferingEffect =
  (runtime: Runtime): EffectHandler<CspData> =>
  async (args) => {
    const centralId = String(args.centralId);
    const oem = runtime.client('car-manufacturer');
    const converged = await oem.get('TMF620', 'productOffering', centralId);
    if ((converged.partnerReview ?? []).some((r) => r.partyId === 'csp')) return;
    const members: MemberLookup[] = [];
    // Ids are only unique per catalog: the revenue shares say which members are the CSP's.
    const cspMembers = (converged.revenueShare ?? []).filter((s) => s.partyId === 'csp').map((s) => ({ id: s.productOfferingId }));
    for (const { id } of cspMembers) {
      members.push({ id, central: await oem.get('TMF620', 'productOffering', id).catch(absentOn404) });
    }
    const reasons = verifyAsCsp(converged, members, runtime.store.data);
    const verdict = reasons.length === 0 ? 'approved' : 'rejected';
    await runtime.store.update((draft) => {
      const journaled = draft.journal.some((e) => e.type === JOURNAL.offeringVerified && e.data.offering === centralId);
      if (!journaled) runtime.journal(draft, JOURNAL.offeringVerified, { offering: centralId, verdict, reasons });
    });
    await oem.patch('TMF620', 'productOffering', centralId, { partnerReview: [{ partyId: 'csp', verdict, ...(reasons.length ? { reason: reasons } : {}) }] });
  };

function absentOn404(error: unknown): undefined {
  if (error instanceof TmfCallError && error.status === 404) return undefined;
  throw error;
}

/**
 * The CSP as a sales channel of a converged offer: the driver's order for an offering of the CSP's
 * catalog (a copy distributed in 10.9) is passed to the OEM as a TMF622 order of the central offering.
 */
export async function passChannelOrder(runtime: Runtime, customerId: string, offeringId: string): Promise<Entity> {
  const copy = collection(runtime.store.data, 'TMF620', 'productOffering').find((o) => o.id === offeringId);
  const centralId = copy && originOf(copy, DISTRIBUTED_FROM);
  if (!centralId) throw badRequest('Unknown offering', `${offeringId} is not a converged offering of the CSP's catalog`, 'UNKNOWN_OFFERING');
  return passOnRefusal(() => runtime.client('car-manufacturer').create('TMF622', 'productOrder', channelOrderBody(customerId, centralId, 'csp')));
}

/**
 * The connectivity part of a converged offer, ordered by its content provider (11.8): the subscription
 * is registered, active, for the customer named on the order; the partner pays nothing here, the CSP
 * is paid through the OEM's settlement (11.12). The order completes (11.9, notified). Resumable: a
 * subscription already registered is not registered again.
 */
export async function activateConvergedConnectivity(runtime: Runtime, order: ProductOrder, buyer: string): Promise<void> {
  if (!isRegistered(runtime, order.id)) await registerConnectivity(runtime, order, buyer);
  await completeOrder(runtime, order.id);
}

/** The subscriptions, in one change that also puts the products on the order's items. */
async function registerConnectivity(runtime: Runtime, order: ProductOrder, buyer: string): Promise<void> {
  await runtime.store.update((draft) => {
    const now = runtime.clock.now();
    const products = order.productOrderItem.map((item) => registerProduct(draft, order, item, buyer, now, { relatedParty: order.relatedParty }));
    for (const product of products) runtime.journal(draft, JOURNAL.subscriptionRegistered, { product: product.id, order: order.id });
    putProductsOnItems(draft, order.id, products);
  });
}
