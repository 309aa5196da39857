import { JOURNAL } from '../../../core/journal-events.ts';
import { collection, items } from '../../../tmf/data.ts';
import { badRequest, notFound } from '../../../tmf/errors.ts';
import type { TroubleTicket } from '../../../tmf/resources.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { TicketData } from '../data.ts';
import { ALARM } from '../domain/alarm.ts';
import { checkRedirect, REDIRECTED_TO, redirectedTicket, relationshipsOf } from '../domain/redirect.ts';
import { hoursBetween, METRIC } from '../domain/sla-rules.ts';
import { changeStatus, isTicketStatus } from '../domain/ticket-status.ts';
import { evaluateMeasurement } from './sla.ts';

type Runtime<D extends TicketData> = ActorRuntime<D>;

function ticketIn(draft: TicketData, id: string): { list: TroubleTicket[]; index: number } {
  const list = collection(draft, 'TMF621', 'troubleTicket');
  const index = list.findIndex((t) => t.id === id);
  if (index < 0) throw notFound('troubleTicket', id);
  return { list, index };
}

/** Notifies a ticket's status change; a resolution is also a ResolvedEvent (9.6). */
function notifyStatus<D extends TicketData>(runtime: Runtime<D>, draft: D, ticket: TroubleTicket): void {
  const now = runtime.clock.now();
  runtime.notifier.enqueue(draft, now, { api: 'TMF621', eventType: 'TroubleTicketStatusChangeEvent', resource: 'troubleTicket', entity: ticket });
  if (ticket.status === 'resolved')
    runtime.notifier.enqueue(draft, now, { api: 'TMF621', eventType: 'TroubleTicketResolvedEvent', resource: 'troubleTicket', entity: ticket });
}

/**
 * The resolution team moves a ticket on (9.5, 9.6): legal transitions only, with an optional note. A
 * resolution is measured against the resolution-time rule of the party's SLAs (9.21).
 */
export async function setTicketStatus<D extends TicketData>(
  runtime: Runtime<D>,
  id: string,
  status: unknown,
  reason?: string,
  note?: string,
): Promise<TroubleTicket> {
  if (!isTicketStatus(status)) throw badRequest('Invalid status', `'${String(status)}' is not a TMF621 status`);
  const ticket = await runtime.store.update((draft) => {
    const { list, index } = ticketIn(draft, id);
    const now = runtime.clock.now();
    const next = changeStatus(list[index], status, now, reason);
    if (note) next.note = [...(next.note ?? []), { text: note, author: runtime.id, date: now.toISOString() }];
    list[index] = next;
    notifyStatus(runtime, draft, next);
    if (status === 'resolved' && next.ticketType !== ALARM && next.creationDate && next.resolutionDate) {
      const customer = (next.relatedParty ?? []).find((p) => p.role === 'customer');
      evaluateMeasurement(runtime, draft, {
        metric: METRIC.resolutionTime,
        value: hoursBetween(next.creationDate, next.resolutionDate).toString(),
        subject: next.id,
        customer,
      });
    }
    return next;
  });
  runtime.notifier.kick();
  return ticket;
}

/**
 * Step 9.4: a misdirected ticket goes to the right party — a new ticket there, related to this one —
 * and this one is rejected with the reason. Nothing changes here if the other party refuses it.
 */
export async function redirectTicket<D extends TicketData>(runtime: Runtime<D>, id: string, to: string, reason: string): Promise<TroubleTicket> {
  if (!reason) throw badRequest('Missing reason', 'A redirect states why the ticket is misdirected');
  const own = items(runtime.store.data, 'TMF621', 'troubleTicket').find((t) => t.id === id);
  if (!own) throw notFound('troubleTicket', id);
  const target = checkRedirect(own, runtime.id, to);
  const peer = runtime.client(target);
  const created = await passOnRefusal(() => peer.create('TMF621', 'troubleTicket', redirectedTicket(own, runtime.id, runtime.callbackFor(target), reason)));
  const rejected = await runtime.store.update((draft) => {
    const { list, index } = ticketIn(draft, id);
    const next = changeStatus(list[index], 'rejected', runtime.clock.now(), `Redirected to ${target}: ${reason}`);
    next.troubleTicketRelationship = [
      ...relationshipsOf(next),
      { id: created.id, href: `${peer.baseUrl}${created.href}`, name: target, relationshipType: REDIRECTED_TO },
    ];
    list[index] = next;
    runtime.journal(draft, JOURNAL.ticketRedirected, { ticket: id, to: target, newTicket: created.id, externalId: next.externalId });
    notifyStatus(runtime, draft, next);
    return next;
  });
  runtime.notifier.kick();
  return rejected;
}
