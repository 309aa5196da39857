import { partnerNotePatch, reviewPartnerNote, type PayeeRecords } from '../../core/partner-settlement-check.ts';
import { callerOf } from '../../tmf/auth.ts';
import { type BaseData, collection } from '../../tmf/data.ts';
import { type EventHandler, eventResource } from '../../tmf/hub.ts';
import type { ResourceHooks } from '../../tmf/resource.ts';
import type { SettlementNoteAdvice } from '../../tmf/resources.ts';
import { checkSettlementPayment } from '../../core/settlement-payment-check.ts';
import type { ActorRuntime } from './runtime.ts';
import type { EffectHandler } from '../../tmf/owed-effects.ts';

/** A payee's store keeps its copies of the settlement notes it was sent (11.12). */
export interface PayeeData extends BaseData {
  partnerNotes?: SettlementNoteAdvice[];
  /** Its verdict on each note and revision it was sent, oldest first: what it disputed and why. */
  partnerNoteReviews?: { note: string; revision: number; decision: string; taxExcludedAmount: number; reasons: readonly string[] }[];
}

/** Owed with the receipt of a note announced (or revised) for the payee. */
export const ANSWER_PARTNER_NOTE = 'answer-partner-note';

/**
 * 11.12 at a payee of the converged offer: it reads the note the OEM announced, checks it against its
 * own records (`recordsOf`, reviewPartnerNote) and accepts or disputes it at the OEM, keeping its copy
 * as answered — the copy its payment check holds payments against — in the update that marks the owed
 * answer done. Retry-safe: a note already answered is not answered again, only its copy kept.
 */
export function answerPartnerNoteEffect<D extends PayeeData>(runtime: ActorRuntime<D>, recordsOf: (data: D) => PayeeRecords): EffectHandler<D> {
  return async (args) => {
    const oem = runtime.client('car-manufacturer');
    const note = await oem.get('BillingV2', 'settlementNoteAdvice', String(args.noteId));
    if (note.state !== 'issued' && note.state !== 'revised') return (draft) => keepCopy(draft, note, false);
    const review = reviewPartnerNote(note, recordsOf(runtime.store.data));
    const answered = await oem.patch('BillingV2', 'settlementNoteAdvice', String(note.id), partnerNotePatch(note, review));
    return (draft) => {
      (draft.partnerNoteReviews ??= []).push({
        note: String(note.id),
        revision: Number(note.revision ?? 0),
        decision: review.decision,
        taxExcludedAmount: note.taxExcludedAmount,
        reasons: review.reasons,
      });
      keepCopy(draft, answered, true);
    };
  };
}

/** The payee's copy of a note it answered: replaced when `replace`, else kept only where it has none. */
function keepCopy(draft: PayeeData, note: SettlementNoteAdvice, replace: boolean): void {
  const notes = (draft.partnerNotes ??= []);
  const index = notes.findIndex((n) => String(n.id) === String(note.id));
  if (index < 0) notes.push(note);
  else if (replace) notes[index] = note;
}

/**
 * A payee's TMF676 hooks (11.12): a payment is taken only for a note it accepted, for that note's amount
 * with tax, once (the same check the call center holds its settlement payments to); partners only.
 */
export function settlementPaymentHooks<D extends PayeeData>(): ResourceHooks<D, 'TMF676', 'payment'> {
  return {
    admit(input, ctx) {
      checkSettlementPayment(input, ctx.draft.partnerNotes ?? [], collection(ctx.draft, 'TMF676', 'payment'));
    },
    create: (input) => ({ ...input, status: 'succeeded' }),
  };
}

/**
 * The payee's listener: the OEM announced a settlement note for it, or revised one it disputed; it
 * owes its answer (answerPartnerNoteEffect) with the event's receipt (a note in any other state asks nothing of it).
 */
export function partnerNoteListener<D extends PayeeData>(runtime: ActorRuntime<D>): EventHandler {
  return (event, req) => {
    if (req.res && callerOf(req.res).party !== 'car-manufacturer') return;
    const note = eventResource(event, 'BillingV2', 'settlementNoteAdvice');
    if (note?.receiver.id !== runtime.id || !['issued', 'revised'].includes(note.state)) return;
    return runtime.owing(ANSWER_PARTNER_NOTE, { noteId: String(note.id) }, { key: `${ANSWER_PARTNER_NOTE}:${event.eventId}`, lane: ANSWER_PARTNER_NOTE });
  };
}
