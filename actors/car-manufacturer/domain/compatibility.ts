import type { Product } from '../../../tmf/resources.ts';

/** Product states in which a subscription still counts: ordered, being activated, or active. */
export const LIVE_STATUSES: readonly string[] = ['created', 'pendingActive', 'active'];

/**
 * Compatibility of a new order with the customer's products (11.4): a customer holds at most one live
 * subscription of the same offering. Returns every reason the order is refused, none when it may go on.
 */
export function compatibilityReasons(existing: readonly Pick<Product, 'id' | 'productOffering' | 'status'>[], offeringId: string): string[] {
  return existing
    .filter((p) => p.productOffering?.id === offeringId && LIVE_STATUSES.includes(p.status))
    .map((p) => `the customer already has product ${p.id} of offering ${offeringId} (status ${p.status})`);
}
