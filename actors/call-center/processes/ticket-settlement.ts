import { parsePeriodId, type BillingPeriod } from '../../../core/billing-period.ts';
import { type Entity, items } from '../../../tmf/data.ts';
import { CALL_CENTER_CONTRACT, decisionPatch, ownRecords, reviewSettlement, type SettlementReview } from '../domain/ticket-settlement-review.ts';
import { badRequest } from '../../../tmf/errors.ts';
import type { EffectHandler } from '../../../tmf/owed-effects.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { CallCenterData } from '../store.ts';
import { joinHub } from './hubs.ts';

type Runtime = ActorRuntime<CallCenterData>;

/** The call center listens to the settlement notes the OEM issues it. */
export const followSettlements = (runtime: Runtime) => joinHub(runtime, 'car-manufacturer', 'BillingV2');

/** Keeps the latest copy of a settlement note. */
export async function keepNote(runtime: Runtime, note: Entity): Promise<void> {
  await runtime.store.update((draft) => {
    const index = draft.settlementNotes.findIndex((n) => String(n.id) === String(note.id));
    if (index < 0) draft.settlementNotes.push(note);
    else draft.settlementNotes[index] = note;
  });
}

/** Step 9.11: told of a new advice, the call center reads it at the OEM, then judges it (9.12). */
export const FETCH_NOTE = 'fetch-settlement-note';
export const fetchNoteEffect =
  (runtime: Runtime): EffectHandler<CallCenterData> =>
  async (args) => {
    const note = await runtime.client('car-manufacturer').get('BillingV2', 'settlementNoteAdvice', String(args.noteId));
    await keepNote(runtime, note);
    await judgeSettlement(runtime, note);
  };

/** Owed with the receipt of a note's state change at the OEM. */
export const NOTE_CHANGED = 'settlement-note-changed';

/**
 * A note changed at the OEM: kept; a revision is judged again. Retry-safe: a revision the call center
 * already reviewed is not judged a second time.
 */
export const noteChangedEffect =
  (runtime: Runtime): EffectHandler<CallCenterData> =>
  async (args) => {
    const note = args.note as Entity;
    await keepNote(runtime, note);
    const reviewed = (runtime.store.data.settlementReviews ?? []).some((r) => r.note === note.id && r.revision === Number(note.revision ?? 0));
    if (note.state === 'revised' && !reviewed) await judgeSettlement(runtime, note);
  };

/**
 * Step 9.12 by the call center's own rules: the note is compared with its own ticket records and
 * contract (settlement-review.ts) and accepted, or disputed item by item with the reasons. A revision
 * that still settles an item as before, against the same reason, is not disputed again in a loop: the
 * review is kept as escalated, for people to settle.
 */
export async function judgeSettlement(runtime: Runtime, note: Entity): Promise<SettlementReview | undefined> {
  if (note.state !== 'issued' && note.state !== 'revised') return undefined;
  const data = runtime.store.data;
  const period = periodOfNote(note);
  const review = reviewSettlement(note, ownRecords(items(data, 'TMF621', 'troubleTicket'), period.start, period.end), CALL_CENTER_CONTRACT);
  const earlier = (data.settlementReviews ?? []).filter((r) => r.note === review.note).flatMap((r) => r.items.map((i) => i.reason));
  const escalated = review.decision === 'disputed' && review.items.some((i) => i.reason !== undefined && earlier.includes(i.reason));
  await runtime.store.update((draft) => {
    (draft.settlementReviews ??= []).push({ ...review, revision: Number(note.revision ?? 0), ...(escalated ? { escalated } : {}) });
  });
  if (escalated) return review;
  const decided = await passOnRefusal(() =>
    runtime.client('car-manufacturer').patch('BillingV2', 'settlementNoteAdvice', String(note.id), decisionPatch(note, review)),
  );
  await keepNote(runtime, decided);
  return review;
}

/** The settlement period a note covers: the month its description names (`Call center settlement 2026-03`). */
function periodOfNote(note: Entity): BillingPeriod {
  const month = /(\d{4}-\d{2})/.exec(String(note.description ?? ''))?.[1];
  if (!month) throw badRequest('Unknown period', `Settlement note advice ${String(note.id)} names no settlement period`);
  return parsePeriodId(month);
}

/** After the payment: the advice is marked paid at the OEM, ending its life cycle. */
export const MARK_PAID = 'mark-settlement-paid';
export const markPaidEffect =
  (runtime: Runtime): EffectHandler<CallCenterData> =>
  async (args) => {
    await keepNote(runtime, await runtime.client('car-manufacturer').patch('BillingV2', 'settlementNoteAdvice', String(args.noteId), { state: 'paid' }));
  };
