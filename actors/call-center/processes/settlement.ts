import type { Entity } from '../../../tmf/data.ts';
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

/** Step 9.11: told of a new advice, the call center reads it at the OEM. */
export const FETCH_NOTE = 'fetch-settlement-note';
export const fetchNoteEffect = (runtime: Runtime): EffectHandler<CallCenterData> => async (args) => {
  await keepNote(runtime, await runtime.client('car-manufacturer').get<Entity>('BillingV2', 'settlementNoteAdvice', String(args.noteId)));
};

/** Step 9.12: the call center accepts the advice, or disputes it with a reason. */
export async function decideSettlement(runtime: Runtime, id: string, decision: unknown, reason?: string): Promise<Entity> {
  if (decision !== 'accepted' && decision !== 'disputed') throw badRequest('Invalid decision', "A settlement is 'accepted' or 'disputed'");
  const patch = decision === 'disputed' ? { state: decision, disputeReason: reason } : { state: decision };
  const note = await passOnRefusal(() => runtime.client('car-manufacturer').patch<Entity>('BillingV2', 'settlementNoteAdvice', id, patch));
  await keepNote(runtime, note);
  return note;
}

/** After the payment: the advice is marked paid at the OEM, ending its life cycle. */
export const MARK_PAID = 'mark-settlement-paid';
export const markPaidEffect = (runtime: Runtime): EffectHandler<CallCenterData> => async (args) => {
  await keepNote(runtime, await runtime.client('car-manufacturer').patch<Entity>('BillingV2', 'settlementNoteAdvice', String(args.noteId), { state: 'paid' }));
};
