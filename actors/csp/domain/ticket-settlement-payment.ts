import { fromTmf } from '../../../core/money.ts';
import { conflict } from '../../../core/domain-error.ts';
import type { CreateBody, SettlementNoteAdvice } from '../../../tmf/resources.ts';

/**
 * Step 9.13: the TMF676 payment of a settlement note advice — its tax-included amount, exactly, to its
 * receiver, with one payment item that references the note (the payee refuses a second one).
 */
export function settlementPayment(note: SettlementNoteAdvice, noteUrl: string, now: Date): CreateBody<'TMF676', 'payment'> {
  if (note.taxIncludedAmount === undefined)
    throw conflict('No amount due', `Settlement note advice ${String(note.id)} states no tax-included amount to pay`, 'NO_AMOUNT_DUE');
  const total = fromTmf({ unit: note.currencyCode, value: note.taxIncludedAmount }).roundToMinor().toTmf();
  const receiver = note.receiver;
  const ref = { id: String(note.id), href: noteUrl, name: note.description ?? String(note.id), '@referredType': 'SettlementNoteAdvice' };
  return {
    name: `Settlement ${note.description ?? String(note.id)}`,
    description: 'Payment of an accepted call center settlement',
    correlatorId: String(note.id),
    paymentDate: now.toISOString(),
    account: { id: receiver.id, name: receiver.name, '@referredType': 'PartyAccount' },
    payer: { id: 'csp', name: 'CSP', role: 'payer', '@referredType': 'Organization' },
    paymentMethod: { name: 'Bank transfer', '@referredType': 'BankTransfer' },
    totalAmount: total,
    paymentItem: [{ item: ref, totalAmount: total }],
  };
}

/**
 * Step 9.13 at the payer, by its own rules: it pays a note only once the receiver accepted it (as the
 * note at its issuer says), and only once — its own record of what it paid, not the payee's refusal,
 * stops a second payment.
 */
export function checkPayable(note: SettlementNoteAdvice, paid: Readonly<Record<string, string>>): void {
  const id = String(note.id);
  if (paid[id]) throw conflict('Already paid', `Settlement note advice ${id} was already paid (${paid[id]})`, 'DUPLICATE_PAYMENT');
  if (note.state !== 'accepted')
    throw conflict('Settlement not accepted', `Settlement note advice ${id} is ${note.state}: the CSP pays only an accepted advice`, 'NOT_ACCEPTED');
}
