/** A TMF622 order's state changes, shared by every CSP fulfilment path (partner, consumer, converged). */
import { JOURNAL } from '../../../core/journal-events.ts';
import type { Ref } from '../../../core/tmf-bill.ts';
import { collection, findBy, findIndexBy, items } from '../../../tmf/data.ts';
import { changeEventType } from '../../../tmf/events.ts';
import type { ProductOrder } from '../../../tmf/resources.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { CspData } from '../store.ts';

type Runtime = ActorRuntime<CspData>;

export async function setOrderState(runtime: Runtime, orderId: string, state: ProductOrder['state']): Promise<void> {
  await runtime.store.update((draft) => {
    const orders = collection(draft, 'TMF622', 'productOrder');
    // By index, then by position among the committed orders: a scan would draft every order on the way.
    const index = findIndexBy(orders, 'id', orderId);
    const before = orders[index];
    const now = runtime.clock.now().toISOString();
    const after: ProductOrder = { ...before, state, ...(state === 'completed' ? { completionDate: now } : {}) };
    orders[index] = after;
    if (state === 'completed') runtime.journal(draft, JOURNAL.orderCompleted, { order: orderId });
    runtime.notifier.enqueue(draft, runtime.clock.now(), {
      api: 'TMF622',
      eventType: changeEventType('TMF622', before, after),
      resource: 'productOrder',
      entity: after,
    });
  });
  runtime.notifier.kick();
}

/**
 * The last step of every fulfilment path. A fulfilment resumed after a kill may find the order already
 * completed: it is then neither changed nor notified again.
 */
export async function completeOrder(runtime: Runtime, orderId: string): Promise<void> {
  if (findOrder(runtime, orderId).state !== 'completed') await setOrderState(runtime, orderId, 'completed');
}

/**
 * The registration step of a fulfilment is done once the CSP holds products made for the order: they
 * are made in one update (with the products put on the order's items), so a resumed fulfilment skips it
 * instead of registering twice. Decided by the products, not the items, which the buyer wrote: an item's
 * product id only says which product to look at (by index: scanning every product for each order made
 * onboarding a fleet slow down as the fleet grew).
 */
export function isRegistered(runtime: Runtime, orderId: string): boolean {
  const products = items(runtime.store.data, 'TMF637', 'product');
  return findOrder(runtime, orderId).productOrderItem.some((item) => {
    const id = item.product?.id;
    return typeof id === 'string' && findBy(products, 'id', id)?.productOrderItem?.some((ref) => ref.productOrderId === orderId) === true;
  });
}

/** Puts each registered product on its order item (item i has products[i]): in the registration's own update, it is what `isRegistered` reads. */
export function putProductsOnItems(draft: CspData, orderId: string, products: readonly Ref[]): void {
  const stored = findBy(collection(draft, 'TMF622', 'productOrder'), 'id', orderId)!;
  stored.productOrderItem = stored.productOrderItem.map((item, i) => ({
    ...item,
    state: 'completed',
    product: { id: products[i].id, href: products[i].href },
  }));
}

/** An order the CSP holds: fulfilment runs only on orders it stored. */
export function findOrder(runtime: Runtime, orderId: string): ProductOrder {
  const order = findBy(items(runtime.store.data, 'TMF622', 'productOrder'), 'id', orderId);
  if (!order) throw new Error(`no product order ${orderId} at the CSP`);
  return order;
}
