/**
 * Listener event names (lowerCamel, as in `/listener/<event>`) that several steps share. TMF623 v2 and
 * Billing Management v2 name no listener paths; their events follow the v4 pattern `<resource>CreateEvent`.
 */

/** What a product order may raise at its orderer's listener while the provider processes it. */
export const PRODUCT_ORDER_EVENTS = ['productOrderCreateEvent', 'productOrderStateChangeEvent', 'productOrderAttributeValueChangeEvent'] as const;

/** Progress of a trouble ticket at the party handling it. */
export const TICKET_PROGRESS_EVENTS = ['troubleTicketStatusChangeEvent', 'troubleTicketAttributeValueChangeEvent'] as const;

export const TICKET_RESOLVED_EVENT = 'troubleTicketResolvedEvent';

export const SLA_VIOLATION_EVENT = 'slaViolationCreateEvent';

export const SETTLEMENT_NOTE_CREATED_EVENT = 'settlementNoteAdviceCreateEvent';

/** Later changes of a settlement note advice (accepted, disputed, revised). */
export const SETTLEMENT_NOTE_CHANGE_EVENTS = ['settlementNoteAdviceStateChangeEvent', 'settlementNoteAdviceAttributeValueChangeEvent'] as const;
