import { retrieveAndCheckBill } from '../../kit/bill-check.ts';
import { EffectKind } from '../../kit/effect-kind.ts';
import type { SettlementNoteAdvice } from '../../../tmf/resources.ts';
import { basePath } from '../../../tmf/apis.ts';
import type { Entity } from '../../../tmf/data.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { EffectHandler } from '../../../tmf/owed-effects.ts';
import { checkPayable, settlementPayment } from '../domain/ticket-settlement-payment.ts';
import type { CspData } from '../store.ts';

type Runtime = ActorRuntime<CspData>;

/** While a payment is on its way: a second attempt meanwhile is refused as already paid. */
const PAYING = 'payment in progress';

/** The notes this process is paying right now: a reservation with none on its way is what a crash left. */
const onTheirWay = new WeakMap<Runtime, Set<string>>();
function paymentsOnTheirWay(runtime: Runtime): Set<string> {
  let notes = onTheirWay.get(runtime);
  if (!notes) onTheirWay.set(runtime, (notes = new Set()));
  return notes;
}

/**
 * Step 9.13: the CSP reads the settlement note at the OEM and, when its own checks pass (accepted, not
 * paid yet), pays the call center its amount. The note is reserved as paid before the payment is sent,
 * so an acceptance event and a manual payment at the same time cannot both pay.
 */
export async function paySettlement(runtime: Runtime, noteId: string): Promise<Entity> {
  const oem = runtime.client('car-manufacturer');
  const note = await passOnRefusal(() => oem.get('BillingV2', 'settlementNoteAdvice', noteId));
  const id = String(note.id);
  await runtime.store.update((draft) => {
    const paid = (draft.settlementsPaid ??= {});
    checkPayable(note, paid);
    paid[id] = PAYING;
  });
  const noteUrl = `${oem.baseUrl}${basePath('BillingV2')}/settlementNoteAdvice/${encodeURIComponent(id)}`;
  paymentsOnTheirWay(runtime).add(id);
  try {
    const payment = await passOnRefusal(() => runtime.client('call-center').create('TMF676', 'payment', settlementPayment(note, noteUrl, runtime.clock.now())));
    await runtime.store.update((draft) => {
      draft.settlementsPaid![id] = payment.id;
    });
    return payment;
  } catch (error) {
    await runtime.store.update((draft) => {
      delete draft.settlementsPaid![id];
    });
    throw error;
  } finally {
    paymentsOnTheirWay(runtime).delete(id);
  }
}

/**
 * A payment a crash cut off between the reservation and its record: the CSP asks the call center whether
 * it arrived (by the payment's correlatorId, the note's id) and records it, or pays it now.
 */
async function resumeInterruptedPayment(runtime: Runtime, id: string): Promise<void> {
  const { items } = await runtime.client('call-center').list('TMF676', 'payment', { correlatorId: id });
  const arrived = items.find((payment) => payment.correlatorId === id);
  await runtime.store.update((draft) => {
    if (arrived) draft.settlementsPaid![id] = String(arrived.id);
    else delete draft.settlementsPaid![id];
  });
  if (!arrived) await paySettlement(runtime, id);
}

/** The owed effect of an acceptance event: the CSP pays the accepted advice. */
export const PAY_ON_ACCEPTANCE = new EffectKind<{ note: SettlementNoteAdvice }>('pay-on-acceptance');

/**
 * Step 9.13 on the acceptance event: an advice the CSP pays was accepted — it pays it, after its own
 * checks. Retry-safe: a note already paid (or being paid) is left alone; one a crash left reserved is resumed.
 */
export async function payOnAcceptance(runtime: Runtime, note: SettlementNoteAdvice): Promise<void> {
  const payer = note.payer?.id;
  if (payer !== 'csp' || note.state !== 'accepted') return;
  const id = String(note.id);
  const paid = runtime.store.data.settlementsPaid?.[id];
  if (paid === PAYING && !paymentsOnTheirWay(runtime).has(id)) return resumeInterruptedPayment(runtime, id);
  if (!paid) await paySettlement(runtime, id);
}

/** Step 9.13: the CSP hears of the call center's decisions on the advices it pays. */
export function followSettlementsToPay(runtime: Runtime): Promise<string> {
  return runtime.subscribe('car-manufacturer', 'BillingV2', 'eventType=SettlementNoteAdviceStateChangeEvent&event.settlementNoteAdvice.payer.id=csp');
}

/** Step 9.14: the CSP listens to the bills the OEM issues it. */
export function followPartnerBills(runtime: Runtime): Promise<string> {
  return runtime.subscribe('car-manufacturer', 'TMF678', 'eventType=CustomerBillCreateEvent');
}

/** The owed effect of a bill the OEM issued the CSP: retrieved and checked. */
export const PARTNER_BILL_CHECK = new EffectKind<{ billId: string }>('partner-bill-check');

/**
 * Step 9.14: the CSP retrieves the OEM's bill and its items, and checks they add up (the OEM's own
 * invoice control rule). The check is kept in the update that marks the effect done: kept once.
 */
export async function retrievePartnerBill(runtime: Runtime, billId: string): Promise<(draft: CspData) => void> {
  const check = await retrieveAndCheckBill(runtime.client('car-manufacturer'), billId);
  return (draft) => {
    (draft.partnerBillChecks ??= []).push(check);
  };
}

/** How the CSP carries out the figure 9 effects it owes. */
export function figure9Effects(runtime: Runtime): Record<string, EffectHandler<CspData>> {
  return {
    [PAY_ON_ACCEPTANCE.name]: PAY_ON_ACCEPTANCE.handler(({ note }) => payOnAcceptance(runtime, note)),
    [PARTNER_BILL_CHECK.name]: PARTNER_BILL_CHECK.handler(({ billId }) => retrievePartnerBill(runtime, billId)),
  };
}
