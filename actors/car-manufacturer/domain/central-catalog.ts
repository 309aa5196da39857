import {
  DISTRIBUTED_FROM,
  memberReasons,
  publicationReasons,
  recurringPrice,
  revenueSharesOf,
  shareCoversPrice,
  shareReasons,
} from '../../../core/converged-offer.ts';
import type { CreateBody, Incoming, PartnerReview, ProductOffering } from '../../../tmf/resources.ts';
import { invalid } from '../../../core/domain-error.ts';

/**
 * The central catalog (FLOWS part 4) and the OEM's own product catalog share the OEM's one TMF620 API.
 * Each offering names its catalog by category: `central-catalog` for what partners publish and register,
 * `infotainment-services` for what the OEM sells (see docs/DESIGN.md).
 */
export const CENTRAL_CATEGORY = { id: 'cat-central-catalog', name: 'central-catalog' } as const;
export const PRODUCT_CATEGORY = { id: 'oem-infotainment', name: 'infotainment-services' } as const;

/** Who must approve a converged offering before it is distributed (10.8). */
export const REVIEWERS = ['car-manufacturer', 'csp'] as const;

export type { PartnerReview };

/** What the central catalog's rules read of an offering: a stored one, or a POST body being published. */
type Offering = Pick<ProductOffering, 'category' | 'relatedParty' | 'bundledProductOffering' | 'partnerReview'>;

export const isCentral = (o: Offering) => (o.category ?? []).some((c) => c.name === CENTRAL_CATEGORY.name);
export const publisherOf = (o: Offering) => (o.relatedParty ?? []).find((p) => p.role === 'publisher')?.id;
export const membersOf = (o: Offering) => (o.bundledProductOffering ?? []).map((m) => m.id);
export const reviewsOf = (o: Offering) => o.partnerReview ?? [];

/**
 * A partner's POST on the central catalog (10.3, 10.7). A single offering must be partner-eligible and
 * launched; a converged one (a bundle) waits for its reviews `In test`. Either is marked central and
 * names its publisher.
 */
export function publishToCentral(input: Incoming<'TMF620', 'productOffering'>, publisher: string): ProductOffering {
  const base: ProductOffering = {
    ...input,
    category: [CENTRAL_CATEGORY],
    relatedParty: [{ id: publisher, role: 'publisher', '@referredType': 'Organization' }],
  };
  if (input.isBundle === true) return { ...base, lifecycleStatus: 'In test', partnerReview: [] };
  const reasons = publicationReasons(input);
  if (reasons.length > 0) throw invalid('Not publishable', reasons.join('; '), 'NOT_PUBLISHABLE');
  return base;
}

/**
 * The OEM's verification of a converged offering (10.8): every bundled offering is in the central
 * catalog, partner-eligible and launched (unless its share names it the registrant's own); every member has a share
 * covering the price its publisher asks; the shares fit in the bundle's price. All reasons, at once.
 */
export function verifyAtCentral(offering: ProductOffering, central: readonly ProductOffering[]): string[] {
  const registrant = publisherOf(offering);
  const shares = revenueSharesOf(offering);
  const reasons: string[] = [];
  for (const id of membersOf(offering)) {
    // Ids are only unique per catalog: the share says whose offering a member is.
    if (shares.some((s) => s.productOfferingId === id && s.partyId === registrant)) continue;
    const member = central.find((o) => o.id === id);
    if (!member) {
      reasons.push(`bundled offering ${id} is not in the central catalog`);
      continue;
    }
    reasons.push(...memberReasons(id, member));
    reasons.push(
      ...shareCoversPrice(
        shares.find((s) => s.productOfferingId === id && s.partyId === publisherOf(member)),
        recurringPrice(member),
        id,
      ),
    );
  }
  reasons.push(...shareReasons(recurringPrice(offering), membersOf(offering), shares));
  return [...new Set(reasons)];
}

/**
 * Records one reviewer's verdict and derives the offering's status: `Rejected` with every reviewer's
 * reasons as soon as one rejects, `Launched` once every reviewer approved, `In test` until then.
 */
export function applyReview(offering: ProductOffering, review: PartnerReview): ProductOffering {
  const reviews = [...reviewsOf(offering).filter((r) => r.partyId !== review.partyId), review];
  const rejected = reviews.filter((r) => r.verdict === 'rejected');
  const approvedByAll = REVIEWERS.every((p) => reviews.some((r) => r.partyId === p && r.verdict === 'approved'));
  const next: ProductOffering = { ...offering, partnerReview: reviews };
  delete next.statusReason;
  if (rejected.length > 0) {
    return { ...next, lifecycleStatus: 'Rejected', statusReason: rejected.map((r) => `${r.partyId}: ${(r.reason ?? []).join('; ')}`).join(' | ') };
  }
  return { ...next, lifecycleStatus: approvedByAll ? 'Launched' : 'In test' };
}

/**
 * A copy of an approved converged offering for a product catalog (10.9): launched, sellable, without the
 * central bookkeeping, pointing back at the central offering so every channel's order leads to it.
 * An offering whose name was removed (PATCH `name: null`) cannot be copied: a catalog refuses an offering without one.
 */
export function distributionCopy(central: ProductOffering, category?: { id: string; name: string }): CreateBody<'TMF620', 'productOffering'> {
  const {
    id,
    href,
    name,
    '@type': _type,
    partnerReview: _reviews,
    relatedParty: _parties,
    category: _category,
    productOfferingRelationship: _rel,
    ...rest
  } = central;
  if (name === undefined) throw invalid('Not distributable', `offering ${id} has no name`, 'NO_OFFERING_NAME');
  return {
    ...rest,
    name,
    lifecycleStatus: 'Launched',
    isSellable: true,
    ...(category ? { category: [category] } : {}),
    productOfferingRelationship: [{ id, href, name, relationshipType: DISTRIBUTED_FROM, '@referredType': 'ProductOffering' }],
  };
}
