import { requestedPeriod } from '../../../core/billing-period.ts';
import { JOURNAL } from '../../../core/journal-events.ts';
import { collection, items, type Entity } from '../../../tmf/data.ts';
import { addEntity } from '../../../tmf/resource.ts';
import { storeBill } from '../../../tmf/entity.ts';
import { EffectKind } from '../../kit/effect-kind.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { handledTickets, revisedAdvice, SETTLEMENT_POLICY, settlementAdvice, settlementDescription, type KnownTicket } from '../domain/ticket-settlement.ts';
import { issuedTicketInvoice, ticketInvoice } from '../domain/ticket-invoice.ts';
import type { OemData } from '../store.ts';

type Runtime = ActorRuntime<OemData>;

/** Step 9.9 by notification: the OEM follows the CSP's trouble tickets. */
export async function followCspTickets(runtime: Runtime): Promise<string> {
  return runtime.subscribe('csp', 'TMF621');
}

/** A CSP ticket event reached the OEM: keep the latest copy of that ticket. */
export async function keepCspTicket(runtime: Runtime, ticket: Entity): Promise<void> {
  await runtime.store.update((draft) => {
    const copies = (draft.cspTickets ??= []);
    const index = copies.findIndex((t) => t.id === ticket.id);
    if (index < 0) copies.push(ticket);
    else copies[index] = ticket;
  });
}

function knownTickets(data: OemData): KnownTicket[] {
  return [
    ...items(data, 'TMF621', 'troubleTicket').map((ticket) => ({ party: 'car-manufacturer', ticket })),
    ...(data.cspTickets ?? []).map((ticket) => ({ party: 'csp', ticket })),
  ];
}

/**
 * Steps 9.10–9.11: the call center's settlement of a period, computed from the tickets of both
 * resolvers and issued as a settlement note advice (notified to the call center). Running it again
 * for the same period returns the advice already issued.
 */
export async function settlementRun(runtime: Runtime, period: unknown): Promise<Entity> {
  const p = requestedPeriod(period, 'settlement');
  const advice = await runtime.store.update((draft) => {
    const existing = items(draft, 'BillingV2', 'settlementNoteAdvice').find((a) => a.description === settlementDescription(p));
    if (existing) return existing;
    const handled = handledTickets(knownTickets(draft), p);
    const now = runtime.clock.now();
    const created = addEntity(draft, 'BillingV2', 'settlementNoteAdvice', settlementAdvice(handled, SETTLEMENT_POLICY, p, now));
    runtime.journal(draft, JOURNAL.settlementComputed, { advice: created.id, tickets: handled.map((t) => t.trouble), amount: created.taxIncludedAmount });
    runtime.notifier.enqueue(draft, now, { api: 'BillingV2', eventType: 'SettlementNoteAdviceCreateEvent', resource: 'settlementNoteAdvice', entity: created });
    return created;
  });
  runtime.notifier.kick();
  return advice;
}

/** Owed when the call center disputes an advice. */
export const REVISE_SETTLEMENT = new EffectKind<{ id: string }>('revise-settlement');

/** After a dispute: the advice is revised and re-issued (its state change notified). */
export function reviseSettlement(runtime: Runtime, draft: OemData, id: string): void {
  const list = collection(draft, 'BillingV2', 'settlementNoteAdvice');
  const index = list.findIndex((a) => a.id === id);
  if (index < 0 || list[index].state !== 'disputed') return;
  list[index] = revisedAdvice(list[index], SETTLEMENT_POLICY);
  runtime.journal(draft, JOURNAL.settlementComputed, { advice: id, revision: list[index].revision, amount: list[index].taxIncludedAmount });
  runtime.notifier.enqueue(draft, runtime.clock.now(), {
    api: 'BillingV2',
    eventType: 'SettlementNoteAdviceStateChangeEvent',
    resource: 'settlementNoteAdvice',
    entity: list[index],
  });
}

/** Step 9.14: the OEM bills the CSP for the connectivity tickets of a period, and tells it. */
export async function ticketInvoiceRun(runtime: Runtime, period: unknown): Promise<Entity | undefined> {
  const p = requestedPeriod(period, 'settlement');
  const bill = await runtime.store.update((draft) => {
    const bills = collection(draft, 'TMF678', 'customerBill');
    const existing = issuedTicketInvoice(bills, p);
    if (existing) return existing;
    const now = runtime.clock.now();
    const issued = ticketInvoice(draft, handledTickets(knownTickets(draft), p), SETTLEMENT_POLICY, p, now);
    if (!issued) return undefined;
    storeBill(draft, issued, 'csp');
    runtime.notifier.enqueue(draft, now, { api: 'TMF678', eventType: 'CustomerBillCreateEvent', resource: 'customerBill', entity: issued.bill });
    return issued.bill;
  });
  runtime.notifier.kick();
  return bill;
}
