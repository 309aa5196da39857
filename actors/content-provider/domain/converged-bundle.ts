import { conflict } from '../../../core/domain-error.ts';
import type { NewEntity } from '../../../tmf/entity.ts';
import { money, type Money } from '../../../core/money.ts';
import type { CreateBody, ProductOffering } from '../../../tmf/resources.ts';
import { PUBLISHED_FROM, originOf, recurringPrice, type RevenueShare } from '../../../core/converged-offer.ts';
import { type BaseData, collection, type Entity } from '../../../tmf/data.ts';
import { addEntity } from '../../../tmf/entity.ts';

/** An offer of the provider's own catalog with its monthly price (10.4), e.g. "Music access" for 4.99 EUR. */
export interface OwnOfferRequest {
  readonly name: string;
  readonly monthlyFee: string;
  readonly currency: string;
}

const monthly = (name: string, fee: Money): NewEntity<'TMF620', 'productOfferingPrice'> => ({
  name: `${name} monthly fee`,
  priceType: 'recurring',
  recurringChargePeriodType: 'month',
  recurringChargePeriodLength: 1,
  lifecycleStatus: 'Launched',
  price: fee.toTmf(),
});

/** 10.4: the offer and its price, the price carried by value too so that a bundle can read it. */
export function createOwnOffer(draft: BaseData, request: OwnOfferRequest, now: Date): Entity {
  const fee = money(request.monthlyFee, request.currency).roundToMinor();
  const price = addEntity(draft, 'TMF620', 'productOfferingPrice', monthly(request.name, fee));
  return addEntity(draft, 'TMF620', 'productOffering', {
    name: request.name,
    description: request.name,
    lifecycleStatus: 'Launched',
    isBundle: false,
    isSellable: true,
    lastUpdate: now.toISOString(),
    category: [{ id: 'cp-infotainment', name: 'infotainment-content' }],
    productOfferingPrice: [{ id: price.id, href: price.href, ...monthly(request.name, fee) }],
  });
}

/** What the provider wants to bundle: its own offer, one CSP offer of the central catalog, a price. */
export interface BundleRequest {
  readonly name: string;
  readonly monthlyFee: string;
  readonly ownOffering: Entity;
  /** The CSP offer as found in the central catalog, or only its id when it was not found there. */
  readonly cspOffering: Entity | { id: string };
}

/**
 * 10.6: the converged offering in the provider's own catalog: a bundle of its offer and the CSP's, at
 * one monthly price; each partner's share is the price it asks for its part, the rest is the OEM's margin.
 */
export function createBundle(draft: BaseData, request: BundleRequest, now: Date): Entity {
  const ownFee = recurringPrice(request.ownOffering)!;
  const fee = money(request.monthlyFee, ownFee.currency).roundToMinor();
  const cspFee = 'productOfferingPrice' in request.cspOffering ? recurringPrice(request.cspOffering) : undefined;
  const shares: RevenueShare[] = [
    { partyId: 'content-provider', productOfferingId: request.ownOffering.id, amount: ownFee.toTmf() },
    { partyId: 'csp', productOfferingId: request.cspOffering.id, amount: (cspFee ?? money('0', fee.currency)).toTmf() },
  ];
  const price = addEntity(draft, 'TMF620', 'productOfferingPrice', monthly(request.name, fee));
  return addEntity(draft, 'TMF620', 'productOffering', {
    name: request.name,
    description: `${String(request.ownOffering.name)} with connectivity by the CSP`,
    lifecycleStatus: 'In design',
    isBundle: true,
    isSellable: true,
    lastUpdate: now.toISOString(),
    bundledProductOffering: [
      { id: request.ownOffering.id, name: String(request.ownOffering.name), lifecycleStatus: 'Launched' },
      { id: request.cspOffering.id, ...('name' in request.cspOffering ? { name: String(request.cspOffering.name) } : {}) },
    ],
    productOfferingPrice: [{ id: price.id, href: price.href, ...monthly(request.name, fee) }],
    revenueShare: shares,
  });
}

/** 10.7: the body registered at the central catalog, naming the bundle it came from. */
export function registrationBody(bundle: ProductOffering): CreateBody<'TMF620', 'productOffering'> {
  const { id, href, '@type': _type, category: _category, name, ...rest } = bundle;
  if (name === undefined) throw conflict('Offering without a name', `Offering ${id} has no name to register it under`, 'NO_NAME');
  return {
    ...rest,
    name,
    productOfferingRelationship: [{ id, href, name, relationshipType: PUBLISHED_FROM, '@referredType': 'ProductOffering' }],
  };
}

/** The CSP's own id of a central-catalog offering it published (what the CSP's TMF622 knows it by). */
export const cspIdOf = (central: Entity | { id: string }) =>
  ('productOfferingRelationship' in central ? originOf(central, PUBLISHED_FROM) : undefined) ?? central.id;

/** The offerings of the provider's catalog. */
export const ownOfferings = (draft: BaseData) => collection(draft, 'TMF620', 'productOffering');
