import { collection, type Entity } from '../../../tmf/data.ts';
import { addEntity } from '../../../tmf/entity.ts';
import type { CspData } from '../store.ts';
import type { OrderItem } from './order-check.ts';

const ref = (e: Entity) => ({ id: e.id, href: e.href, name: e.name as string | undefined });

/** A TMF637 ProductPrice: the price agreed for the product, from the offering price it was ordered at. */
function productPrice(priceRef: Entity, price: Entity | undefined) {
  const type = String(price?.priceType ?? 'recurring');
  return {
    name: priceRef.name,
    priceType: type,
    ...(type === 'recurring' ? { recurringChargePeriod: String(price?.recurringChargePeriodType ?? 'month') } : {}),
    price: { dutyFreeAmount: price?.price ?? { unit: 'EUR', value: 0 } },
    productOfferingPrice: { id: priceRef.id, href: priceRef.href, name: priceRef.name },
  };
}

/**
 * Registers the subscriptions of a fulfilled order in the inventory (steps 7.4 and 8.8): one active
 * TMF637 product per item, billed to the given account, owned by the ordering partner.
 */
export function registerSubscriptions(draft: CspData, order: Entity, items: readonly OrderItem[], billingAccount: Entity, owner: string, now: Date): Entity[] {
  return items.map((item) => registerProduct(draft, order, item, owner, now, { billingAccount, relatedParty: billingAccount.relatedParty }));
}

/**
 * One active TMF637 product for an item of a fulfilled order, on the offering ordered. Billed to an
 * account, it carries the prices agreed (the offering's) and the account; otherwise (a converged offer's
 * connectivity, paid through settlement, 11.8) neither.
 */
export function registerProduct(
  draft: CspData,
  order: Entity,
  item: { readonly id: string; readonly productOffering?: { readonly id: string } },
  owner: string,
  now: Date,
  terms: { readonly billingAccount?: Entity; readonly relatedParty: unknown },
): Entity {
  const offering = collection(draft, 'TMF620', 'productOffering').find((o) => o.id === item.productOffering?.id)!;
  const prices = collection(draft, 'TMF620', 'productOfferingPrice');
  const account = terms.billingAccount;
  return addEntity(
    draft,
    'TMF637',
    'product',
    {
      name: offering.name,
      status: 'active',
      isBundle: false,
      startDate: now.toISOString(),
      orderDate: now.toISOString(),
      productOffering: ref(offering),
      ...(account
        ? {
            productPrice: ((offering.productOfferingPrice as Entity[] | undefined) ?? []).map((p) =>
              productPrice(
                p,
                prices.find((full) => full.id === p.id),
              ),
            ),
            billingAccount: ref(account),
          }
        : {}),
      productOrderItem: [{ productOrderId: order.id, productOrderHref: order.href, orderItemId: item.id, orderItemAction: 'add' }],
      relatedParty: terms.relatedParty,
    },
    owner,
  );
}
