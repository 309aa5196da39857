import type { ActorId } from '../../core/actor-ids.ts';
import type { Entity } from '../../tmf/data.ts';
import type { ResourceKey, ResourceOfKey, ResourcesByKey, TroubleTicket } from '../../tmf/resources.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { setClock } from './settle.ts';
import { trigger } from './trigger.ts';

/** The collection of a party, read from its state dump (the harness's view, not a partner's). */
export async function collectionAt<K extends ResourceKey>(ecosystem: Ecosystem, actor: ActorId, key: K): Promise<ResourceOfKey<K>[]> {
  const { body } = await ecosystem.control(actor).request<{ data: { resources: ResourcesByKey } }>('GET', '/control/state');
  return body.data.resources[key] ?? [];
}

/** The live ticket of a trouble at a resolver: the one with the master ticket's id as externalId, not turned away. */
export async function ticketOf(ecosystem: Ecosystem, party: ActorId, masterId: string): Promise<TroubleTicket | undefined> {
  const tickets = await collectionAt(ecosystem, party, 'TMF621.troubleTicket');
  const mine = tickets.filter((t) => t.externalId === masterId);
  return mine.find((t) => t.status !== 'rejected') ?? mine.at(-1);
}

/** Figure 9's triggers, by the parties that pull them. */
export const Figure9 = {
  /** 9.1: the driver's call; the answer names the master ticket and where it went. */
  callSupport: (eco: Ecosystem, description: string) =>
    trigger<{ ticket: string; nature: string; routedTo: ActorId }>(eco, 'driver', 'call-support', { description }),
  /** 9.5–9.6: a resolution team moves the trouble's ticket at `at` (simulated time). */
  async teamSets(eco: Ecosystem, party: ActorId, masterId: string, status: string, at: string, note?: string) {
    await setClock(eco, new Date(at));
    const ticket = await ticketOf(eco, party, masterId);
    return trigger<Entity>(eco, party, 'ticket-status', { ticket: ticket?.id, status, note });
  },
  async redirect(eco: Ecosystem, from: ActorId, masterId: string, to: ActorId, reason: string) {
    const ticket = await ticketOf(eco, from, masterId);
    return trigger<Entity>(eco, from, 'redirect-ticket', { ticket: ticket?.id, to, reason });
  },
  /** The partners listen to what figure 9 needs: the OEM to the CSP's tickets, the call center to its settlements, the CSP to the OEM's bills. */
  async followPartners(eco: Ecosystem) {
    await trigger(eco, 'car-manufacturer', 'follow-csp-tickets');
    await trigger(eco, 'call-center', 'follow-settlements');
    await trigger(eco, 'csp', 'follow-partner-bills');
  },
  async endSettlementPeriod(eco: Ecosystem, period: string, at: string) {
    await setClock(eco, new Date(at));
    return trigger<Entity>(eco, 'car-manufacturer', 'settlement-run', { period });
  },
  pay: (eco: Ecosystem, note: string) => trigger<Entity>(eco, 'csp', 'settlement-payment', { note }),
  invoiceTickets: (eco: Ecosystem, period: string) => trigger(eco, 'car-manufacturer', 'ticket-invoice', { period }),
  followSla: (eco: Ecosystem) => trigger(eco, 'call-center', 'follow-sla-violations'),
  /** Each resolution team listens to its own party's SLA violations (its party's hub, through the wire). */
  async teamsFollowOwnSla(eco: Ecosystem) {
    for (const party of ['csp', 'car-manufacturer'] as const) await trigger(eco, party, 'resolution-team/follow-sla');
  },
  /** A fault of a party's service in the simulated operation: unavailable `minutes` from `start`. */
  scheduleFault: (eco: Ecosystem, party: ActorId, start: string, minutes: number, description: string) =>
    trigger(eco, party, 'schedule-fault', { start, durationMinutes: minutes, description }),
  /** 9.21: the end of a measurement period; the party's monitoring measures its operation. */
  endSlaPeriod: (eco: Ecosystem, party: ActorId, period: string) =>
    trigger<{ measurements: { metric: string; value: string; subject: string }[]; violations: Entity[] }>(eco, party, 'sla-period-end', { period }),
};

/**
 * Figure 9 driven without Cucumber (the dashboard's button): a connectivity trouble misdirected to the
 * CSP and resolved by the OEM, a second one resolved by the CSP, the month's settlement checked and
 * accepted by the call center and paid by the CSP on the acceptance, the OEM's ticket invoice to the CSP, then an availability breach that ends in a closed alarm.
 */
export async function driveFigure9(eco: Ecosystem): Promise<void> {
  await setClock(eco, new Date('2026-03-02T08:00:00Z'));
  await trigger(eco, 'car-manufacturer', 'partner-order');
  await Figure9.followPartners(eco);
  const first = await Figure9.callSupport(eco, 'No mobile data connection in the car since this morning');
  await Figure9.redirect(eco, 'csp', first.ticket, 'car-manufacturer', 'the network is fine; the head unit modem does not register');
  await Figure9.teamSets(eco, 'car-manufacturer', first.ticket, 'inProgress', '2026-03-02T09:00:00Z');
  await Figure9.teamSets(eco, 'car-manufacturer', first.ticket, 'resolved', '2026-03-02T10:30:00Z', 'Modem firmware updated over the air');
  const second = await Figure9.callSupport(eco, 'Roaming data does not work abroad');
  await Figure9.teamSets(eco, 'csp', second.ticket, 'inProgress', '2026-03-02T11:00:00Z');
  await Figure9.teamSets(eco, 'csp', second.ticket, 'resolved', '2026-03-02T12:00:00Z', 'Roaming profile provisioned on the SIM');
  // The call center checks the note against its own records and accepts it; the CSP pays on the acceptance.
  await Figure9.endSettlementPeriod(eco, '2026-03', '2026-04-01T06:00:00Z');
  await Figure9.invoiceTickets(eco, '2026-03');
  await Figure9.followSla(eco);
  await Figure9.teamsFollowOwnSla(eco);
  await Figure9.scheduleFault(eco, 'csp', '2026-03-10T02:00:00Z', 240, 'Backhaul link down');
  await Figure9.endSlaPeriod(eco, 'csp', '2026-03');
  const alarm = (await collectionAt(eco, 'call-center', 'TMF621.troubleTicket')).find((t) => t.ticketType === 'alarm');
  if (alarm) await Figure9.teamSets(eco, 'csp', alarm.id, 'resolved', '2026-04-01T09:00:00Z', 'Backhaul link replaced');
}
