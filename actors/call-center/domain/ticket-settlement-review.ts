import type { Decimal } from 'decimal.js';
import { Money } from '../../../core/money.ts';
import type { SettlementNoteAdvice, TroubleTicket, UpdateBody } from '../../../tmf/resources.ts';
import { ALARM } from '../../trouble-tickets/domain/alarm.ts';
import { hoursBetween } from '../../trouble-tickets/domain/sla-rules.ts';
import type { SettlementPolicy } from '../../../core/ticket-settlement-policy.ts';
import type { TroubleNature } from './routing.ts';

/**
 * The call center's own copy of its contract with the car manufacturer (the same terms' shape): a fee per handled ticket, a bonus
 * within the target resolution time and a malus beyond it — except for troubles whose delay is the
 * car's own software's (an infotainment fault waits on the car manufacturer's fix, not on the call
 * center), which are settled at the plain fee however long they took.
 */
export interface CallCenterContract extends SettlementPolicy {
  /** Natures of trouble never penalised for a late resolution: their delay is outside the call center's control. */
  readonly noMalusFor: readonly TroubleNature[];
}

export const CALL_CENTER_CONTRACT: CallCenterContract = {
  currency: 'EUR',
  feePerTicket: '15.00',
  targetHours: '4',
  bonusPercent: '10',
  malusPercent: '20',
  taxRatePercent: '20',
  noMalusFor: ['infotainment'],
};

/** The call center's own record of a trouble it handled: its master ticket, from the driver's call to the resolution it heard. */
export interface OwnTicketRecord {
  readonly ticket: string;
  readonly nature: string;
  readonly hours: Decimal;
}

/** What the call center makes of one item of the note. */
export interface ItemReview {
  readonly itemId: string;
  readonly verdict: 'accepted' | 'disputed';
  /** What its own records and contract say the item is worth, and what the note says. */
  readonly due: string;
  readonly settled: string;
  readonly reason?: string;
}

export interface SettlementReview {
  readonly note: string;
  readonly decision: 'accepted' | 'disputed';
  readonly items: readonly ItemReview[];
  /** Reasons about the note as a whole (a handled ticket missing, tax that does not add up). */
  readonly noteReasons: readonly string[];
}

const RESOLVED = new Set(['resolved', 'closed']);

/** The troubles the call center handled and saw resolved in [start, end): its master tickets, alarms excluded. */
export function ownRecords(masters: readonly TroubleTicket[], start: Date, end: Date): OwnTicketRecord[] {
  return masters
    .filter((t) => t.ticketType !== ALARM && RESOLVED.has(String(t.status)) && typeof t.resolutionDate === 'string')
    .filter((t) => Date.parse(String(t.resolutionDate)) >= start.getTime() && Date.parse(String(t.resolutionDate)) < end.getTime())
    .map((t) => ({ ticket: t.id, nature: String(t.ticketType), hours: hoursBetween(String(t.creationDate), String(t.resolutionDate)) }));
}

/** What the contract says a handled ticket is worth, and why. */
export function dueFor(record: OwnTicketRecord, contract: CallCenterContract): { amount: Money; why: string } {
  const fee = new Money(contract.feePerTicket, contract.currency);
  const hours = `${record.hours.toString()} h`;
  if (record.hours.lte(contract.targetHours)) {
    return {
      amount: fee.plus(fee.times(contract.bonusPercent).times('0.01')).roundToMinor(),
      why: `resolved in ${hours}, within ${contract.targetHours} h: fee plus ${contract.bonusPercent} % bonus`,
    };
  }
  if (contract.noMalusFor.some((nature) => nature === record.nature)) {
    return {
      amount: fee,
      why: `resolved in ${hours}, but a ${record.nature} trouble waits on the car's software fix, outside the call center's control: the contract takes no malus off it`,
    };
  }
  return {
    amount: fee.minus(fee.times(contract.malusPercent).times('0.01')).roundToMinor(),
    why: `resolved in ${hours}, beyond ${contract.targetHours} h: fee minus ${contract.malusPercent} % malus`,
  };
}

/**
 * Step 9.12 by the call center's own rules: every item of the note is checked against its own record of
 * that ticket (handled by it, resolved in the period, worth what the contract says for its resolution
 * time) and its tax; every ticket it handled must be on the note. Any difference disputes the note, item
 * by item, with the reason; otherwise it is accepted.
 */
export function reviewSettlement(note: SettlementNoteAdvice, records: readonly OwnTicketRecord[], contract: CallCenterContract): SettlementReview {
  const items = note.settlementNoteItem;
  const money = (value: number | undefined) => new Money(String(value ?? 0), contract.currency);
  const reviews = items.map((item): ItemReview => {
    const settled = money(item.taxExcludedAmount);
    const record = records.find((r) => r.ticket === item.itemId);
    if (!record)
      return {
        itemId: item.itemId,
        verdict: 'disputed',
        due: '0.00',
        settled: settled.amount.toFixed(2),
        reason: `ticket ${item.itemId} is not a trouble the call center handled and saw resolved in the period`,
      };
    const { amount, why } = dueFor(record, contract);
    const taxed = amount.plus(amount.times(contract.taxRatePercent).times('0.01')).roundToMinor();
    if (!settled.equals(amount))
      return {
        itemId: item.itemId,
        verdict: 'disputed',
        due: amount.amount.toFixed(2),
        settled: settled.amount.toFixed(2),
        reason: `ticket ${item.itemId} ${why}: ${amount.amount.toFixed(2)} ${contract.currency} due, the note settles ${settled.amount.toFixed(2)}`,
      };
    if (!money(item.taxIncludedAmount).equals(taxed))
      return {
        itemId: item.itemId,
        verdict: 'disputed',
        due: amount.amount.toFixed(2),
        settled: settled.amount.toFixed(2),
        reason: `ticket ${item.itemId}: ${contract.taxRatePercent} % tax on ${amount.amount.toFixed(2)} makes ${taxed.amount.toFixed(2)}, the note says ${money(item.taxIncludedAmount).amount.toFixed(2)}`,
      };
    return { itemId: item.itemId, verdict: 'accepted', due: amount.amount.toFixed(2), settled: settled.amount.toFixed(2) };
  });
  const noteReasons = records
    .filter((r) => !items.some((i) => i.itemId === r.ticket))
    .map((r) => `ticket ${r.ticket} was handled and resolved in the period but is not on the note`);
  const total = items.reduce((acc, i) => acc.plus(money(i.taxIncludedAmount)), money(0));
  if (note.taxIncludedAmount === undefined) noteReasons.push(`the items add up to ${total.amount.toFixed(2)} with tax, the note states no total with tax`);
  else if (!total.equals(money(note.taxIncludedAmount)))
    noteReasons.push(`the items add up to ${total.amount.toFixed(2)} with tax, the note says ${money(note.taxIncludedAmount).amount.toFixed(2)}`);
  const disputed = noteReasons.length > 0 || reviews.some((r) => r.verdict === 'disputed');
  // Billing v2 ids travel as integers (tmf/entity.ts): the review names the note by its id as text.
  return { note: String(note.id), decision: disputed ? 'disputed' : 'accepted', items: reviews, noteReasons };
}

/** The PATCH that tells the OEM the decision: a dispute names its reasons, and each disputed item carries its own. */
export function decisionPatch(note: SettlementNoteAdvice, review: SettlementReview): UpdateBody<'BillingV2', 'settlementNoteAdvice'> {
  if (review.decision === 'accepted') return { state: 'accepted' };
  const reasons = [...review.noteReasons, ...review.items.flatMap((i) => (i.reason ? [i.reason] : []))];
  const items = note.settlementNoteItem.map((item) => {
    const { disputeReason: _earlier, ...rest } = item;
    const reason = review.items.find((r) => r.itemId === item.itemId && r.verdict === 'disputed')?.reason;
    return reason ? { ...rest, disputeReason: reason } : rest;
  });
  return { state: 'disputed', disputeReason: reasons.join('; '), settlementNoteItem: items };
}
