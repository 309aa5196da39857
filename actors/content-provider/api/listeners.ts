import { type EventHandler, eventResource } from '../../../tmf/hub.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { COMPLETE_ACTIVATION } from '../processes/converged-offer.ts';
import type { CpData } from '../store.ts';
import { partnerNoteListener } from '../../kit/partner-note.ts';

/** What the content provider does when its peers' events arrive. */
export function cpListeners(runtime: ActorRuntime<CpData>): Record<string, EventHandler> {
  return {
    /** 11.9: the CSP completed the connectivity order: activation (11.10) is owed with the event's receipt. */
    ProductOrderStateChangeEvent: (event) => {
      const order = eventResource(event, 'TMF622', 'productOrder');
      if (order?.state !== 'completed') return;
      return COMPLETE_ACTIVATION.owing(runtime, { cspOrderId: order.id }, { key: `${COMPLETE_ACTIVATION}:${order.id}` });
    },
    /** 11.12: the OEM sent a settlement note of the provider's share: checked against its activations, then answered. */
    SettlementNoteAdviceCreateEvent: partnerNoteListener(runtime),
    /** 11.12 after a dispute: the OEM revised the note; verified again and answered. */
    SettlementNoteAdviceStateChangeEvent: partnerNoteListener(runtime),
  };
}
