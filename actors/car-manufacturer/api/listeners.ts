import { type EventHandler, eventResource } from '../../../tmf/hub.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { INVOICE_CONTROL } from '../processes/partner-setup.ts';
import { followCspOrder, noteUsageState } from '../processes/service-sale.ts';
import type { Entity } from '../../../tmf/data.ts';
import type { OemData } from '../store.ts';
import { cspTicketListeners } from './ticket-listeners.ts';

/** What the OEM does when its peers' events arrive. */
export function oemListeners(runtime: ActorRuntime<OemData>): Record<string, EventHandler> {
  return {
    ...cspTicketListeners(runtime),
    /** Step 7.8 → 7.9: a bill is available; its control is owed with the event's receipt, done after the answer. */
    CustomerBillCreateEvent: (event) => {
      const bill = event.event.customerBill as { id: string };
      return (draft) => {
        runtime.owe(draft as OemData, INVOICE_CONTROL, { billId: bill.id }, { key: `${INVOICE_CONTROL}:${bill.id}` });
      };
    },
    /** Step 8.10: a record of one of its cars moved on in the CSP's mediation; noted with the event's receipt. */
    UsageStateChangeEvent: (event) => (draft) => noteUsageState(draft as OemData, event.event.usage as Entity),
    /**
     * Step 8.8: the CSP's connectivity order moved on; the OEM's own order follows in the update that
     * records the event's receipt, so a crash neither loses nor repeats it.
     */
    ProductOrderStateChangeEvent: (event) => (draft) => {
      const order = eventResource(event, 'TMF622', 'productOrder');
      if (order) followCspOrder(runtime, draft as OemData, order);
    },
  };
}
