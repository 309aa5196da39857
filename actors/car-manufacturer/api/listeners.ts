import type { EventHandler } from '../../../tmf/hub.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { controlInvoice } from '../processes/partner-setup.ts';
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
  };
}
