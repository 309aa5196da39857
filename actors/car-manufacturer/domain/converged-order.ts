import { DISTRIBUTED_FROM, originOf, recurringPrice } from '../../../core/converged-offer.ts';
import type { NewEntity } from '../../../tmf/entity.ts';
import { JOURNAL } from '../../../core/journal-events.ts';
import { collection, type Entity } from '../../../tmf/data.ts';
import { conflict, invalid, notFound } from '../../../core/domain-error.ts';
import { addEntity } from '../../../tmf/entity.ts';
import type { OemData } from '../store.ts';
import { isCentral, publisherOf } from './central-catalog.ts';
import { compatibilityReasons } from './compatibility.ts';

/** A converged offer order, however it reached the OEM (portal, CSP channel, content provider channel). */
export interface ConvergedOrderInput {
  /** A known customer; or none, with `newCustomer`, for a driver ordering for the first time. */
  readonly customerId?: string;
  readonly newCustomer?: NewCustomer;
  /** The offering as the channel knows it: a copy in a product catalog, or the central offering. */
  readonly productOfferingId: string;
  readonly channel: string;
}

/** A driver the OEM does not know yet, as the portal takes it. */
export interface NewCustomer {
  readonly name: string;
  readonly email: string;
}

/** Records a domain event of the flow in the draft (the runtime's journal). */
export type Journal = (type: string, data: Record<string, unknown>) => void;

const ref = (e: Entity) => ({ id: e.id, href: e.href, name: e.name as string | undefined });

/** The central converged offering an order names, through a catalog copy or directly; it must be launched. */
export function resolveConvergedOffering(draft: OemData, offeringId: string): Entity {
  const offerings = collection(draft, 'TMF620', 'productOffering');
  const named = offerings.find((o) => o.id === offeringId);
  const centralId = named && !isCentral(named) ? originOf(named, DISTRIBUTED_FROM) : (named?.id ?? offeringId);
  const central = offerings.find((o) => o.id === centralId && isCentral(o) && o.isBundle === true);
  if (!central) throw invalid('Unknown offering', `${offeringId} is not a converged offering of the central catalog`, 'UNKNOWN_OFFERING');
  if (central.lifecycleStatus !== 'Launched')
    throw invalid('Offering not sellable', `${central.id} is ${String(central.lifecycleStatus)}, not Launched`, 'NOT_LAUNCHED');
  return central;
}

/**
 * Steps 11.2–11.5 on one draft: the customer and its account, the billing account retrieved or created,
 * the compatibility check against the customer's products, then the product created (`created`, to be
 * activated by the content provider) and the order completed. Returns the order's final fields; throws
 * (nothing changes) on an unknown customer or an incompatible order.
 */
export function fulfilConvergedOrder(
  draft: OemData,
  orderRef: { id: string; href: string },
  input: ConvergedOrderInput,
  now: Date,
  journal: Journal,
): { state: string; completionDate: string; product: Entity; customer: Entity } {
  const offering = resolveConvergedOffering(draft, input.productOfferingId);
  const customer = input.newCustomer
    ? registerCustomer(draft, input.newCustomer)
    : collection(draft, 'TMF629', 'customer').find((c) => c.id === input.customerId);
  if (!customer) throw notFound('customer', String(input.customerId));
  journal(JOURNAL.customerRetrieved, { customer: customer.id, account: customer.account ?? [], created: input.newCustomer !== undefined });

  const account = billingAccountOf(draft, customer, now);
  journal(JOURNAL.billingAccountReady, { billingAccount: account.entity.id, created: account.created });

  const existing = collection(draft, 'TMF637', 'product').filter((p) =>
    ((p.relatedParty as { id: string }[] | undefined) ?? []).some((r) => r.id === customer.id),
  );
  const reasons = compatibilityReasons(existing, offering.id);
  if (reasons.length > 0) throw conflict('Incompatible order', reasons.join('; '), 'INCOMPATIBLE_ORDER');
  journal(JOURNAL.orderCompatibilityChecked, { customer: customer.id, existing: existing.map((p) => p.id), compatible: true });

  const fee = recurringPrice(offering)!;
  const product = addEntity(draft, 'TMF637', 'product', {
    ...(typeof offering.name === 'string' ? { name: offering.name } : {}),
    status: 'created',
    isBundle: true,
    orderDate: now.toISOString(),
    productOffering: ref(offering),
    billingAccount: ref(account.entity),
    productPrice: [{ name: 'Monthly fee', priceType: 'recurring', recurringChargePeriod: 'month', price: { dutyFreeAmount: fee.toTmf() } }],
    productOrderItem: [{ productOrderId: orderRef.id, productOrderHref: orderRef.href, orderItemId: '1', orderItemAction: 'add' }],
    relatedParty: [
      { id: customer.id, name: String(customer.name), role: 'customer', '@referredType': 'Customer' },
      { id: publisherOf(offering) ?? 'content-provider', role: 'serviceProvider', '@referredType': 'Organization' },
    ],
  });
  journal(JOURNAL.productCreated, { product: product.id, offering: offering.id, customer: customer.id });
  journal(JOURNAL.orderCompleted, { order: orderRef.id, channel: input.channel });
  return { state: 'completed', completionDate: now.toISOString(), product, customer };
}

const emailsOf = (c: Entity) =>
  ((c.contactMedium as { characteristic?: { emailAddress?: string } }[] | undefined) ?? []).map((m) => m.characteristic?.emailAddress?.toLowerCase());

/**
 * 11.2 for a driver the OEM does not know: it becomes a customer (TMF629, approved) identified by its
 * e-mail, once the OEM has checked it is not a customer already under that e-mail (then it must order
 * as that customer: 409 naming it). Its billing account follows in 11.3.
 */
export function registerCustomer(draft: OemData, person: NewCustomer): Entity {
  const name = person.name.trim();
  if (!name) throw invalid('Invalid customer', 'A new customer needs a name', 'INVALID_CUSTOMER');
  const known = collection(draft, 'TMF629', 'customer').find((c) => emailsOf(c).includes(person.email.toLowerCase()));
  if (known) throw conflict('Already a customer', `${person.email} is already customer ${known.id}: order as that customer`, 'ALREADY_CUSTOMER');
  const customer = addEntity(draft, 'TMF629', 'customer', {
    name,
    status: 'approved',
    // The individual is named after the customer, whose id is known once it is stored (just below).
    engagedParty: { id: '', name, role: 'driver', '@referredType': 'Individual' },
    contactMedium: [{ mediumType: 'email', preferred: true, characteristic: { emailAddress: person.email } }],
    account: [],
  });
  customer.engagedParty = { ...customer.engagedParty, id: `ind-${customer.id}` };
  return customer;
}

/** The customer's billing account at the OEM, created on its first order. */
function billingAccountOf(draft: OemData, customer: Entity, now: Date): { entity: Entity; created: boolean } {
  const found = collection(draft, 'TMF666', 'billingAccount').find((a) => ((a.relatedParty as { id: string }[]) ?? []).some((p) => p.id === customer.id));
  if (found) return { entity: found, created: false };
  const entity = addEntity(draft, 'TMF666', 'billingAccount', {
    name: `${String(customer.name)} infotainment account`,
    accountType: 'consumer',
    state: 'active',
    lastModified: now.toISOString(),
    relatedParty: [{ id: customer.id, name: String(customer.name), role: 'owner', '@referredType': 'Customer' }],
  });
  customer.account = [
    ...((customer.account as unknown[] | undefined) ?? []),
    { id: entity.id, href: entity.href, name: entity.name, '@referredType': 'BillingAccount' },
  ];
  return { entity, created: true };
}

/** The TMF622 order the OEM registers for a portal order (11.1). */
export function portalOrderBody(input: ConvergedOrderInput, now: Date): NewEntity<'TMF622', 'productOrder'> {
  return {
    state: 'acknowledged',
    orderDate: now.toISOString(),
    category: 'B2C converged offer',
    channel: [{ id: input.channel, role: 'salesChannel' }],
    // A new customer is named once registered, in the same change (placePortalOrder).
    ...(input.customerId ? { relatedParty: [{ id: input.customerId, role: 'customer', '@referredType': 'Customer' }] } : {}),
    productOrderItem: [{ id: '1', action: 'add', quantity: 1, productOffering: { id: input.productOfferingId } }],
  };
}

/** What a channel's TMF622 order asks for, read back into an order input. */
export function channelOrderInput(order: Entity, channel: string): ConvergedOrderInput {
  const customerId = ((order.relatedParty as { id: string; role?: string }[] | undefined) ?? []).find((p) => p.role === 'customer')?.id;
  const items = (order.productOrderItem as { productOffering?: { id: string } }[] | undefined) ?? [];
  const offeringId = items[0]?.productOffering?.id;
  if (!customerId || !offeringId || items.length !== 1) {
    throw invalid('Invalid converged order', 'A converged offer order names one customer (relatedParty role customer) and one item with its productOffering');
  }
  return { customerId, productOfferingId: offeringId, channel };
}
