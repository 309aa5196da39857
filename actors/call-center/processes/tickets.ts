import type { ActorId } from '../../../core/actor-ids.ts';
import { JOURNAL } from '../../../core/journal-events.ts';
import { INBOX_TOPIC } from '../../../core/party-api.ts';
import { collection, type Entity } from '../../../tmf/data.ts';
import { addEntity } from '../../../tmf/resource.ts';
import { withLastUpdate } from '../../../tmf/last-update.ts';
import { oweDriverMessage } from '../../kit/driver-message.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { ALARM } from '../../trouble-tickets/domain/alarm.ts';
import { openTicket, stampStatus } from '../../trouble-tickets/domain/ticket-status.ts';
import { assign, follow, masterTicket, resolve, resolverOf, resolverTicket, type SupportRequest } from '../domain/master-ticket.ts';
import { routeOf } from '../domain/routing.ts';
import type { CallCenterData } from '../store.ts';
import { joinHub } from './hubs.ts';

type Runtime = ActorRuntime<CallCenterData>;

/** Changes one master ticket in a store update; undefined when the ticket is unknown. */
async function updateMaster(runtime: Runtime, id: string, change: (master: Entity, draft: CallCenterData) => Entity): Promise<Entity | undefined> {
  return runtime.store.update((draft) => {
    const list = collection(draft, 'TMF621', 'troubleTicket');
    const index = list.findIndex((t) => t.id === id);
    if (index < 0) return undefined;
    // A master change announces no event: it is dated here, as the notifier dates the announced ones.
    list[index] = withLastUpdate('TMF621', 'troubleTicket', change(list[index], draft), runtime.clock.now());
    return list[index];
  });
}

/** Steps 9.1–9.2: the driver's call opens a master ticket; it is sent to the right party in the background (9.3). */
export async function openSupportTicket(runtime: Runtime, request: SupportRequest): Promise<{ ticket: Entity; resolver: ActorId }> {
  const { nature, resolver } = routeOf(request);
  const ticket = await runtime.store.update((draft) => {
    const master = addEntity(draft, 'TMF621', 'troubleTicket', openTicket(masterTicket(request, nature) as Entity, runtime.clock.now()));
    runtime.journal(draft, JOURNAL.ticketOpened, { ticket: master.id, nature, resolver });
    return master;
  });
  runtime.background(() => sendToResolver(runtime, ticket.id, resolver));
  return { ticket, resolver };
}

/** Steps 9.3 and 9.25: the call center listens to the resolver's tickets and sends it the master ticket's trouble. */
export async function sendToResolver(runtime: Runtime, masterId: string, resolver: ActorId): Promise<Entity> {
  await joinHub(runtime, resolver, 'TMF621');
  const master = collection(runtime.store.data, 'TMF621', 'troubleTicket').find((t) => t.id === masterId)!;
  const client = runtime.client(resolver);
  const created = await client.create<Entity>('TMF621', 'troubleTicket', resolverTicket(master));
  return (await updateMaster(runtime, masterId, (m) => assign(m, resolver, { id: created.id, href: `${client.baseUrl}${created.href}` })))!;
}

/** Steps 9.4–9.5 heard: the master ticket follows a redirect, or moves along with the resolver's progress. */
export async function ticketChanged(runtime: Runtime, from: ActorId, ticket: Entity): Promise<void> {
  let moved: string | undefined;
  await updateMaster(runtime, String(ticket.externalId), (m) => {
    const next = follow(m, from, ticket, runtime.clock.now());
    const before = resolverOf(m)?.party;
    const after = resolverOf(next)?.party;
    if (after !== before) moved = after;
    return next;
  });
  // After a redirect the trouble lives at another party: listen to its tickets too.
  if (moved) runtime.background(() => joinHub(runtime, moved as ActorId, 'TMF621'));
}

/** Step 9.6 heard: the master ticket is resolved; the driver is told and the tickets closed in the background. */
export async function ticketResolved(runtime: Runtime, from: ActorId, ticket: Entity): Promise<void> {
  const master = await updateMaster(runtime, String(ticket.externalId), (m, draft) => {
    const next = resolve(m, from, ticket, runtime.clock.now());
    // 9.7: the driver is told in the same update, so a crash neither loses nor repeats the message.
    if (next.status === 'resolved' && next.ticketType !== ALARM) oweDriverMessage(runtime, draft, `${INBOX_TOPIC.ticketOutcome}:${next.id}`, ticketOutcome(next));
    return next;
  });
  if (master?.status === 'resolved') runtime.background(() => closeTrouble(runtime, master.id));
}

/** Step 9.7: what the driver is told of its resolved ticket. */
function ticketOutcome(master: Entity): Record<string, unknown> {
  return {
    from: 'call-center', topic: INBOX_TOPIC.ticketOutcome, subject: `Your ticket ${master.id} is resolved`,
    body: `Your ${String(master.name)} has been resolved: ${String(master.resolution ?? 'resolved')}.`,
    relatedEntity: [{ id: master.id, role: 'troubleTicket', '@referredType': 'TroubleTicket' }],
  };
}

/** Steps 9.8 (and 9.27 for an alarm): close the master ticket, then the resolver's ticket (the driver is told by an owed message). */
async function closeTrouble(runtime: Runtime, masterId: string): Promise<void> {
  const closed = await updateMaster(runtime, masterId, (m, draft) => {
    const next = stampStatus(m, 'closed', runtime.clock.now(), 'closed by the call center');
    runtime.journal(draft, JOURNAL.ticketClosed, { ticket: masterId, resolver: resolverOf(m)?.party });
    return next;
  });
  const at = resolverOf(closed!)!;
  await runtime.client(at.party as ActorId).patch('TMF621', 'troubleTicket', at.ticket, { status: 'closed', statusChangeReason: 'resolution confirmed by the call center' });
}
