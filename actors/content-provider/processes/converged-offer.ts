import { channelOrderBody, DISTRIBUTED_FROM, originOf } from '../../../core/converged-offer.ts';
import { JOURNAL } from '../../../core/journal-events.ts';
import { collection, type Entity } from '../../../tmf/data.ts';
import { badRequest, conflict, notFound } from '../../../tmf/errors.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { EffectHandler } from '../../../tmf/owed-effects.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import { createBundle, createOwnOffer, cspIdOf, registrationBody, type OwnOfferRequest } from '../domain/converged-bundle.ts';
import type { CpData } from '../store.ts';

type Runtime = ActorRuntime<CpData>;

/** 10.4: the provider creates its own offer. */
export async function createOffer(runtime: Runtime, request: OwnOfferRequest): Promise<Entity> {
  return runtime.store.update((draft) => {
    const offering = createOwnOffer(draft, request, runtime.clock.now());
    runtime.journal(draft, JOURNAL.offeringCreated, { offering: offering.id });
    return offering;
  });
}

/**
 * 10.5–10.7: retrieves the CSP's partner-eligible offers from the central catalog, bundles one of them
 * (`cspOfferingId`, else the first found) with its own offer, and registers the bundle centrally.
 */
export async function buildConvergedOffer(
  runtime: Runtime,
  request: { name: string; monthlyFee: string; ownOfferingId: string; cspOfferingId?: string },
): Promise<Entity> {
  const own = collection(runtime.store.data, 'TMF620', 'productOffering').find((o) => o.id === request.ownOfferingId && o.isBundle !== true);
  if (!own) throw notFound('productOffering', request.ownOfferingId);
  const oem = runtime.client('car-manufacturer');
  const { items: partnerOffers } = await oem.list('TMF620', 'productOffering', {
    'category.name': 'central-catalog',
    isPartnerEligible: 'true',
    lifecycleStatus: 'Launched',
    isBundle: 'false',
  });
  const csp = request.cspOfferingId ? (partnerOffers.find((o) => o.id === request.cspOfferingId) ?? { id: request.cspOfferingId }) : partnerOffers[0];
  if (!csp) throw conflict('No partner offer', 'the central catalog has no partner-eligible CSP offer to bundle', 'NO_PARTNER_OFFER');
  const bundle = await runtime.store.update((draft) => {
    const created = createBundle(draft, { name: request.name, monthlyFee: request.monthlyFee, ownOffering: own, cspOffering: csp }, runtime.clock.now());
    draft.convergedOffers.push({ bundleId: created.id, cspOfferingIds: [cspIdOf(csp)] });
    runtime.journal(draft, JOURNAL.offeringBundled, { offering: created.id, bundled: [own.id, csp.id] });
    return created;
  });
  await runtime.subscribe('car-manufacturer', 'BillingV2', 'event.settlementNoteAdvice.receiver.id=content-provider');
  const central = await oem.create('TMF620', 'productOffering', registrationBody(bundle));
  await runtime.store.update((draft) => {
    draft.convergedOffers.find((c) => c.bundleId === bundle.id)!.centralId = central.id;
  });
  return central;
}

/**
 * 11.6–11.8: the driver asks for its service. The provider checks in the OEM's inventory that the
 * customer owns a converged product of its, not yet active (refused otherwise, nothing ordered), then
 * orders the connectivity part from the CSP and listens for the order's completion.
 */
export async function requestActivation(runtime: Runtime, customerId: string): Promise<{ product: string; cspOrder: string }> {
  const offers = runtime.store.data.convergedOffers.filter((c) => c.centralId);
  const { items: products } = await runtime.client('car-manufacturer').list('TMF637', 'product', { 'relatedParty.id': customerId });
  const owned = products.filter((p) => offers.some((c) => c.centralId === (p.productOffering as { id: string }).id));
  const pending = owned.find((p) => p.status === 'created' || p.status === 'pendingActive');
  if (!pending) {
    throw owned.length > 0
      ? conflict('Already active', `customer ${customerId}'s converged service is already ${String(owned[0].status)}`, 'ALREADY_ACTIVE')
      : conflict('Service not owned', `customer ${customerId} has not bought a converged offer of this provider`, 'NOT_OWNED');
  }
  const offer = offers.find((c) => c.centralId === (pending.productOffering as { id: string }).id)!;
  const csp = runtime.client('csp');
  await runtime.subscribe('csp', 'TMF622', 'eventType=ProductOrderStateChangeEvent&event.productOrder.relatedParty.id=content-provider');
  const order = await csp.create('TMF622', 'productOrder', {
    description: `Connectivity of converged product ${pending.id}`,
    category: 'B2B2C converged offer',
    externalId: pending.id,
    relatedParty: [
      { id: 'content-provider', name: 'Content provider', role: 'buyer', '@referredType': 'Organization' },
      { id: customerId, role: 'customer', '@referredType': 'Customer' },
    ],
    productOrderItem: offer.cspOfferingIds.map((id, i) => ({ id: String(i + 1), action: 'add' as const, quantity: 1, productOffering: { id } })),
  });
  await runtime.store.update((draft) => {
    draft.activations.push({ customerId, oemProductId: pending.id, cspOrderId: order.id, state: 'ordered', bundleId: offer.bundleId });
  });
  return { product: pending.id, cspOrder: order.id };
}

/** Owed with the receipt of the CSP's order completion (11.9). */
export const COMPLETE_ACTIVATION = 'complete-activation';

/**
 * 11.9 → 11.10: the connectivity is delivered; the service is activated and the OEM's product set
 * active. Retry-safe: an activation already active is left alone, and setting the product active again
 * changes nothing at the OEM.
 */
export const completeActivationEffect =
  (runtime: Runtime): EffectHandler<CpData> =>
  async (args) => {
    const cspOrderId = String(args.cspOrderId);
    const activation = runtime.store.data.activations.find((a) => a.cspOrderId === cspOrderId && a.state === 'ordered');
    if (!activation) return;
    await runtime.client('car-manufacturer').patch('TMF637', 'product', activation.oemProductId, { status: 'active' });
    return (draft) => {
      draft.activations.find((a) => a.cspOrderId === cspOrderId)!.state = 'active';
    };
  };

/** The provider as a sales channel: the driver's order of a distributed copy goes to the OEM (TMF622). */
export async function passChannelOrder(runtime: Runtime, customerId: string, offeringId: string): Promise<Entity> {
  const copy = collection(runtime.store.data, 'TMF620', 'productOffering').find((o) => o.id === offeringId);
  const centralId = copy && originOf(copy, DISTRIBUTED_FROM);
  if (!centralId) throw badRequest('Unknown offering', `${offeringId} is not a converged offering of this catalog`, 'UNKNOWN_OFFERING');
  return passOnRefusal(() => runtime.client('car-manufacturer').create('TMF622', 'productOrder', channelOrderBody(customerId, centralId, 'content-provider')));
}
