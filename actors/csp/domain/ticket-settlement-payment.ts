import { fromTmf } from '../../../core/money.ts';
import type { Entity } from '../../../tmf/data.ts';
import { conflict } from '../../../core/domain-error.ts';

/**
 * Step 9.13: the TMF676 payment of a settlement note advice — its tax-included amount, exactly, to its
 * receiver, with one payment item that references the note (the payee refuses a second one).
 */
export function settlementPayment(note: Entity, noteUrl: string, now: Date): Record<string, unknown> {
  const total = fromTmf({ unit: String(note.currencyCode), value: note.taxIncludedAmount as number })
    .roundToMinor()
    .toTmf();
  const receiver = note.receiver as { id: string; name?: string };
  const ref = { id: String(note.id), href: noteUrl, name: String(note.description ?? note.id), '@referredType': 'SettlementNoteAdvice' };
  return {
    name: `Settlement ${String(note.description ?? note.id)}`,
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
export function checkPayable(note: Entity, paid: Readonly<Record<string, string>>): void {
  const id = String(note.id);
  if (paid[id]) throw conflict('Already paid', `Settlement note advice ${id} was already paid (${paid[id]})`, 'DUPLICATE_PAYMENT');
  if (note.state !== 'accepted')
    throw conflict('Settlement not accepted', `Settlement note advice ${id} is ${String(note.state)}: the CSP pays only an accepted advice`, 'NOT_ACCEPTED');
}
