import { conflict } from '../../../core/domain-error.ts';
import { type BaseData, collection, type Entity } from '../../../tmf/data.ts';
import { fromTmf, money, type Money } from '../../../core/money.ts';
import { memberReasons, originOf, PUBLISHED_FROM, shareCoversPrice } from '../../../core/converged-offer.ts';
import { addEntity } from '../../../tmf/entity.ts';
import type { CreateBody, ProductOffering, ProductOfferingPrice } from '../../../tmf/resources.ts';
import { CATEGORIES } from './catalog-seed.ts';

/** What the catalog manager states for a new partner offer (10.1), e.g. "5 GB data for 7.50 EUR". */
export interface PartnerOfferRequest {
  readonly name: string;
  readonly description?: string;
  readonly monthlyFee: string;
  readonly currency: string;
}

/** 10.1: the offer and its monthly price in the CSP's catalog, launched but not yet offered to partners. */
export function createPartnerOffer(draft: BaseData, request: PartnerOfferRequest, now: Date): { offering: Entity; price: Entity } {
  const fee = money(request.monthlyFee, request.currency).roundToMinor();
  const price = addEntity(draft, 'TMF620', 'productOfferingPrice', {
    name: `${request.name} monthly fee`,
    priceType: 'recurring',
    recurringChargePeriodType: 'month',
    recurringChargePeriodLength: 1,
    lifecycleStatus: 'Launched',
    price: fee.toTmf(),
  });
  const offering = addEntity(draft, 'TMF620', 'productOffering', {
    name: request.name,
    description: request.description ?? request.name,
    lifecycleStatus: 'Launched',
    isBundle: false,
    isSellable: true,
    isPartnerEligible: false,
    lastUpdate: now.toISOString(),
    validFor: { startDateTime: now.toISOString() },
    category: [{ id: `cat-${CATEGORIES.infotainment}`, name: CATEGORIES.infotainment }],
    productOfferingPrice: [{ id: price.id, href: price.href, name: price.name }],
  });
  return { offering, price };
}

/** The offering's prices, as values rather than references: what a partner needs to know of them. */
export function inlinePrices(offering: ProductOffering, prices: readonly ProductOfferingPrice[]) {
  const ids = (offering.productOfferingPrice ?? []).map((p) => p.id);
  return prices.filter((p) => ids.includes(p.id)).map(({ href: _href, '@type': _type, ...price }) => price);
}

/** The monthly fee the CSP asks for one of its offerings. */
export function monthlyFee(offering: ProductOffering, prices: readonly ProductOfferingPrice[]): Money | undefined {
  const recurring = inlinePrices(offering, prices).find((p) => p.priceType === 'recurring');
  return recurring?.price ? fromTmf(recurring.price) : undefined;
}

/** 10.3: the body published to the central catalog: the offer with its prices, naming where it came from. */
export function publicationBody(offering: ProductOffering, prices: readonly ProductOfferingPrice[]): CreateBody<'TMF620', 'productOffering'> {
  const { id, href, '@type': _type, name, ...rest } = offering;
  // A name is required to create an offering; a PATCH may have removed this one's.
  if (name === undefined) throw conflict('Offering without a name', `Offering ${id} has no name to publish it under`, 'NO_NAME');
  return {
    ...rest,
    name,
    productOfferingPrice: inlinePrices(offering, prices),
    productOfferingRelationship: [{ id, href, name, relationshipType: PUBLISHED_FROM, '@referredType': 'ProductOffering' }],
  };
}

/** A bundled member as the CSP finds it: its id in the bundle and, when published, its central entry. */
export interface MemberLookup {
  readonly id: string;
  readonly central?: Entity;
}

/**
 * The CSP's verification of a converged offering (10.8): each member that is a CSP offering (published
 * from its catalog, or named by its CSP id) must be partner-eligible and launched, and its share must
 * cover its monthly fee. A bundle without any CSP offering is rejected too. Every reason is listed.
 */
export function verifyAsCsp(converged: ProductOffering, members: readonly MemberLookup[], draft: BaseData): string[] {
  const own = collection(draft, 'TMF620', 'productOffering');
  const prices = collection(draft, 'TMF620', 'productOfferingPrice');
  const shares = converged.revenueShare ?? [];
  const reasons: string[] = [];
  let ours = 0;
  for (const member of members) {
    const ownId = member.central ? originOf(member.central, PUBLISHED_FROM) : member.id;
    const offering = own.find((o) => o.id === ownId);
    if (!offering) continue;
    ours += 1;
    reasons.push(...memberReasons(member.id, offering));
    reasons.push(
      ...shareCoversPrice(
        shares.find((s) => s.productOfferingId === member.id && s.partyId === 'csp'),
        monthlyFee(offering, prices),
        member.id,
      ),
    );
  }
  if (ours === 0) reasons.push('the converged offering bundles no CSP offering');
  return reasons;
}

/** A connectivity order for a converged offer: every item is a partner-eligible CSP offering. */
export function isConvergedConnectivity(items: readonly { productOffering?: { id: string } }[], offerings: readonly Entity[]): boolean {
  return items.length > 0 && items.every((i) => offerings.find((o) => o.id === i.productOffering?.id)?.isPartnerEligible === true);
}
