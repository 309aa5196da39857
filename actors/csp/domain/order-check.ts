import { invalid } from '../../../core/domain-error.ts';
import type { ProductOffering, ProductOrderItem } from '../../../tmf/resources.ts';

/** A TMF622 order item, as its schema has it. */
export type OrderItem = ProductOrderItem;

/**
 * Every item of a new order must add a launched offering of this catalog. All reasons are listed at
 * once, so a partner fixes its order in one go.
 */
export function checkOrderItems(items: readonly OrderItem[], offerings: readonly ProductOffering[]): void {
  const reasons: string[] = [];
  if (items.length === 0) reasons.push('the order has no productOrderItem');
  for (const item of items) {
    if (item.action !== 'add') reasons.push(`item ${item.id}: only action 'add' is supported on a new order, got '${item.action}'`);
    const offering = offerings.find((o) => o.id === item.productOffering?.id);
    if (!item.productOffering?.id) reasons.push(`item ${item.id}: productOffering.id is required`);
    else if (!offering) reasons.push(`item ${item.id}: unknown productOffering ${item.productOffering.id}`);
    else if (offering.lifecycleStatus !== 'Launched')
      reasons.push(`item ${item.id}: productOffering ${offering.id} is ${offering.lifecycleStatus}, not Launched`);
  }
  if (reasons.length > 0) throw invalid('Invalid order', reasons.join('; '), 'INVALID_ORDER');
}

/** The offerings that make an order a partner order (figure 7) rather than a consumer one. */
export const PARTNER_OFFERINGS: readonly string[] = ['po-partner-connectivity', 'po-split-billing'];

export const isPartnerOrder = (items: readonly OrderItem[]) => items.some((i) => PARTNER_OFFERINGS.includes(i.productOffering?.id ?? ''));
