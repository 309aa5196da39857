import { retrieveAndCheckBill } from '../../car-manufacturer/processes/partner-setup.ts';
import { basePath } from '../../../tmf/apis.ts';
import type { Entity } from '../../../tmf/data.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { settlementPayment } from '../domain/settlement-payment.ts';
import type { CspData } from '../store.ts';

type Runtime = ActorRuntime<CspData>;

/**
 * Step 9.13: the CSP reads the settlement note at the OEM and pays the call center its amount. The
 * payee decides whether the note may be paid (accepted, not paid yet); its refusal is passed on.
 */
export async function paySettlement(runtime: Runtime, noteId: string): Promise<Entity> {
  const oem = runtime.client('car-manufacturer');
  const note = await passOnRefusal(() => oem.get<Entity>('BillingV2', 'settlementNoteAdvice', noteId));
  const noteUrl = `${oem.baseUrl}${basePath('BillingV2')}/settlementNoteAdvice/${encodeURIComponent(String(note.id))}`;
  return passOnRefusal(() => runtime.client('call-center').create<Entity>('TMF676', 'payment', settlementPayment(note, noteUrl, runtime.clock.now())));
}

/** Step 9.14: the CSP listens to the bills the OEM issues it. */
export function followPartnerBills(runtime: Runtime): Promise<string> {
  return runtime.subscribe('car-manufacturer', 'TMF678', 'eventType=CustomerBillCreateEvent');
}

/** Step 9.14: the CSP retrieves the OEM's bill and its items, and checks they add up (the OEM's own invoice control rule). */
export async function retrievePartnerBill(runtime: Runtime, billId: string): Promise<void> {
  const check = await retrieveAndCheckBill(runtime.client('car-manufacturer'), billId);
  await runtime.store.update((draft) => {
    (draft.partnerBillChecks ??= []).push(check);
  });
}
