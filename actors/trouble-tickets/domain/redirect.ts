import type { ActorId } from '../../../core/actor-ids.ts';
import type { Entity } from '../../../tmf/data.ts';
import { conflict, invalid } from '../../../core/domain-error.ts';
import { checkTransition, type TicketStatus } from './ticket-status.ts';

/** The parties with a resolution team: a ticket is redirected only between them. */
export const RESOLVERS = ['csp', 'car-manufacturer'] as const;
export type Resolver = (typeof RESOLVERS)[number];

/** Whether a party (as a peer names it) is one of the resolvers. */
export const isResolver = (party: string | undefined): party is Resolver => RESOLVERS.some((r) => r === party);

export const REDIRECTED_FROM = 'redirectedFrom';
export const REDIRECTED_TO = 'redirectedTo';
/** Role of the party that opened the trouble (the call center) in a ticket's relatedParty. */
export const ORIGINATOR = 'originator';

export interface TicketRelationship {
  id: string;
  href?: string;
  name?: string;
  relationshipType: string;
}

export const relationshipsOf = (ticket: Entity) => (ticket.troubleTicketRelationship as TicketRelationship[] | undefined) ?? [];

/** Who opened the trouble, from the ticket's relatedParty. */
export function originatorOf(ticket: Entity): string | undefined {
  return ((ticket.relatedParty as { id: string; role?: string }[] | undefined) ?? []).find((p) => p.role === ORIGINATOR)?.id;
}

/** A redirect goes to the other resolver, of a ticket still in the process (rejecting it must be legal). */
export function checkRedirect(ticket: Entity, from: ActorId, to: string): Resolver {
  if (!(RESOLVERS as readonly string[]).includes(to) || to === from) {
    throw invalid('Invalid redirect target', `A ticket at ${from} can be redirected to ${RESOLVERS.filter((r) => r !== from).join(' or ')}, not to '${to}'`);
  }
  checkTransition(ticket.id, ticket.status as TicketStatus, 'rejected');
  return to as Resolver;
}

/** The ticket the right party receives: the same trouble, related to the ticket it replaces. */
export function redirectedTicket(ticket: Entity, from: ActorId, fromUrl: string, reason: string): Record<string, unknown> {
  return {
    name: ticket.name,
    description: ticket.description,
    severity: ticket.severity,
    ticketType: ticket.ticketType,
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
export function refusePingPong(tickets: readonly Entity[], incoming: Entity, self: ActorId): void {
  if (!incoming.externalId) return;
  const rejected = tickets.find((t) => t.externalId === incoming.externalId && t.status === 'rejected');
  if (!rejected) return;
  throw conflict(
    'Redirect ping-pong',
    `${self} already rejected trouble ${String(incoming.externalId)} (ticket ${rejected.id}: ${String(rejected.statusChangeReason)}); ` +
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
