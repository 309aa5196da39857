import type { ActorId } from '../../../core/actor-ids.ts';
import { callerOf } from '../../../tmf/auth.ts';
import type { Entity } from '../../../tmf/data.ts';
import { type EventHandler, eventResource } from '../../../tmf/hub.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { RESOLVERS } from '../../trouble-tickets/domain/redirect.ts';
import { FETCH_NOTE, keepNote, NOTE_CHANGED } from '../processes/ticket-settlement.ts';
import { violationHeard } from '../processes/sla.ts';
import { ticketChanged, ticketResolved } from '../processes/tickets.ts';
import type { CallCenterData } from '../store.ts';

/** The partner that sent an event, when it is one of the resolvers; other senders are ignored. */
const resolverSending = (req: Parameters<EventHandler>[1]): ActorId | undefined => {
  const party = req.res ? callerOf(req.res).party : undefined;
  return (RESOLVERS as readonly string[]).includes(party ?? '') ? (party as ActorId) : undefined;
};

/**
 * What the call center hears: ticket progress and resolutions (9.4–9.6), SLA violations (9.21) and
 * settlement notes (9.11). State follows at once, in event order; calls to peers run in the background.
 */
export function callCenterListeners(runtime: ActorRuntime<CallCenterData>): Record<string, EventHandler> {
  const ticketOf = (event: Parameters<EventHandler>[0]) => eventResource(event, 'TMF621', 'troubleTicket');
  return {
    TroubleTicketStatusChangeEvent: async (event, req) => {
      const from = resolverSending(req);
      const ticket = ticketOf(event);
      if (from && ticket) await ticketChanged(runtime, from, ticket);
    },
    TroubleTicketResolvedEvent: async (event, req) => {
      const from = resolverSending(req);
      const ticket = ticketOf(event);
      if (from && ticket) await ticketResolved(runtime, from, ticket);
    },
    SlaViolationCreateEvent: async (event, req) => {
      const provider = resolverSending(req);
      const violation = eventResource(event, 'TMF623', 'slaViolation');
      if (provider && violation) await violationHeard(runtime, provider, violation);
    },
    SettlementNoteAdviceCreateEvent: (event) => {
      const note = event.event.settlementNoteAdvice as Entity;
      return (draft) => {
        runtime.owe(draft as CallCenterData, FETCH_NOTE, { noteId: String(note.id) });
      };
    },
    SettlementNoteAdviceStateChangeEvent: (event) => {
      const note = event.event.settlementNoteAdvice as Entity;
      return runtime.owing(NOTE_CHANGED, { note }, { key: `${NOTE_CHANGED}:${event.eventId}`, lane: `${NOTE_CHANGED}:${String(note.id)}` });
    },
    SettlementNoteAdviceAttributeValueChangeEvent: (event) => keepNote(runtime, event.event.settlementNoteAdvice as Entity),
  };
}
