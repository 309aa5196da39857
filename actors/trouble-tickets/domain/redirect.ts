import type { ActorId } from '../../../core/actor-ids.ts';
import type { CreateBody, TroubleTicket } from '../../../tmf/resources.ts';
import { conflict, invalid } from '../../../core/domain-error.ts';
import { checkTransition } from './ticket-status.ts';

/** The parties with a resolution team: a ticket is redirected only between them. */
export const RESOLVERS = ['csp', 'car-manufacturer'] as const;
export type Resolver = (typeof RESOLVERS)[number];

export const REDIRECTED_FROM = 'redirectedFrom';
export const REDIRECTED_TO = 'redirectedTo';
/** Role of the party that opened the trouble (the call center) in a ticket's relatedParty. */
export const ORIGINATOR = 'originator';

export const relationshipsOf = (ticket: Pick<TroubleTicket, 'troubleTicketRelationship'>) => ticket.troubleTicketRelationship ?? [];

/** Who opened the trouble, from the ticket's relatedParty. */
export function originatorOf(ticket: Pick<TroubleTicket, 'relatedParty'>): string | undefined {
  return (ticket.relatedParty ?? []).find((p) => p.role === ORIGINATOR)?.id;
}

/** A redirect goes to the other resolver, of a ticket still in the process (rejecting it must be legal). */
export function checkRedirect(ticket: Pick<TroubleTicket, 'id' | 'status'>, from: ActorId, to: string): Resolver {
  if (!(RESOLVERS as readonly string[]).includes(to) || to === from) {
    throw invalid('Invalid redirect target', `A ticket at ${from} can be redirected to ${RESOLVERS.filter((r) => r !== from).join(' or ')}, not to '${to}'`);
  }
  checkTransition(ticket.id, ticket.status, 'rejected');
  return to as Resolver;
}

/**
 * What a ticket sent to another party must say of the trouble (a TMF621 create requires it). A stored
 * ticket was created with it, but a PATCH may have removed it since: such a ticket is not sent on.
 */
export function troubleOf(ticket: TroubleTicket): { description: string; severity: string; ticketType: string } {
  const { description, severity, ticketType } = ticket;
  if (description === undefined || severity === undefined || ticketType === undefined)
    throw conflict('Incomplete ticket', `Trouble ticket ${ticket.id} lacks its description, severity or type: it cannot be sent on`, 'INCOMPLETE_TICKET');
  return { description, severity, ticketType };
}

/** The ticket the right party receives: the same trouble, related to the ticket it replaces. */
export function redirectedTicket(ticket: TroubleTicket, from: ActorId, fromUrl: string, reason: string): CreateBody<'TMF621', 'troubleTicket'> {
  const { description, severity, ticketType } = troubleOf(ticket);
  return {
    name: ticket.name,
    description,
    severity,
    ticketType,
    externalId: ticket.externalId,
    relatedParty: ticket.relatedParty,
    relatedEntity: ticket.relatedEntity,
    note: [{ text: `Redirected by ${from}: ${reason}`, author: from }],
    troubleTicketRelationship: [{ id: ticket.id, href: `${fromUrl}${ticket.href}`, name: from, relationshipType: REDIRECTED_FROM }],
  };
}

/**
 * A trouble comes back to a party that already turned it away: a ticket here with the same externalId
 * was rejected. Accepting it would let two teams bounce the driver's trouble forever.
 */
export function refusePingPong(tickets: readonly TroubleTicket[], incoming: Pick<TroubleTicket, 'externalId'>, self: ActorId): void {
  if (!incoming.externalId) return;
  const rejected = tickets.find((t) => t.externalId === incoming.externalId && t.status === 'rejected');
  if (!rejected) return;
  throw conflict(
    'Redirect ping-pong',
    `${self} already rejected trouble ${incoming.externalId} (ticket ${rejected.id}: ${rejected.statusChangeReason ?? 'no reason given'}); ` +
      'it cannot be redirected back here — escalate to the call center instead',
    'REDIRECT_LOOP',
  );
}

/**
 * Who besides the ticket's owner reads the tickets a resolver holds: the CSP's tickets reach the OEM,
 * which settles the call center's work and may invoice the CSP per connectivity ticket (FLOWS 9.9, 9.14).
 */
export function ticketReaders(resolver: ActorId): string[] {
  return resolver === 'csp' ? ['car-manufacturer'] : [];
}
