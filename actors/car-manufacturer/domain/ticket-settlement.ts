import type { Decimal } from 'decimal.js';
import type { NewEntity } from '../../../tmf/entity.ts';
import type { SettlementNoteAdvice } from '../../../tmf/resources.ts';
import { assembleBill } from '../../../core/bill-assembly.ts';
import { type BillingPeriod, periodId } from '../../../core/billing-period.ts';
import { fromTmf, Money } from '../../../core/money.ts';
import type { Entity } from '../../../tmf/data.ts';
import { conflict } from '../../../core/domain-error.ts';
import type { SettlementPolicy } from '../../../core/ticket-settlement-policy.ts';
import type { SETTLEMENT_STATES } from '../../../tmf/schemas/settlement-note-advice.ts';
import { ALARM } from '../../trouble-tickets/domain/alarm.ts';
import { hoursBetween } from '../../trouble-tickets/domain/sla-rules.ts';

export type { SettlementPolicy };

export const SETTLEMENT_POLICY: SettlementPolicy = {
  currency: 'EUR',
  feePerTicket: '15.00',
  targetHours: '4',
  bonusPercent: '10',
  malusPercent: '20',
  taxRatePercent: '20',
};

/** A trouble the call center handled: from its first ticket at a resolver to its resolution. */
export interface HandledTicket {
  /** The call center's master ticket id (the resolvers' externalId). */
  readonly trouble: string;
  readonly openedAt: string;
  readonly resolvedAt: string;
  /** The party whose ticket was resolved (after any redirect). */
  readonly resolver: string;
  readonly hours: Decimal;
}

/** A ticket as the OEM knows it, with the party that holds it. */
export interface KnownTicket {
  readonly party: string;
  readonly ticket: Entity;
}

const RESOLVED = new Set(['resolved', 'closed']);

/**
 * The troubles resolved within the period, one per master ticket: a redirected trouble has a rejected
 * ticket at one party and a resolved one at the other, and counts once, from its first ticket. Alarm
 * tickets are the SLA process's, not the call center's handling of a driver's call.
 */
export function handledTickets(known: readonly KnownTicket[], period: BillingPeriod): HandledTicket[] {
  const byTrouble = new Map<string, KnownTicket[]>();
  for (const k of known) {
    if (k.ticket.ticketType === ALARM || typeof k.ticket.externalId !== 'string') continue;
    byTrouble.set(k.ticket.externalId, [...(byTrouble.get(k.ticket.externalId) ?? []), k]);
  }
  const handled: HandledTicket[] = [];
  for (const [trouble, tickets] of byTrouble) {
    const final = tickets.find((k) => RESOLVED.has(String(k.ticket.status)) && k.ticket.resolutionDate);
    if (!final) continue;
    const resolvedAt = String(final.ticket.resolutionDate);
    const at = Date.parse(resolvedAt);
    if (at < period.start.getTime() || at >= period.end.getTime()) continue;
    const openedAt = tickets.map((k) => String(k.ticket.creationDate)).sort()[0];
    handled.push({ trouble, openedAt, resolvedAt, resolver: final.party, hours: hoursBetween(openedAt, resolvedAt) });
  }
  return handled.sort((a, b) => a.trouble.localeCompare(b.trouble));
}

/** A ticket's settled amount: the fee, plus the bonus within the target or minus the malus beyond it. */
export function ticketAmount(t: HandledTicket, policy: SettlementPolicy): { amount: Money; adjustment: 'bonus' | 'malus' } {
  const fee = new Money(policy.feePerTicket, policy.currency);
  const onTime = t.hours.lte(policy.targetHours);
  const percent = onTime ? policy.bonusPercent : `-${policy.malusPercent}`;
  return { amount: fee.plus(fee.times(percent).times('0.01')).roundToMinor(), adjustment: onTime ? 'bonus' : 'malus' };
}

type NoteItem = { itemId: string; itemLabel: string; amount: Money };

/** The note's amounts: items taxed one by one, totals their exact sums. */
function amounts(items: readonly NoteItem[], policy: SettlementPolicy) {
  const bill = assembleBill(
    items.map((i) => ({ ...i, id: i.itemId })),
    { currency: policy.currency, taxRatePercent: policy.taxRatePercent },
  );
  const rate = Number(policy.taxRatePercent) / 100;
  return {
    currencyCode: policy.currency,
    taxExcludedAmount: bill.taxExcludedTotal.toTmf().value,
    taxIncludedAmount: bill.taxIncludedTotal.toTmf().value,
    taxItem: [{ taxCategory: 'VAT', taxRate: rate, taxAmount: bill.taxTotal.toTmf().value }],
    settlementNoteItem: bill.items.map((line, i) => ({
      itemNumber: String(i + 1),
      itemId: line.itemId,
      itemLabel: line.itemLabel,
      quantity: '1',
      taxExcludedAmount: line.amount.toTmf().value,
      taxIncludedAmount: line.taxIncludedAmount.toTmf().value,
      taxItem: [{ taxCategory: 'VAT', taxRate: rate, taxAmount: line.taxIncludedAmount.minus(line.amount).toTmf().value }],
    })),
  };
}

export const settlementDescription = (period: BillingPeriod) => `Call center settlement ${periodId(period)}`;

/** Step 9.10–9.11: the settlement note advice of a period, one item per handled ticket. */
export function settlementAdvice(
  handled: readonly HandledTicket[],
  policy: SettlementPolicy,
  period: BillingPeriod,
  now: Date,
): NewEntity<'BillingV2', 'settlementNoteAdvice'> {
  if (handled.length === 0) throw conflict('Nothing to settle', `The call center handled no ticket resolved in ${periodId(period)}`, 'NOTHING_TO_SETTLE');
  const items = handled.map((t) => {
    const { amount, adjustment } = ticketAmount(t, policy);
    return { itemId: t.trouble, itemLabel: `Ticket ${t.trouble} resolved by ${t.resolver} in ${t.hours.toString()} h (${adjustment})`, amount };
  });
  return {
    state: 'issued',
    date: now.toISOString(),
    description: settlementDescription(period),
    paymentDueDate: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
    issuer: { id: 'car-manufacturer', name: 'Car manufacturer' },
    receiver: { id: 'call-center', name: 'Call center' },
    payer: { id: 'csp', name: 'CSP' },
    ...amounts(items, policy),
  };
}

/**
 * A dispute as the OEM records it: the receiver's state and reason, and its reason on each item it
 * disputes. Nothing else of the note is the receiver's to change: amounts, items and parties stay.
 */
export function recordDispute(current: SettlementNoteAdvice, next: SettlementNoteAdvice): SettlementNoteAdvice {
  const reasons = new Map(next.settlementNoteItem.filter((i) => i.disputeReason).map((i) => [i.itemId, i.disputeReason]));
  const items = current.settlementNoteItem.map(({ disputeReason: _old, ...item }) =>
    reasons.has(item.itemId) ? { ...item, disputeReason: reasons.get(item.itemId) } : item,
  );
  return { ...current, state: next.state, disputeReason: next.disputeReason, settlementNoteItem: items };
}

/**
 * A disputed advice revised: only the disputed items are looked at again. The OEM concedes a disputed
 * quality penalty (an item settled below the fee is raised to the fee); a disputed bonus or fee stands.
 * Undisputed items are left exactly as they were; the totals are recomputed exactly.
 */
export function revisedAdvice(advice: SettlementNoteAdvice, policy: SettlementPolicy): SettlementNoteAdvice {
  const fee = new Money(policy.feePerTicket, policy.currency);
  const items = advice.settlementNoteItem.map((item) => {
    const amount = fromTmf({ unit: policy.currency, value: item.taxExcludedAmount });
    const label = item.itemLabel ?? item.itemId;
    if (!item.disputeReason) return { itemId: item.itemId, itemLabel: label, amount };
    const waived = amount.compare(fee) < 0;
    return {
      itemId: item.itemId,
      itemLabel: `${label} — ${waived ? 'penalty waived after dispute' : 'dispute examined, amount stands'}`,
      amount: waived ? fee : amount,
    };
  });
  const { disputeReason: _reason, ...rest } = advice;
  return { ...rest, ...amounts(items, policy), state: 'revised', revision: (advice.revision ?? 0) + 1 };
}

export type SettlementState = (typeof SETTLEMENT_STATES)[number];

/** Issued → accepted | disputed; disputed → revised (by the issuer); revised → accepted | disputed; accepted → paid. */
export const SETTLEMENT_TRANSITIONS: Readonly<Record<SettlementState, readonly SettlementState[]>> = {
  issued: ['accepted', 'disputed'],
  disputed: ['revised'],
  revised: ['accepted', 'disputed'],
  accepted: ['paid'],
  paid: [],
};

/** What the receiver may set: it accepts, disputes or marks paid; only the issuer revises. */
export function checkSettlementChange(id: string, from: SettlementState, to: SettlementState, byIssuer: boolean): void {
  if (from === to) return;
  if (!SETTLEMENT_TRANSITIONS[from].includes(to)) {
    throw conflict('Illegal settlement state change', `Settlement note advice ${id} cannot go from ${from} to ${to}`, 'ILLEGAL_TRANSITION');
  }
  if (to === 'revised' && !byIssuer)
    throw conflict('Only the issuer revises', `Settlement note advice ${id} is revised by the car manufacturer after a dispute`, 'ILLEGAL_TRANSITION');
}
