import { isEnded, periodId, requestedPeriod } from '../../../core/billing-period.ts';
import { isActorId } from '../../../core/actor-ids.ts';
import { JOURNAL } from '../../../core/journal-events.ts';
import { TmfCallError } from '../../../tmf/client.ts';
import { collection, type Entity } from '../../../tmf/data.ts';
import { conflict } from '../../../tmf/errors.ts';
import type { CreateBody, CustomerBill } from '../../../tmf/resources.ts';
import { addEntity } from '../../../tmf/resource.ts';
import { EffectKind } from '../../kit/effect-kind.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { applyReview, distributionCopy, isCentral, PRODUCT_CATEGORY, verifyAtCentral } from '../domain/central-catalog.ts';
import { DISTRIBUTED_FROM, originOf } from '../../../core/converged-offer.ts';
import { fulfilConvergedOrder, portalOrderBody, type ConvergedOrderInput } from '../domain/converged-order.ts';
import { billDriverAccount } from '../domain/driver-billing.ts';
import { monthlyShareOf, paymentFor, revisedPartnerNote, settlementNotes } from '../domain/partner-settlement-notes.ts';
import type { OemData } from '../store.ts';
import { oweInvoiceMessages } from './driver-messages.ts';

type Runtime = ActorRuntime<OemData>;

/** The product catalogs an approved converged offering is distributed to, besides the OEM's own (10.9). */
export const DISTRIBUTION_CHANNELS = ['csp', 'content-provider'] as const;
export type DistributionChannel = (typeof DISTRIBUTION_CHANNELS)[number];

/** Owed when a partner registers a converged offering (10.8), and when one is launched (10.9). */
export const REVIEW_OFFERING = new EffectKind<{ centralId: string }>('review-converged-offering');
export const DISTRIBUTE_OFFERING = new EffectKind<{ centralId: string }>('distribute-converged-offering');
/** Owed per channel by the distribution: the copy of the central offering posted to that channel's catalog. */
export const POST_DISTRIBUTED_COPY = new EffectKind<{ channel: DistributionChannel; centralId: string; offering: CreateBody<'TMF620', 'productOffering'> }>(
  'post-distributed-copy',
);

/**
 * 10.8, the OEM's part: verifies a newly registered converged offering and records its verdict; an
 * approval that launches it owes its distribution (10.9) in the same update.
 */
export function reviewConvergedOffering(runtime: Runtime, draft: OemData, centralId: string): void {
  const offerings = collection(draft, 'TMF620', 'productOffering');
  const index = offerings.findIndex((o) => o.id === centralId);
  if (index < 0) return;
  const reasons = verifyAtCentral(offerings[index], offerings.filter(isCentral));
  const verdict = reasons.length === 0 ? ('approved' as const) : ('rejected' as const);
  offerings[index] = applyReview(offerings[index], {
    partyId: 'car-manufacturer',
    verdict,
    ...(reasons.length ? { reason: reasons } : {}),
    reviewDate: runtime.clock.now().toISOString(),
  });
  runtime.journal(draft, JOURNAL.offeringVerified, { offering: centralId, verdict, reasons });
  if (offerings[index].lifecycleStatus === 'Launched') oweDistribution(runtime, draft, centralId);
}

/** Records in `draft` that the launched offering is owed its distribution (10.9), once. */
export function oweDistribution(runtime: Runtime, draft: OemData, centralId: string): void {
  DISTRIBUTE_OFFERING.owe(runtime, draft, { centralId }, { key: `${DISTRIBUTE_OFFERING}:${centralId}` });
}

/**
 * 10.9: an approved converged offering is placed in the OEM's own product catalog and its copy owed to
 * the CSP's and the content provider's. Done once, whichever review completed the approval.
 */
export function distributeConvergedOffering(runtime: Runtime, draft: OemData, centralId: string): void {
  const offerings = collection(draft, 'TMF620', 'productOffering');
  if (offerings.some((o) => originOf(o, DISTRIBUTED_FROM) === centralId)) return;
  const found = offerings.find((o) => o.id === centralId);
  if (!found) return;
  const copy = addEntity(draft, 'TMF620', 'productOffering', distributionCopy(found, PRODUCT_CATEGORY));
  runtime.journal(draft, JOURNAL.offeringDistributed, { offering: centralId, ownCatalogCopy: copy.id, channels: [...DISTRIBUTION_CHANNELS] });
  // One lane: the channels get their copies in the same order in every run.
  for (const channel of DISTRIBUTION_CHANNELS)
    POST_DISTRIBUTED_COPY.owe(
      runtime,
      draft,
      { channel, centralId, offering: distributionCopy(found) },
      { key: `${POST_DISTRIBUTED_COPY}:${centralId}:${channel}` },
    );
}

/** 11.1–11.5: a portal order registered on the OEM's TMF622 and fulfilled in the same change. */
export async function placePortalOrder(runtime: Runtime, input: ConvergedOrderInput): Promise<Entity> {
  return runtime.store.update((draft) => {
    const now = runtime.clock.now();
    // The driver's, as its orders for a service are (service-sale.ts): the channels do not read it.
    const order = addEntity(draft, 'TMF622', 'productOrder', portalOrderBody(input, now), 'driver');
    runtime.journal(draft, JOURNAL.orderRegistered, { order: order.id, channel: input.channel, customer: input.customerId });
    const outcome = fulfilConvergedOrder(draft, order, input, now, (type, data) => runtime.journal(draft, type, data));
    Object.assign(order, {
      state: outcome.state,
      completionDate: outcome.completionDate,
      productOrderItem: withProduct(order, outcome.product),
      relatedParty: [{ id: outcome.customer.id, name: String(outcome.customer.name), role: 'customer', '@referredType': 'Customer' }],
    });
    return order;
  });
}

/** The order's item, completed and pointing at the product it created. */
export function withProduct<I extends object>(order: { productOrderItem: readonly I[] }, product: { id: string; href: string }) {
  return order.productOrderItem.map((item) => ({
    ...item,
    state: 'completed' as const,
    product: { id: product.id, href: product.href },
  }));
}

/**
 * 11.11: the drivers' bills of a period on the OEM's TMF678, each driver told in its inbox. The
 * partners are settled (11.12) from what the driver paid, once its bill is paid in full.
 */
export async function driverBillingRun(runtime: Runtime, requested: unknown): Promise<{ bills: Entity[] }> {
  const now = runtime.clock.now();
  const period = requestedPeriod(requested, 'billing');
  if (!isEnded(period, now)) throw conflict('Billing period not ended', `Period ${periodId(period)} ends at ${period.end.toISOString()}`, 'PERIOD_NOT_ENDED');
  const bills = await runtime.store.update((draft) => {
    const issued: CustomerBill[] = [];
    for (const account of [...collection(draft, 'TMF666', 'billingAccount')]) {
      const bill = billDriverAccount(draft, account, period, now);
      if (!bill) continue;
      issued.push(bill);
      runtime.journal(draft, JOURNAL.billProduced, { bill: bill.id, billingAccount: account.id, amount: bill.taxIncludedAmount });
    }
    oweInvoiceMessages(runtime, draft, issued);
    return issued;
  });
  return { bills };
}

/** Owed when a driver's payment settles its bill, and when a partner accepts or disputes its note (11.12). */
export const SETTLE_PAID_BILL = new EffectKind<{ billId: string }>('settle-paid-bill');
export const PAY_ACCEPTED_NOTE = new EffectKind<{ id: string }>('pay-accepted-note');
export const REVISE_DISPUTED_NOTE = new EffectKind<{ id: string }>('revise-disputed-note');

/**
 * 11.12 once a driver's bill is paid in full: one settlement note advice per partner, each paid once its
 * payee accepts it. The notes are announced one at a time — the next once the previous was answered —
 * so partners settle in the same order in every run.
 */
export function settlePaidBill(runtime: Runtime, draft: OemData, billId: string): void {
  const bill = collection(draft, 'TMF678', 'customerBill').find((b) => b.id === billId);
  if (bill?.state !== 'settled') return;
  const issued = settlementNotes(draft, bill, runtime.clock.now());
  (draft.notesToAnnounce ??= []).push(...issued.map((n) => n.id));
  announceNextNote(runtime, draft);
}

/** Announces the next settlement note waiting (if any) to its payee. */
export function announceNextNote(runtime: Runtime, draft: OemData): void {
  const id = draft.notesToAnnounce?.shift();
  const note = id && collection(draft, 'BillingV2', 'settlementNoteAdvice').find((n) => n.id === id);
  if (note) notifyNote(runtime, draft, 'SettlementNoteAdviceCreateEvent', note);
}

function notifyNote(runtime: Runtime, draft: OemData, eventType: string, note: Entity): void {
  runtime.notifier.enqueue(draft, runtime.clock.now(), { api: 'BillingV2', eventType, resource: 'settlementNoteAdvice', entity: note });
}

/**
 * 11.12 after a partner's dispute: the note is revised once by the OEM's rule (revisedPartnerNote) and
 * the payee told of the revision, which it verifies again. A revision disputed in turn waits for
 * people: the next partner's note goes out meanwhile.
 */
export function reviseDisputedNote(runtime: Runtime, draft: OemData, id: string): void {
  const notes = collection(draft, 'BillingV2', 'settlementNoteAdvice');
  const index = notes.findIndex((n) => n.id === id);
  const note = notes[index];
  if (note?.state !== 'disputed' || (note.revision ?? 0) > 0) {
    announceNextNote(runtime, draft);
    return;
  }
  notes[index] = revisedPartnerNote(note, (product) => monthlyShareOf(draft, product, note.receiver.id));
  runtime.journal(draft, JOURNAL.settlementComputed, { advice: id, revision: notes[index].revision, amount: notes[index].taxIncludedAmount });
  notifyNote(runtime, draft, 'SettlementNoteAdviceStateChangeEvent', notes[index]);
}

const isAlreadyPaid = (error: unknown): boolean => error instanceof TmfCallError && error.status === 409 && error.body?.code === 'DUPLICATE_PAYMENT';

/**
 * 11.12: a note its payee accepted is paid (TMF676 at the payee); marked paid, and the next note
 * announced, in the update that marks the owed payment done. Only the OEM's own notes, still accepted.
 */
export async function payAcceptedNote(runtime: Runtime, id: string): Promise<((draft: OemData) => void) | undefined> {
  const note = collection(runtime.store.data, 'BillingV2', 'settlementNoteAdvice').find((n) => n.id === id);
  if (note?.payer?.id !== 'car-manufacturer') return;
  if (note.state !== 'accepted') return;
  // The OEM issues its notes to a party of the ecosystem; a receiver it cannot call is not paid.
  const payee = note.receiver.id;
  if (!isActorId(payee)) return;
  try {
    await runtime.client(payee).create('TMF676', 'payment', paymentFor(note, runtime.clock.now()));
  } catch (error) {
    // A retry after a crash between the payee's answer and this commit: the payee keeps one payment per
    // note and says so — the note is paid, not to be paid again.
    if (!isAlreadyPaid(error)) throw error;
  }
  return (draft) => {
    const notes = collection(draft, 'BillingV2', 'settlementNoteAdvice');
    const index = notes.findIndex((n) => n.id === id);
    notes[index] = { ...notes[index], state: 'paid' };
    notifyNote(runtime, draft, 'SettlementNoteAdviceStateChangeEvent', notes[index]);
    announceNextNote(runtime, draft);
  };
}
