import {
  DISTRIBUTED_FROM,
  memberReasons,
  publicationReasons,
  recurringPrice,
  revenueSharesOf,
  shareCoversPrice,
  shareReasons,
} from '../../../core/converged-offer.ts';
import type { Entity } from '../../../tmf/data.ts';
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

export interface PartnerReview {
  partyId: string;
  verdict: 'approved' | 'rejected';
  reason?: string[];
  reviewDate?: string;
}

type Ref = { id: string; name?: string; relationshipType?: string; role?: string };

export const isCentral = (o: Entity) => ((o.category as Ref[] | undefined) ?? []).some((c) => c.name === CENTRAL_CATEGORY.name);
export const publisherOf = (o: Entity) => ((o.relatedParty as Ref[] | undefined) ?? []).find((p) => p.role === 'publisher')?.id;
export const membersOf = (o: Entity) => ((o.bundledProductOffering as Ref[] | undefined) ?? []).map((m) => m.id);
export const reviewsOf = (o: Entity) => (o.partnerReview as PartnerReview[] | undefined) ?? [];

/**
 * A partner's POST on the central catalog (10.3, 10.7). A single offering must be partner-eligible and
 * launched; a converged one (a bundle) waits for its reviews `In test`. Either is marked central and
 * names its publisher.
 */
export function publishToCentral(input: Entity, publisher: string): Entity {
  const base = {
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
export function verifyAtCentral(offering: Entity, central: readonly Entity[]): string[] {
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
export function applyReview(offering: Entity, review: PartnerReview): Entity {
  const reviews = [...reviewsOf(offering).filter((r) => r.partyId !== review.partyId), review];
  const rejected = reviews.filter((r) => r.verdict === 'rejected');
  const approvedByAll = REVIEWERS.every((p) => reviews.some((r) => r.partyId === p && r.verdict === 'approved'));
  const next: Entity = { ...offering, partnerReview: reviews };
  delete next.statusReason;
  if (rejected.length > 0) {
    return { ...next, lifecycleStatus: 'Rejected', statusReason: rejected.map((r) => `${r.partyId}: ${(r.reason ?? []).join('; ')}`).join(' | ') };
  }
  return { ...next, lifecycleStatus: approvedByAll ? 'Launched' : 'In test' };
}

/**
 * A copy of an approved converged offering for a product catalog (10.9): launched, sellable, without the
 * central bookkeeping, pointing back at the central offering so every channel's order leads to it.
 */
export function distributionCopy(central: Entity, category?: { id: string; name: string }): Record<string, unknown> {
  const {
    id,
    href,
    '@type': _type,
    partnerReview: _reviews,
    relatedParty: _parties,
    category: _category,
    productOfferingRelationship: _rel,
    ...rest
  } = central;
  return {
    ...rest,
    lifecycleStatus: 'Launched',
    isSellable: true,
    ...(category ? { category: [category] } : {}),
    productOfferingRelationship: [{ id, href, name: String(central.name), relationshipType: DISTRIBUTED_FROM, '@referredType': 'ProductOffering' }],
  };
}
