import { partnerNotePatch, reviewPartnerNote, type PayeeRecords } from '../../core/partner-settlement-check.ts';
import { callerOf } from '../../tmf/auth.ts';
import { type BaseData, collection, type Entity } from '../../tmf/data.ts';
import type { EventHandler } from '../../tmf/hub.ts';
import type { ResourceHooks } from '../../tmf/resource.ts';
import { checkSettlementPayment } from '../../core/settlement-payment-check.ts';
import type { ActorRuntime } from './runtime.ts';

/** A payee's store keeps its copies of the settlement notes it was sent (11.12). */
export interface PayeeData extends BaseData {
  partnerNotes?: Entity[];
  /** Its verdict on each note and revision it was sent, oldest first: what it disputed and why. */
  partnerNoteReviews?: { note: string; revision: number; decision: string; taxExcludedAmount: number; reasons: readonly string[] }[];
}

/**
 * 11.12 at a payee of the converged offer: it reads the note the OEM announced, checks it against its
 * own records (`recordsOf`, reviewPartnerNote) and accepts or disputes it at the OEM, keeping its copy
 * as answered — the copy its payment check holds payments against.
 */
export async function answerPartnerNote<D extends PayeeData>(runtime: ActorRuntime<D>, noteId: string, recordsOf: (data: D) => PayeeRecords): Promise<Entity> {
  const oem = runtime.client('car-manufacturer');
  const note = await oem.get<Entity>('BillingV2', 'settlementNoteAdvice', noteId);
  if (note.state !== 'issued' && note.state !== 'revised') return note;
  const review = reviewPartnerNote(note, recordsOf(runtime.store.data));
  const answered = await oem.patch<Entity>('BillingV2', 'settlementNoteAdvice', noteId, partnerNotePatch(note, review));
  await runtime.store.update((draft) => {
    (draft.partnerNoteReviews ??= []).push({
      note: String(note.id),
      revision: Number(note.revision ?? 0),
      decision: review.decision,
      taxExcludedAmount: Number(note.taxExcludedAmount),
      reasons: review.reasons,
    });
    const notes = (draft.partnerNotes ??= []);
    const index = notes.findIndex((n) => String(n.id) === String(answered.id));
    if (index < 0) notes.push(answered);
    else notes[index] = answered;
  });
  return answered;
}

/**
 * A payee's TMF676 hooks (11.12): a payment is taken only for a note it accepted, for that note's amount
 * with tax, once (the same check the call center holds its settlement payments to); partners only.
 */
export function settlementPaymentHooks<D extends PayeeData>(): ResourceHooks<D, Entity> {
  return {
    admit(input, ctx) {
      checkSettlementPayment(input, ctx.draft.partnerNotes ?? [], collection(ctx.draft, 'TMF676', 'payment'));
    },
    create: (input) => ({ ...input, status: 'succeeded' }),
  };
}

/**
 * The payee's listener: the OEM announced a settlement note for it, or revised one it disputed; it
 * answers after its own checks (a note in any other state asks nothing of it).
 */
export function partnerNoteListener<D extends PayeeData>(runtime: ActorRuntime<D>, recordsOf: (data: D) => PayeeRecords): EventHandler {
  return (event, req) => {
    if (req.res && callerOf(req.res).party !== 'car-manufacturer') return;
    const note = event.event.settlementNoteAdvice as Entity;
    if ((note.receiver as { id?: string } | undefined)?.id !== runtime.id || !['issued', 'revised'].includes(String(note.state))) return;
    runtime.background(() => answerPartnerNote(runtime, String(note.id), recordsOf));
  };
}
