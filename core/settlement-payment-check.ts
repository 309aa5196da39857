import { conflict, invalid } from './domain-error.ts';
import { fromTmf } from './money.ts';
import { isRecord, isTmfMoney, listIn } from './plain-data.ts';

/** A TMF676 payment or TMF678 settlement note advice as the payee holds it (structurally, any stored TMF entity). */
type Entity = { readonly id: string; readonly [attribute: string]: unknown };

/** The settlement note a payment references, from its payment items. */
export function paidNoteId(payment: Entity): string | undefined {
  for (const entry of listIn(payment.paymentItem)) {
    const item = isRecord(entry) ? entry.item : undefined;
    if (isRecord(item) && item['@referredType'] === 'SettlementNoteAdvice' && typeof item.id === 'string') return item.id;
  }
  return undefined;
}

/**
 * Step 9.13 at the payee: a payment references a settlement note the call center accepted, pays its
 * tax-included amount exactly, and is the only payment of it.
 */
export function checkSettlementPayment<Note extends Entity>(payment: Entity, notes: readonly Note[], payments: readonly Entity[]): Note {
  const noteId = paidNoteId(payment);
  if (!noteId) throw invalid('No settlement note', 'A payment to the call center references the SettlementNoteAdvice it pays in paymentItem[].item');
  const note = notes.find((n) => String(n.id) === noteId);
  if (!note) throw invalid('Unknown settlement note', `The call center has no settlement note advice ${noteId}`);
  const earlier = payments.find((p) => paidNoteId(p) === noteId);
  if (earlier) throw conflict('Already paid', `Settlement note advice ${noteId} was already paid by payment ${earlier.id}`, 'DUPLICATE_PAYMENT');
  if (note.state !== 'accepted')
    throw conflict('Settlement not accepted', `Settlement note advice ${noteId} is ${String(note.state)}: only an accepted advice is paid`, 'NOT_ACCEPTED');
  if (typeof note.taxIncludedAmount !== 'number')
    throw conflict('No amount due', `Settlement note advice ${noteId} states no tax-included amount`, 'NO_AMOUNT_DUE');
  if (!isTmfMoney(payment.totalAmount)) throw invalid('No amount', 'A payment states its totalAmount');
  const due = fromTmf({ unit: String(note.currencyCode), value: note.taxIncludedAmount });
  const paid = fromTmf(payment.totalAmount);
  if (!paid.equals(due)) throw invalid('Wrong amount', `Settlement note advice ${noteId} is settled for ${due.toString()}, not ${paid.toString()}`);
  return note;
}
