import { allocate } from './allocation.ts';
import { isRecord, isTmfMoney, listIn } from './plain-data.ts';
import { fromTmf, sum, type Money, type TmfMoney } from './money.ts';

/**
 * The rules of a converged offering (FLOWS figures 10 and 11) that more than one party applies: the CSP
 * and the OEM both verify a bundle (10.8), the OEM settles it (11.12). Plain data in, reasons or money out.
 */

/** What a partner is paid per period for its part of a converged offering (the `revenueShare` extension). */
export interface RevenueShare {
  readonly partyId: string;
  readonly productOfferingId: string;
  readonly amount: TmfMoney;
}

/** The attributes of an offering the rules read. */
export interface OfferingFacts {
  readonly id: string;
  readonly name?: unknown;
  readonly lifecycleStatus?: unknown;
  readonly isPartnerEligible?: unknown;
  readonly productOfferingPrice?: unknown;
}

/** Why a bundled offering may not be part of a converged offering: it must be partner-eligible and launched. */
export function memberReasons(memberId: string, offering: OfferingFacts | undefined): string[] {
  if (!offering) return [`bundled offering ${memberId} does not exist`];
  const reasons: string[] = [];
  if (offering.isPartnerEligible !== true) reasons.push(`bundled offering ${memberId} is not partner-eligible`);
  if (offering.lifecycleStatus !== 'Launched')
    reasons.push(`bundled offering ${memberId} is ${String(offering.lifecycleStatus ?? 'without status')}, not Launched`);
  return reasons;
}

/** Why an offering may not be published to the central catalog (10.3): the same two conditions. */
export function publicationReasons(offering: OfferingFacts): string[] {
  return memberReasons(offering.id, offering).map((r) => r.replace(/^bundled offering/, 'offering'));
}

/** The monthly recurring price an offering carries (inline in `productOfferingPrice`), if any. */
export function recurringPrice(offering: OfferingFacts): Money | undefined {
  for (const price of listIn(offering.productOfferingPrice)) {
    if (isRecord(price) && price.priceType === 'recurring' && isTmfMoney(price.price)) return fromTmf(price.price);
  }
  return undefined;
}

/**
 * Is the bundle's price consistent with its shares? Every member has a share, in the bundle's currency,
 * and the shares together do not exceed the price (the rest is the seller's margin).
 */
export function shareReasons(bundlePrice: Money | undefined, memberIds: readonly string[], shares: readonly RevenueShare[]): string[] {
  if (!bundlePrice) return ['the converged offering has no recurring price'];
  const reasons: string[] = [];
  for (const id of memberIds) {
    if (!shares.some((s) => s.productOfferingId === id)) reasons.push(`bundled offering ${id} has no revenue share`);
  }
  const foreign = shares.filter((s) => s.amount.unit !== bundlePrice.currency);
  for (const s of foreign) reasons.push(`the share of ${s.partyId} is in ${s.amount.unit}, the price in ${bundlePrice.currency}`);
  if (foreign.length > 0) return reasons;
  const total = sum(
    shares.map((s) => fromTmf(s.amount)),
    bundlePrice.currency,
  );
  if (total.compare(bundlePrice) > 0) reasons.push(`the shares (${total.toString()}) exceed the price (${bundlePrice.toString()})`);
  return reasons;
}

/** A partner's share must cover the price it asks for its own offering. */
export function shareCoversPrice(share: RevenueShare | undefined, asked: Money | undefined, memberId: string): string[] {
  if (!asked) return [];
  if (!share) return [`bundled offering ${memberId} has no revenue share`];
  const given = fromTmf(share.amount);
  if (given.currency !== asked.currency || given.compare(asked) < 0) {
    return [`the share for ${memberId} (${given.toString()}) is below its price (${asked.toString()})`];
  }
  return [];
}

/** One payee's part of what a customer paid, and what the seller keeps. */
export interface Settlement {
  readonly shares: ReadonlyArray<{ readonly partyId: string; readonly productOfferingId: string; readonly amount: Money }>;
  readonly margin: Money;
}

/**
 * Splits what the customer paid for a converged offering (11.12) in proportion to the shares and the
 * seller's margin (price − shares), by largest remainder: shares + margin = paid, exactly. A full period
 * paid at the list price gives every partner exactly its share.
 */
export function settle(paid: Money, price: Money, shares: readonly RevenueShare[]): Settlement {
  const amounts = shares.map((s) => fromTmf(s.amount));
  const margin = price.minus(sum(amounts, price.currency));
  if (margin.amount.isNegative()) throw new RangeError(`shares exceed the price ${price.toString()}`);
  const weights = [...amounts, margin].map((m) => m.amount);
  if (weights.every((w) => w.isZero())) throw new RangeError('a converged offering priced at zero has nothing to settle');
  const parts = allocate(paid, weights);
  return {
    shares: shares.map((s, i) => ({ partyId: s.partyId, productOfferingId: s.productOfferingId, amount: parts[i] })),
    margin: parts[parts.length - 1],
  };
}

/** The relationship a copy of an offering keeps with the one it was made from. */
export const PUBLISHED_FROM = 'publishedFrom';
export const DISTRIBUTED_FROM = 'distributedFrom';

/** The id an offering had where it came from (`publishedFrom`, `distributedFrom`), if it is a copy. */
export function originOf(offering: Readonly<Record<string, unknown>>, relationshipType: string): string | undefined {
  for (const relation of listIn(offering.productOfferingRelationship)) {
    if (isRecord(relation) && relation.relationshipType === relationshipType && typeof relation.id === 'string') return relation.id;
  }
  return undefined;
}

/**
 * The TMF622 order a sales channel (the CSP, the content provider) passes to the OEM for a driver:
 * the central converged offering, for the OEM's customer, sold by the channel.
 */
export function channelOrderBody(customerId: string, centralOfferingId: string, channel: string) {
  return {
    description: 'Converged offer ordered through a partner channel',
    category: 'B2C converged offer',
    channel: [{ id: channel, role: 'salesChannel' }],
    relatedParty: [
      { id: customerId, role: 'customer', '@referredType': 'Customer' },
      { id: channel, role: 'seller', '@referredType': 'Organization' },
    ],
    productOrderItem: [{ id: '1', action: 'add' as const, quantity: 1, productOffering: { id: centralOfferingId } }],
  };
}
