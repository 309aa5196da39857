import type { EventHandler } from '../../../tmf/hub.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { completeActivation } from '../processes/converged-offer.ts';
import type { CpData } from '../store.ts';
import { partnerNoteListener } from '../../kit/partner-note.ts';
import { cpPayeeRecords } from '../domain/partner-settlement.ts';

/** What the content provider does when its peers' events arrive. */
export function cpListeners(runtime: ActorRuntime<CpData>): Record<string, EventHandler> {
  return {
    /** 11.9: the CSP completed the connectivity order: activate (11.10) once the listener answered. */
    ProductOrderStateChangeEvent: (event) => {
      const order = event.event.productOrder as { id: string; state: string };
      if (order.state === 'completed') runtime.background(() => completeActivation(runtime, order.id));
    },
    /** 11.12: the OEM sent a settlement note of the provider's share: checked against its activations, then answered. */
    SettlementNoteAdviceCreateEvent: partnerNoteListener(runtime, cpPayeeRecords),
    /** 11.12 after a dispute: the OEM revised the note; verified again and answered. */
    SettlementNoteAdviceStateChangeEvent: partnerNoteListener(runtime, cpPayeeRecords),
  };
}
