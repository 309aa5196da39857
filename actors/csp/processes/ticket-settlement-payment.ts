import { retrieveAndCheckBill } from '../../kit/bill-check.ts';
import { basePath } from '../../../tmf/apis.ts';
import type { Entity } from '../../../tmf/data.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { checkPayable, settlementPayment } from '../domain/ticket-settlement-payment.ts';
import type { CspData } from '../store.ts';

type Runtime = ActorRuntime<CspData>;

/** While a payment is on its way: a second attempt meanwhile is refused as already paid. */
const PAYING = 'payment in progress';

/**
 * Step 9.13: the CSP reads the settlement note at the OEM and, when its own checks pass (accepted, not
 * paid yet), pays the call center its amount. The note is reserved as paid before the payment is sent,
 * so an acceptance event and a manual payment at the same time cannot both pay.
 */
export async function paySettlement(runtime: Runtime, noteId: string): Promise<Entity> {
  const oem = runtime.client('car-manufacturer');
  const note = await passOnRefusal(() => oem.get<Entity>('BillingV2', 'settlementNoteAdvice', noteId));
  const id = String(note.id);
  await runtime.store.update((draft) => {
    const paid = (draft.settlementsPaid ??= {});
    checkPayable(note, paid);
    paid[id] = PAYING;
  });
  const noteUrl = `${oem.baseUrl}${basePath('BillingV2')}/settlementNoteAdvice/${encodeURIComponent(id)}`;
  try {
    const payment = await passOnRefusal(() =>
      runtime.client('call-center').create<Entity>('TMF676', 'payment', settlementPayment(note, noteUrl, runtime.clock.now())),
    );
    await runtime.store.update((draft) => {
      draft.settlementsPaid![id] = payment.id;
    });
    return payment;
  } catch (error) {
    await runtime.store.update((draft) => {
      delete draft.settlementsPaid![id];
    });
    throw error;
  }
}

/** Step 9.13 on the acceptance event: an advice the CSP pays was accepted — it pays it, after its own checks. */
export async function payOnAcceptance(runtime: Runtime, note: Entity): Promise<void> {
  const payer = (note.payer as { id?: string } | undefined)?.id;
  if (payer !== 'csp' || note.state !== 'accepted' || runtime.store.data.settlementsPaid?.[String(note.id)]) return;
  await paySettlement(runtime, String(note.id));
}

/** Step 9.13: the CSP hears of the call center's decisions on the advices it pays. */
export function followSettlementsToPay(runtime: Runtime): Promise<string> {
  return runtime.subscribe('car-manufacturer', 'BillingV2', 'eventType=SettlementNoteAdviceStateChangeEvent&event.settlementNoteAdvice.payer.id=csp');
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
