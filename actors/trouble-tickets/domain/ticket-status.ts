import { conflict } from '../../../core/domain-error.ts';
import type { TroubleTicket } from '../../../tmf/resources.ts';
import { TICKET_STATUSES } from '../../../tmf/schemas/trouble-ticket.ts';

/** A TMF621 v4 trouble ticket status. */
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * The TMF621 life cycle as every party applies it. Rejected, cancelled and closed are final: a ticket
 * that left the process never comes back (a redirected trouble lives on in a new ticket). A resolved
 * ticket is either closed by its originator or taken up again (the fix did not hold).
 */
export const TICKET_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  acknowledged: ['inProgress', 'pending', 'held', 'resolved', 'rejected', 'cancelled'],
  inProgress: ['pending', 'held', 'resolved', 'rejected', 'cancelled'],
  pending: ['inProgress', 'held', 'resolved', 'cancelled'],
  held: ['inProgress', 'pending', 'cancelled'],
  resolved: ['closed', 'inProgress'],
  rejected: [],
  cancelled: [],
  closed: [],
};

export function isTicketStatus(value: unknown): value is TicketStatus {
  return (TICKET_STATUSES as readonly unknown[]).includes(value);
}

/** Whether a ticket may go from `from` to `to` (staying in the same status is no transition). */
export function canMove(from: TicketStatus, to: TicketStatus): boolean {
  return from === to || TICKET_TRANSITIONS[from].includes(to);
}

/** Refuses an illegal transition with a 409 that names both statuses and what is allowed instead. */
export function checkTransition(ticketId: string, from: TicketStatus, to: TicketStatus): void {
  if (canMove(from, to)) return;
  const allowed = TICKET_TRANSITIONS[from];
  throw conflict(
    'Illegal status transition',
    `Trouble ticket ${ticketId} cannot go from ${from} to ${to}; ${allowed.length ? `allowed: ${allowed.join(', ')}` : `${from} is final`}`,
    'ILLEGAL_TRANSITION',
  );
}

/** A new ticket as its receiver stores it: acknowledged now, with the first entry of its history. */
export function openTicket<T extends object>(input: T, now: Date) {
  const at = now.toISOString();
  const status: TicketStatus = 'acknowledged';
  return { ...input, status, creationDate: at, lastUpdate: at, statusChangeDate: at, statusChange: [{ status, changeDate: at }] };
}

/** What a status change reads and writes of a ticket. */
type Stamped = Pick<TroubleTicket, 'id' | 'status' | 'statusChange' | 'statusChangeReason'>;

/**
 * The ticket after a status change that was already found legal: the change is dated and kept in the
 * history with its reason; a resolution is dated too.
 */
export function stampStatus<T extends Stamped>(ticket: T, status: TicketStatus, now: Date, reason?: string): T {
  const at = now.toISOString();
  const history = ticket.statusChange ?? [];
  return {
    ...ticket,
    status,
    statusChangeDate: at,
    ...(reason ? { statusChangeReason: reason } : {}),
    ...(status === 'resolved' ? { resolutionDate: at } : {}),
    statusChange: [...history, { status, changeDate: at, ...(reason ? { changeReason: reason } : {}) }],
  };
}

/** Checks and applies a status change. */
export function changeStatus<T extends Stamped>(ticket: T, status: TicketStatus, now: Date, reason?: string): T {
  checkTransition(ticket.id, ticket.status, status);
  return stampStatus(ticket, status, now, reason);
}

/**
 * A merge-patched ticket whose status may have changed (TMF621 PATCH): a change is checked and
 * stamped like any other, with the patch's new reason if it gave one.
 */
export function patchedTicket<T extends Stamped>(current: T, next: T, now: Date): T {
  const from = current.status;
  const to = next.status;
  if (from === to) return next;
  checkTransition(current.id, from, to);
  const reason = next.statusChangeReason !== current.statusChangeReason && next.statusChangeReason ? next.statusChangeReason : undefined;
  return stampStatus(next, to, now, reason);
}
