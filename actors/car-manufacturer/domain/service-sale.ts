import { Decimal } from 'decimal.js';
import type { Characteristic, CreateBody, ProductOffering, ProductOrder, Usage } from '../../../tmf/resources.ts';
import type { NewEntity } from '../../../tmf/entity.ts';
import { INBOX_TOPIC } from '../../../core/party-api.ts';
import type { Entity } from '../../../tmf/data.ts';
import type { SoldCar, UsageFollowUp, UsageStateSeen } from '../store.ts';

/** The driver's choice as the OEM receives it (step 8.2; schema `ServiceSelection`). */
export interface ServiceSelection {
  vehicleId: string;
  productOffering: { id: string };
  customer: { givenName: string; familyName: string; email: string };
  thirdPartyPayer: boolean;
  splitBillingCriteria?: Record<string, unknown>;
}

/** Who pays the connectivity at the CSP: the individual, and its billing account when it already has one. */
export interface CspPayer {
  individual: { id: string; href?: string; name: string };
  billingAccount?: { id: string; href?: string };
}

/** Step 8.1: the infotainment services of the OEM's catalog, offered to the driver of a new car. */
export function serviceOfferMessage(car: SoldCar, offers: readonly Entity[]) {
  return {
    from: 'car-manufacturer',
    topic: INBOX_TOPIC.serviceOffer,
    subject: `Infotainment services for your car ${car.vehicleId}`,
    body: `Choose a service; its connectivity is billed to you by the CSP: ${offers.map((o) => String(o.name)).join('; ')}`,
    relatedEntity: [
      { id: car.vehicleId, name: 'your car', role: 'vehicle', '@referredType': 'Vehicle' },
      ...offers.map((o) => ({ id: o.id, href: o.href, name: String(o.name), role: 'serviceOffer', '@referredType': 'ProductOffering' })),
    ],
  };
}

/** The CSP offering an OEM service offer rides on (its `requires` relationship, step 7.6). */
export const cspOfferingOf = (offer: Pick<ProductOffering, 'productOfferingRelationship'>) => offer.productOfferingRelationship?.[0]?.id;

/** Step 8.3: the infotainment service order on the OEM's own TMF622. */
export function ownOrderBody(selection: ServiceSelection, offer: Entity, now: Date): NewEntity<'TMF622', 'productOrder'> {
  const { customer } = selection;
  return {
    state: 'acknowledged',
    orderDate: now.toISOString(),
    category: 'B2C infotainment',
    description: `Infotainment service for car ${selection.vehicleId}`,
    relatedParty: [{ id: customer.email, name: `${customer.givenName} ${customer.familyName}`, role: 'customer', '@referredType': 'Individual' }],
    productOrderItem: [
      {
        id: '1',
        action: 'add',
        quantity: 1,
        productOffering: { id: offer.id, href: offer.href, ...(typeof offer.name === 'string' ? { name: offer.name } : {}) },
        product: { productCharacteristic: [{ name: 'vehicleId', value: selection.vehicleId }] },
      },
    ],
  };
}

/**
 * Step 8.7: the connectivity order at the CSP. The OEM is the buyer, the driver the `thirdPartyPayer`;
 * an existing customer's account is named so the CSP bills it; the advanced offer carries its criteria.
 */
export function cspOrderBody(selection: ServiceSelection, cspOffering: string, payer: CspPayer, ownOrder: Entity): CreateBody<'TMF622', 'productOrder'> {
  const characteristics: Characteristic[] = [{ name: 'vehicleId', value: selection.vehicleId }];
  if (selection.splitBillingCriteria) characteristics.push({ name: 'splitBillingCriteria', value: selection.splitBillingCriteria });
  return {
    externalId: ownOrder.id,
    category: 'B2B2C infotainment connectivity',
    description: `Infotainment connectivity for car ${selection.vehicleId}`,
    relatedParty: [
      { id: 'car-manufacturer', name: 'Car manufacturer', role: 'buyer', '@referredType': 'Organization' },
      { ...payer.individual, role: 'thirdPartyPayer', '@referredType': 'Individual' },
    ],
    ...(payer.billingAccount ? { billingAccount: payer.billingAccount } : {}),
    productOrderItem: [
      { id: '1', action: 'add' as const, quantity: 1, productOffering: { id: cspOffering }, product: { productCharacteristic: characteristics } },
    ],
  };
}

/** A usage record's characteristic by name (`vehicleId`, `volumeMB`, `recordId`). */
const characteristic = (r: Usage, name: string) => (r.usageCharacteristic ?? []).find((c) => c.name === name)?.value;

/**
 * How many characters of vehicle ids one follow-up query names at most. The ids go in the query string,
 * and servers refuse a request whose head is past their limit (Node's: 16 KB, with 431): a fleet's ids
 * (17 characters and a comma each) passed it at about 900 cars.
 */
export const VEHICLE_QUERY_CHARS = 6000;

/** The vehicle ids in groups, each a comma-separated query value of at most `maxChars` (an id longer than that alone). */
export function vehicleGroups(vehicles: readonly string[], maxChars = VEHICLE_QUERY_CHARS): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  let chars = 0;
  for (const vehicle of vehicles) {
    if (group.length > 0 && chars + 1 + vehicle.length > maxChars) {
      groups.push(group);
      group = [];
      chars = 0;
    }
    chars += (group.length > 0 ? 1 : 0) + vehicle.length;
    group.push(vehicle);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Step 8.11: the OEM's summary of its cars' usage records. */
export function summariseUsage(records: readonly Usage[], vehicles: readonly string[], now: Date): UsageFollowUp {
  const megabytes = new Map<string, Decimal>();
  const statuses: Record<string, number> = {};
  for (const r of records) {
    const volume = characteristic(r, 'volumeMB');
    const usageClass = String(r.usageType);
    megabytes.set(usageClass, (megabytes.get(usageClass) ?? new Decimal(0)).plus(String(volume ?? 0)));
    statuses[String(r.status)] = (statuses[String(r.status)] ?? 0) + 1;
  }
  return {
    at: now.toISOString(),
    vehicles: [...vehicles],
    records: records.length,
    statuses,
    megabytesByClass: Object.fromEntries([...megabytes].map(([k, v]) => [k, v.toFixed()])),
  };
}

/** A usage record's state as the CSP's event shows it, and the sum of the shares the OEM was shown (its own). */
export function usageStateOf(usage: Usage): UsageStateSeen {
  // A share the CSP shows without an amount adds nothing to what the OEM pays.
  const amounts = (usage.ratedProductUsage ?? []).flatMap((s) => (s.taxExcludedRatingAmount ? [s.taxExcludedRatingAmount.value] : []));
  const amount = amounts.reduce((sum, value) => sum.plus(String(value)), new Decimal(0));
  return {
    usage: usage.id,
    recordId: String(characteristic(usage, 'recordId') ?? ''),
    status: String(usage.status),
    ...(usage.status === 'rated' ? { amount: amount.toFixed(2) } : {}),
  };
}

/** 8.8 at the OEM: the driver's infotainment service, fulfilled once the CSP completed its connectivity. */
export function infotainmentProduct(ownOrder: ProductOrder, cspOrderId: string, now: Date): NewEntity<'TMF637', 'product'> {
  const [item] = ownOrder.productOrderItem;
  return {
    name: item.productOffering?.name ?? 'Infotainment service',
    status: 'active',
    startDate: now.toISOString(),
    isBundle: false,
    productOffering: item.productOffering,
    productCharacteristic: item.product?.productCharacteristic ?? [],
    productOrderItem: [{ productOrderId: ownOrder.id, orderItemId: '1', orderItemAction: 'add' }],
    relatedParty: ownOrder.relatedParty,
    productRelationship: [{ relationshipType: 'reliesOn', product: { id: cspOrderId, name: 'CSP connectivity order', '@referredType': 'ProductOrder' } }],
  };
}
