import { JOURNAL } from '../../../core/journal-events.ts';
import type { ProductOrder } from '../../../tmf/resources.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { setUpConsumerService } from '../domain/consumer-order.ts';
import type { CspData } from '../store.ts';
import { completeOrder, findOrder, isRegistered, putProductsOnItems } from './order-state.ts';

/**
 * Step 8.8, once the order is inProgress: the 3rd party payer, the subscriptions and mediation's usage
 * collection in one change, then the order completed (each state change notified to the OEM). Resumable:
 * a registration already done is not done again.
 */
export async function fulfilConsumerOrder(runtime: ActorRuntime<CspData>, orderId: string, buyer: string): Promise<void> {
  const order = findOrder(runtime, orderId);
  if (!isRegistered(runtime, order.id)) await registerConsumerService(runtime, order, buyer);
  await completeOrder(runtime, orderId);
}

/** The payer, subscriptions and usage collection, in one change that also puts the products on the order's items. */
async function registerConsumerService(runtime: ActorRuntime<CspData>, order: ProductOrder, buyer: string): Promise<void> {
  await runtime.store.update((draft) => {
    const now = runtime.clock.now();
    const { consumer, products, collections } = setUpConsumerService(draft, order, buyer, now);
    runtime.journal(draft, JOURNAL.payerRegistered, { customer: consumer.customer.id, billingAccount: consumer.account.id, created: consumer.created });
    for (const product of products) runtime.journal(draft, JOURNAL.subscriptionRegistered, { product: product.id, billingAccount: consumer.account.id });
    for (const c of collections) runtime.journal(draft, JOURNAL.usageCollectionRequested, { product: c.product, criteria: c.criteria.basis, payers: c.payers });
    putProductsOnItems(draft, order.id, products);
  });
}
