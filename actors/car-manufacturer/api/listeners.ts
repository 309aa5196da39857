import type { EventHandler } from '../../../tmf/hub.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { controlInvoice } from '../processes/partner-setup.ts';
import { followCspOrder, noteUsageState } from '../processes/service-sale.ts';
import type { Entity } from '../../../tmf/data.ts';
import type { OemData } from '../store.ts';
import { cspTicketListeners } from './ticket-listeners.ts';

/** What the OEM does when its peers' events arrive. */
export function oemListeners(runtime: ActorRuntime<OemData>): Record<string, EventHandler> {
  return {
    ...cspTicketListeners(runtime),
    /** Step 7.8 → 7.9: a bill is available; control it once the listener has answered. */
    CustomerBillCreateEvent: (event) => {
      const bill = event.event.customerBill as { id: string };
      runtime.background(() => controlInvoice(runtime, bill.id));
    },
    /** Step 8.10: a record of one of its cars moved on in the CSP's mediation. */
    UsageStateChangeEvent: (event) => {
      runtime.background(() => noteUsageState(runtime, event.event.usage as Entity));
    },
    /** Step 8.8: the CSP's connectivity order moved on; the OEM's own order follows. */
    ProductOrderStateChangeEvent: (event) => {
      runtime.background(() => followCspOrder(runtime, event.event.productOrder as { id: string; state?: string }));
    },
  };
}
