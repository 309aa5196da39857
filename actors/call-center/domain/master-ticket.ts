import type { CreateBody, TroubleTicket } from '../../../tmf/resources.ts';
import { ALARM, SLA_METRIC_ROLE } from '../../trouble-tickets/domain/alarm.ts';
import { ORIGINATOR, REDIRECTED_TO, relationshipsOf, troubleOf } from '../../trouble-tickets/domain/redirect.ts';
import { canMove, stampStatus } from '../../trouble-tickets/domain/ticket-status.ts';
import type { SupportReport, TroubleNature } from './routing.ts';

/** The driver's support request (9.1). */
export interface SupportRequest extends SupportReport {
  customer: { id: string; name?: string };
  severity?: string;
}

export const RESOLVER_ROLE = 'resolver';
export const ASSIGNED_TO = 'assignedTo';

/** Step 9.2: the master ticket of a driver's call, before it is sent anywhere. */
export function masterTicket(request: SupportRequest, nature: TroubleNature): CreateBody<'TMF621', 'troubleTicket'> {
  return {
    name: `${nature} trouble`,
    description: request.description,
    severity: request.severity ?? 'minor',
    ticketType: nature,
    channel: { id: 'phone', name: 'phone' },
    relatedParty: [{ id: request.customer.id, name: request.customer.name, role: 'customer', '@referredType': 'Individual' }],
    ...(request.symptoms?.length ? { note: [{ text: `Symptoms: ${request.symptoms.join(', ')}`, author: 'call-center' }] } : {}),
  };
}

/** The master ticket of an SLA alarm (9.25): it carries the violation's metric identifier. */
export function alarmMaster(metric: string, description: string): CreateBody<'TMF621', 'troubleTicket'> {
  return {
    name: `SLA alarm ${metric}`,
    description,
    severity: 'major',
    ticketType: ALARM,
    relatedEntity: [{ id: metric, name: metric, role: SLA_METRIC_ROLE, '@referredType': 'SlaMetric' }],
  };
}

/** What a resolver receives (9.3, 9.25): the trouble, with the master ticket id as externalId. */
export function resolverTicket(master: TroubleTicket): CreateBody<'TMF621', 'troubleTicket'> {
  const parties = master.relatedParty ?? [];
  return {
    name: master.name,
    ...troubleOf(master),
    externalId: master.id,
    relatedEntity: master.relatedEntity,
    note: master.note,
    relatedParty: [{ id: 'call-center', name: 'Call center', role: ORIGINATOR, '@referredType': 'Organization' }, ...parties],
  };
}

/** The master ticket now points at the resolver's ticket, and names the resolver. */
export function assign(master: TroubleTicket, resolver: string, ticket: { id: string; href: string }): TroubleTicket {
  const parties = (master.relatedParty ?? []).filter((p) => p.role !== RESOLVER_ROLE);
  const links = relationshipsOf(master).filter((r) => r.relationshipType !== ASSIGNED_TO);
  return {
    ...master,
    relatedParty: [...parties, { id: resolver, role: RESOLVER_ROLE, '@referredType': 'Organization' }],
    troubleTicketRelationship: [...links, { id: ticket.id, href: ticket.href, name: resolver, relationshipType: ASSIGNED_TO }],
  };
}

export function resolverOf(master: TroubleTicket): { party: string; ticket: string } | undefined {
  const link = relationshipsOf(master).find((r) => r.relationshipType === ASSIGNED_TO);
  return link?.name ? { party: link.name, ticket: link.id } : undefined;
}

/** Whether a ticket of `from` is the one the master ticket follows now (ids are only unique per party). */
export function isCurrent(master: TroubleTicket, from: string, ticket: TroubleTicket): boolean {
  const current = resolverOf(master);
  return current?.party === from && current.ticket === ticket.id;
}

/**
 * A resolver's ticket changed status. A redirect (rejected, with the ticket that replaced it) makes the
 * master ticket follow the trouble to its new owner; progress moves the master ticket along when legal.
 */
export function follow(master: TroubleTicket, from: string, ticket: TroubleTicket, now: Date): TroubleTicket {
  if (!isCurrent(master, from, ticket)) return master; // an old ticket of this trouble: the master has moved on
  const redirect = relationshipsOf(ticket).find((r) => r.relationshipType === REDIRECTED_TO);
  if (ticket.status === 'rejected' && redirect?.name) {
    const moved = assign(master, redirect.name, { id: redirect.id, href: redirect.href ?? '' });
    return {
      ...moved,
      note: [...(master.note ?? []), { text: ticket.statusChangeReason ?? `redirected to ${redirect.name}`, author: from, date: now.toISOString() }],
    };
  }
  const status = ticket.status;
  const mirrored = ['inProgress', 'pending', 'held'].includes(status) && status !== master.status && canMove(master.status, status);
  return mirrored ? stampStatus(master, status, now) : master;
}

/** Step 9.6: the resolution comes back; the master ticket is resolved with the resolver's last note. */
export function resolve(master: TroubleTicket, from: string, ticket: TroubleTicket, now: Date): TroubleTicket {
  if (!isCurrent(master, from, ticket) || !canMove(master.status, 'resolved') || master.status === 'resolved') return master;
  const notes = ticket.note ?? [];
  const resolution = notes.at(-1)?.text ?? 'resolved';
  return { ...stampStatus(master, 'resolved', now, resolution), resolution };
}
