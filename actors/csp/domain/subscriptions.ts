import { collection } from '../../../tmf/data.ts';
import { addEntity } from '../../../tmf/entity.ts';
import type {
  BillingAccount,
  EntityRef,
  Product,
  ProductOrder,
  ProductOrderItem,
  ProductPrice,
  ProductOfferingPrice,
  RelatedParty,
} from '../../../tmf/resources.ts';
import type { CspData } from '../store.ts';

const ref = (e: { id: string; href: string; name?: string }): EntityRef => ({ id: e.id, href: e.href, ...(e.name === undefined ? {} : { name: e.name }) });

/** A TMF637 ProductPrice: the price agreed for the product, from the offering price it was ordered at. */
function productPrice(priceRef: EntityRef, price: ProductOfferingPrice | undefined): ProductPrice {
  const type = price?.priceType ?? 'recurring';
  return {
    ...(priceRef.name === undefined ? {} : { name: priceRef.name }),
    priceType: type,
    ...(type === 'recurring' ? { recurringChargePeriod: price?.recurringChargePeriodType ?? 'month' } : {}),
    price: { dutyFreeAmount: price?.price ?? { unit: 'EUR', value: 0 } },
    productOfferingPrice: ref({ ...priceRef, href: priceRef.href ?? '' }),
  };
}

/**
 * Registers the subscriptions of a fulfilled order in the inventory (steps 7.4 and 8.8): one active
 * TMF637 product per item, billed to the given account, owned by the ordering partner.
 */
export function registerSubscriptions(
  draft: CspData,
  order: ProductOrder,
  items: readonly ProductOrderItem[],
  billingAccount: BillingAccount,
  owner: string,
  now: Date,
): Product[] {
  return items.map((item) => registerProduct(draft, order, item, owner, now, { billingAccount, relatedParty: billingAccount.relatedParty }));
}

/**
 * One active TMF637 product for an item of a fulfilled order, on the offering ordered. Billed to an
 * account, it carries the prices agreed (the offering's) and the account; otherwise (a converged offer's
 * connectivity, paid through settlement, 11.8) neither.
 */
export function registerProduct(
  draft: CspData,
  order: ProductOrder,
  item: { readonly id: string; readonly productOffering?: { readonly id: string } },
  owner: string,
  now: Date,
  terms: { readonly billingAccount?: BillingAccount; readonly relatedParty?: RelatedParty[] },
): Product {
  // The order's items were checked against this catalog when it was taken (checkOrderItems).
  const offering = collection(draft, 'TMF620', 'productOffering').find((o) => o.id === item.productOffering?.id)!;
  const prices = collection(draft, 'TMF620', 'productOfferingPrice');
  const account = terms.billingAccount;
  return addEntity(
    draft,
    'TMF637',
    'product',
    {
      ...(offering.name === undefined ? {} : { name: offering.name }),
      status: 'active',
      isBundle: false,
      startDate: now.toISOString(),
      orderDate: now.toISOString(),
      productOffering: ref(offering),
      ...(account
        ? {
            productPrice: (offering.productOfferingPrice ?? []).map((p) =>
              productPrice(
                p,
                prices.find((full) => full.id === p.id),
              ),
            ),
            billingAccount: ref(account),
          }
        : {}),
      productOrderItem: [{ productOrderId: order.id, productOrderHref: order.href, orderItemId: item.id, orderItemAction: 'add' }],
      ...(terms.relatedParty ? { relatedParty: terms.relatedParty } : {}),
    },
    owner,
  );
}
