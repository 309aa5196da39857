import { type EventHandler, eventResource } from '../../../tmf/hub.ts';
import { callerOf } from '../../../tmf/auth.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { keepCspTicket } from '../processes/ticket-settlement.ts';
import type { OemData } from '../store.ts';

const TICKET_EVENTS = ['TroubleTicketCreateEvent', 'TroubleTicketStatusChangeEvent', 'TroubleTicketAttributeValueChangeEvent', 'TroubleTicketResolvedEvent'];

/** Step 9.9: the CSP's ticket events keep the OEM's copies of its tickets up to date. */
export function cspTicketListeners(runtime: ActorRuntime<OemData>): Record<string, EventHandler> {
  const keep: EventHandler = async (event, req) => {
    if (req.res && callerOf(req.res).party !== 'csp') return;
    const ticket = eventResource(event, 'TMF621', 'troubleTicket');
    if (ticket) await keepCspTicket(runtime, ticket);
  };
  return Object.fromEntries(TICKET_EVENTS.map((type) => [type, keep]));
}
