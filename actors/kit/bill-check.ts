import { checkInvoice, type BillCheck } from '../../core/invoice-control.ts';
import type { TmfClient } from '../../tmf/client.ts';

/** Fetches a bill and its items from the party that issued it, and checks that they add up (7.9, 9.14). */
export async function retrieveAndCheckBill(issuer: TmfClient, billId: string): Promise<BillCheck> {
  const bill = await issuer.get('TMF678', 'customerBill', billId);
  const { items: rates } = await issuer.list('TMF678', 'appliedCustomerBillingRate', { 'bill.id': billId });
  return checkInvoice(bill, rates);
}
