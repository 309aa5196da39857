import { collection } from '../../../tmf/data.ts';
import type { Incoming, ProductOrder } from '../../../tmf/resources.ts';
import { invalid } from '../../../core/domain-error.ts';
import type { CspData, UsageCollection } from '../store.ts';
import type { OrderItem } from './order-check.ts';
import { registerSubscriptions } from './subscriptions.ts';
import { checkCriteria, DEFAULT_CRITERIA, isSplitCriteria, ROLES, type SplitCriteria } from './split-billing.ts';
import { CONSUMER_ACCOUNT, ensureConsumer } from './third-party-payer.ts';

/** An order as stored, or as created (before the CSP has given it its state). */
type Order = ProductOrder | Incoming<'TMF622', 'productOrder'>;

const partiesOf = (order: Order) => order.relatedParty ?? [];

/** The driver who agreed to pay (FLOWS 8.7): what makes an order a figure 8 consumer order. */
export const thirdPartyPayerOf = (order: Order) => partiesOf(order).find((p) => p.role === ROLES.thirdPartyPayer);

const characteristicsOf = (item: OrderItem) => item.product?.productCharacteristic ?? [];

/** The split billing criteria the item asks for, if any (an advanced offer's order item); criteria that do not hold are refused. */
export function requestedCriteriaOf(item: OrderItem): SplitCriteria | undefined {
  const requested = characteristicsOf(item).find((c) => c.name === 'splitBillingCriteria');
  if (!requested) return undefined;
  if (!isSplitCriteria(requested.value)) throw invalid('Invalid order', `item ${item.id}: splitBillingCriteria do not follow their schema`, 'INVALID_ORDER');
  return requested.value;
}

/** The item's split billing criteria (the advanced offer), or the default usage-class split. */
export const criteriaOf = (item: OrderItem): SplitCriteria => requestedCriteriaOf(item) ?? DEFAULT_CRITERIA;

/** The partner's own billing account: who `buyer` is when it comes to paying. */
export const partnerAccountOf = (draft: CspData, partner: string) =>
  collection(draft, 'TMF666', 'billingAccount').find((a) => a.accountType === 'partner' && draft.owners[a.href] === partner);

/**
 * A consumer order may be placed only by an onboarded partner, for a 3rd party payer the CSP knows
 * (an individual of TMF632), on that payer's own account if it names one, with criteria that hold.
 * Every reason at once, as a 400.
 */
export function checkConsumerOrder(draft: CspData, order: Order, buyer: string): void {
  const reasons: string[] = [];
  const payer = thirdPartyPayerOf(order)!;
  if (!partnerAccountOf(draft, buyer)) reasons.push(`${buyer} is not an onboarded partner of the CSP: it has no partner billing account to pay its share`);
  if (!collection(draft, 'TMF632', 'individual').some((i) => i.id === payer.id))
    reasons.push(`thirdPartyPayer ${payer.id} is not an individual known to the CSP (TMF632)`);
  const accountRef = order.billingAccount;
  if (accountRef) {
    const account = collection(draft, 'TMF666', 'billingAccount').find((a) => a.id === accountRef.id);
    if (!account || account.accountType !== CONSUMER_ACCOUNT) reasons.push(`billingAccount ${accountRef.id} is not a consumer billing account of the CSP`);
    else if (!account.relatedParty.some((p) => p.id === payer.id))
      reasons.push(`billingAccount ${accountRef.id} does not belong to thirdPartyPayer ${payer.id}`);
  }
  if (reasons.length > 0) throw invalid('Invalid order', reasons.join('; '), 'INVALID_ORDER');
  const roles = partiesOf(order).map((p) => p.role ?? '');
  for (const item of order.productOrderItem) checkCriteria(item.id, criteriaOf(item), roles);
}

/**
 * Step 8.8 in the CSP's store: the 3rd party payer set up (customer + billing account, created or
 * reused), the subscriptions completed with the order's parties and characteristics, and mediation
 * told to collect their usage. Returns what the journal reports.
 */
export function setUpConsumerService(draft: CspData, order: ProductOrder, buyer: string, now: Date) {
  const payer = thirdPartyPayerOf(order)!;
  const individual = collection(draft, 'TMF632', 'individual').find((i) => i.id === payer.id)!;
  const consumer = ensureConsumer(draft, individual, now);
  const buyerAccount = partnerAccountOf(draft, buyer)!;
  const items = order.productOrderItem;
  const products = registerSubscriptions(draft, order, items, consumer.account, buyer, now);
  const collections = products.map((product, i): UsageCollection => {
    product.relatedParty = partiesOf(order);
    product.productCharacteristic = characteristicsOf(items[i]);
    const collected: UsageCollection = {
      product: product.id,
      openedAt: now.toISOString(),
      criteria: criteriaOf(items[i]),
      payers: {
        [ROLES.thirdPartyPayer]: { id: consumer.account.id, href: consumer.account.href },
        [ROLES.buyer]: { id: buyerAccount.id, href: buyerAccount.href },
      },
    };
    draft.usageCollections.push(collected);
    return collected;
  });
  return { consumer, products, collections };
}
