import type { Usage } from '../../../tmf/resources.ts';

/**
 * What a partner sees of a usage record of its cars (step 8.11): the record itself, and of its rated
 * shares only those billed to the partner's own accounts. The driver's share of a split record is the
 * driver's business, not the car manufacturer's.
 */
export function usageSeenBy(usage: Usage, party: string, owners: Readonly<Record<string, string>>): Usage {
  const shares = usage.ratedProductUsage;
  if (!shares) return usage;
  const own = shares.filter((share) => share.billingAccount?.href !== undefined && owners[share.billingAccount.href] === party);
  const { ratedProductUsage: _all, ...rest } = usage;
  return own.length > 0 ? { ...rest, ratedProductUsage: own } : rest;
}
