import { oweSubscription } from '../../kit/owed-subscription.ts';
import type { ActorId } from '../../../core/actor-ids.ts';
import { JOURNAL } from '../../../core/journal-events.ts';
import { INBOX_TOPIC } from '../../../core/party-api.ts';
import { collection, type Entity } from '../../../tmf/data.ts';
import type { TroubleTicket } from '../../../tmf/resources.ts';
import { addEntity } from '../../../tmf/resource.ts';
import { withLastUpdate } from '../../../tmf/last-update.ts';
import { oweDriverMessage } from '../../kit/driver-message.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { EffectHandler } from '../../../tmf/owed-effects.ts';
import { ALARM } from '../../trouble-tickets/domain/alarm.ts';
import { openTicket, stampStatus } from '../../trouble-tickets/domain/ticket-status.ts';
import { assign, follow, masterTicket, resolve, resolverOf, resolverTicket, type SupportRequest } from '../domain/master-ticket.ts';
import { routeOf } from '../domain/routing.ts';
import type { CallCenterData } from '../store.ts';
import { joinHub } from './hubs.ts';

type Runtime = ActorRuntime<CallCenterData>;

/** Changes one master ticket in `draft`; undefined when the ticket is unknown. */
function changeMaster(
  runtime: Runtime,
  draft: CallCenterData,
  id: string,
  change: (master: TroubleTicket, draft: CallCenterData) => TroubleTicket,
): TroubleTicket | undefined {
  const list = collection(draft, 'TMF621', 'troubleTicket');
  const index = list.findIndex((t) => t.id === id);
  if (index < 0) return undefined;
  // A master change announces no event: it is dated here, as the notifier dates the announced ones.
  list[index] = withLastUpdate('TMF621', 'troubleTicket', change(list[index], draft), runtime.clock.now());
  return list[index];
}

/** Changes one master ticket in a store update; undefined when the ticket is unknown. */
function updateMaster(
  runtime: Runtime,
  id: string,
  change: (master: TroubleTicket, draft: CallCenterData) => TroubleTicket,
): Promise<TroubleTicket | undefined> {
  return runtime.store.update((draft) => changeMaster(runtime, draft, id, change));
}

/** Steps 9.1–9.2: the driver's call opens a master ticket, and owes sending it to the right party (9.3) in the same update. */
export async function openSupportTicket(runtime: Runtime, request: SupportRequest): Promise<{ ticket: Entity; resolver: ActorId }> {
  const { nature, resolver } = routeOf(request);
  const ticket = await runtime.store.update((draft) => {
    const master = addEntity(draft, 'TMF621', 'troubleTicket', openTicket(masterTicket(request, nature), runtime.clock.now()));
    runtime.journal(draft, JOURNAL.ticketOpened, { ticket: master.id, nature, resolver });
    oweSendToResolver(runtime, draft, master.id, resolver);
    return master;
  });
  return { ticket, resolver };
}

/** The owed effect by which a master ticket's trouble reaches its resolver (9.3, and 9.25 for an alarm). */
export const SEND_TO_RESOLVER = 'send-to-resolver';

export function oweSendToResolver(runtime: Runtime, draft: CallCenterData, masterId: string, resolver: ActorId): void {
  runtime.owe(draft, SEND_TO_RESOLVER, { masterId, resolver }, { key: `${SEND_TO_RESOLVER}:${masterId}` });
}

/**
 * Steps 9.3 and 9.25: the call center listens to the resolver's tickets and sends it the master ticket's
 * trouble; the master is assigned in the update that marks the effect done. A ticket the resolver already
 * has for this master (a try cut short by a crash or a time-out) is taken, not created again.
 */
export const sendToResolverEffect =
  (runtime: Runtime): EffectHandler<CallCenterData> =>
  async (args) => {
    const masterId = String(args.masterId);
    const resolver = args.resolver as ActorId;
    await joinHub(runtime, resolver, 'TMF621');
    const master = collection(runtime.store.data, 'TMF621', 'troubleTicket').find((t) => t.id === masterId);
    if (!master) return;
    const client = runtime.client(resolver);
    const { items: sent } = await client.list('TMF621', 'troubleTicket', { externalId: masterId });
    const created = sent[0] ?? (await client.create('TMF621', 'troubleTicket', resolverTicket(master)));
    return (draft) => {
      changeMaster(runtime, draft, masterId, (m) => assign(m, resolver, { id: created.id, href: `${client.baseUrl}${created.href}` }));
    };
  };

/** Steps 9.4–9.5 heard: the master ticket follows a redirect, or moves along with the resolver's progress. */
export async function ticketChanged(runtime: Runtime, from: ActorId, ticket: TroubleTicket): Promise<void> {
  await updateMaster(runtime, String(ticket.externalId), (m, draft) => {
    const next = follow(m, from, ticket, runtime.clock.now());
    const before = resolverOf(m)?.party;
    const after = resolverOf(next)?.party;
    // After a redirect the trouble lives at another party: listening to its tickets too is owed with the move.
    if (after && after !== before) oweSubscription(runtime, draft, after as ActorId, 'TMF621');
    return next;
  });
}

/** Step 9.6 heard: the master ticket is resolved; in the same update the driver is owed the outcome and the tickets their closing. */
export async function ticketResolved(runtime: Runtime, from: ActorId, ticket: TroubleTicket): Promise<void> {
  await updateMaster(runtime, String(ticket.externalId), (m, draft) => {
    const next = resolve(m, from, ticket, runtime.clock.now());
    if (next.status !== 'resolved') return next;
    // 9.7 and 9.8 owed with the change that causes them: a crash neither loses nor repeats them.
    if (next.ticketType !== ALARM) oweDriverMessage(runtime, draft, `${INBOX_TOPIC.ticketOutcome}:${next.id}`, ticketOutcome(next));
    runtime.owe(draft, CLOSE_TROUBLE, { masterId: next.id }, { key: `${CLOSE_TROUBLE}:${next.id}` });
    return next;
  });
}

/** Step 9.7: what the driver is told of its resolved ticket. */
function ticketOutcome(master: TroubleTicket): Record<string, unknown> {
  return {
    from: 'call-center',
    topic: INBOX_TOPIC.ticketOutcome,
    subject: `Your ticket ${master.id} is resolved`,
    body: `Your ${master.name ?? 'trouble'} has been resolved: ${master.resolution ?? 'resolved'}.`,
    relatedEntity: [{ id: master.id, role: 'troubleTicket', '@referredType': 'TroubleTicket' }],
  };
}

/** The owed effect that closes a resolved trouble: at the resolver, then the master ticket (9.8, and 9.27 for an alarm). */
export const CLOSE_TROUBLE = 'close-trouble';

/**
 * Closes the resolver's ticket unless it already is (a try cut short), then closes the master ticket and
 * journals it in the update that marks the effect done: once, whatever crashes.
 */
export const closeTroubleEffect =
  (runtime: Runtime): EffectHandler<CallCenterData> =>
  async (args) => {
    const masterId = String(args.masterId);
    const master = collection(runtime.store.data, 'TMF621', 'troubleTicket').find((t) => t.id === masterId);
    const at = master && resolverOf(master);
    if (!at || master.status === 'closed') return;
    const client = runtime.client(at.party as ActorId);
    const theirs = await client.get('TMF621', 'troubleTicket', at.ticket);
    if (theirs.status !== 'closed')
      await client.patch('TMF621', 'troubleTicket', at.ticket, { status: 'closed', statusChangeReason: 'resolution confirmed by the call center' });
    return (draft) => {
      changeMaster(runtime, draft, masterId, (m) => {
        runtime.journal(draft, JOURNAL.ticketClosed, { ticket: masterId, resolver: at.party });
        return stampStatus(m, 'closed', runtime.clock.now(), 'closed by the call center');
      });
    };
  };
