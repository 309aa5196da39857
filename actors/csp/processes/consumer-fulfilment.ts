import { JOURNAL } from '../../../core/journal-events.ts';
import { collection } from '../../../tmf/data.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { setUpConsumerService } from '../domain/consumer-order.ts';
import type { OrderItem } from '../domain/order-check.ts';
import type { CspData } from '../store.ts';
import { findOrder, setOrderState } from './order-state.ts';

/**
 * Step 8.8, once the order is inProgress: the 3rd party payer, the subscriptions and mediation's usage
 * collection in one change, then the order completed (each state change notified to the OEM).
 */
export async function fulfilConsumerOrder(runtime: ActorRuntime<CspData>, orderId: string, buyer: string): Promise<void> {
  const order = findOrder(runtime, orderId);
  await runtime.store.update((draft) => {
    const now = runtime.clock.now();
    const { consumer, products, collections } = setUpConsumerService(draft, order, buyer, now);
    runtime.journal(draft, JOURNAL.payerRegistered, { customer: consumer.customer.id, billingAccount: consumer.account.id, created: consumer.created });
    for (const product of products) runtime.journal(draft, JOURNAL.subscriptionRegistered, { product: product.id, billingAccount: consumer.account.id });
    for (const c of collections) runtime.journal(draft, JOURNAL.usageCollectionRequested, { product: c.product, criteria: c.criteria.basis, payers: c.payers });
    const stored = collection(draft, 'TMF622', 'productOrder').find((o) => o.id === orderId)!;
    stored.productOrderItem = (order.productOrderItem as OrderItem[]).map((item, i) => ({
      ...item,
      state: 'completed',
      product: { id: products[i].id, href: products[i].href },
    }));
  });
  await setOrderState(runtime, orderId, 'completed');
}
