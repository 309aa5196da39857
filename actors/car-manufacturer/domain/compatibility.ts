import type { Entity } from '../../../tmf/data.ts';

/** Product states in which a subscription still counts: ordered, being activated, or active. */
export const LIVE_STATUSES: readonly string[] = ['created', 'pendingActive', 'active'];

/**
 * Compatibility of a new order with the customer's products (11.4): a customer holds at most one live
 * subscription of the same offering. Returns every reason the order is refused, none when it may go on.
 */
export function compatibilityReasons(existing: readonly Entity[], offeringId: string): string[] {
  return existing
    .filter((p) => (p.productOffering as { id?: string } | undefined)?.id === offeringId && LIVE_STATUSES.includes(String(p.status)))
    .map((p) => `the customer already has product ${p.id} of offering ${offeringId} (status ${String(p.status)})`);
}
