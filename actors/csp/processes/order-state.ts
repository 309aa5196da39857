/** A TMF622 order's state changes, shared by every CSP fulfilment path (partner, consumer, converged). */
import { JOURNAL } from '../../../core/journal-events.ts';
import { collection, type Entity } from '../../../tmf/data.ts';
import { changeEventType } from '../../../tmf/events.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { CspData } from '../store.ts';

type Runtime = ActorRuntime<CspData>;

export async function setOrderState(runtime: Runtime, orderId: string, state: string): Promise<void> {
  await runtime.store.update((draft) => {
    const orders = collection(draft, 'TMF622', 'productOrder');
    const index = orders.findIndex((o) => o.id === orderId);
    const before = orders[index];
    const now = runtime.clock.now().toISOString();
    const after: Entity = { ...before, state, ...(state === 'completed' ? { completionDate: now } : {}) };
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

export function findOrder(runtime: Runtime, orderId: string): Entity {
  return runtime.store.data.resources['TMF622.productOrder']!.find((o) => o.id === orderId)!;
}
