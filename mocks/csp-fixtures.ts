import type { Entity } from '../tmf/data.ts';
import { hrefOf } from '../tmf/resource.ts';

/**
 * What the mocked CSP serves: two launched infotainment connectivity offers, and one partner bill whose
 * items add up to it. Amounts have cents that binary floats cannot sum exactly (1440.10 + 372.20), so a
 * check that adds numbers instead of money fails here.
 */
const offer = (id: string, name: string, priceId: string): Entity => ({
  id,
  href: hrefOf('TMF620', 'productOffering', id),
  '@type': 'ProductOffering',
  name,
  lifecycleStatus: 'Launched',
  isBundle: false,
  isSellable: true,
  category: [{ id: 'cat-infotainment-connectivity', name: 'infotainment-connectivity' }],
  productOfferingPrice: [{ id: priceId, href: hrefOf('TMF620', 'productOfferingPrice', priceId) }],
});

export const CSP_OFFERS: readonly Entity[] = [
  offer('po-mock-infotainment-small', 'Mock infotainment 3 GB', 'pop-mock-small-monthly'),
  offer('po-mock-infotainment-large', 'Mock infotainment 30 GB', 'pop-mock-large-monthly'),
];

export const CSP_BILL_ID = 'bill-mock-0001';
const billHref = hrefOf('TMF678', 'customerBill', CSP_BILL_ID);
const eur = (value: number) => ({ unit: 'EUR', value });

const rate = (id: string, name: string, taxExcluded: number, taxIncluded: number): Entity => ({
  id,
  href: hrefOf('TMF678', 'appliedCustomerBillingRate', id),
  '@type': 'AppliedCustomerBillingRate',
  name,
  type: 'appliedBillingCharge',
  isBilled: true,
  bill: { id: CSP_BILL_ID, href: billHref },
  taxExcludedAmount: eur(taxExcluded),
  taxIncludedAmount: eur(taxIncluded),
});

export const CSP_BILL_RATES: readonly Entity[] = [
  rate('acbr-mock-0001', 'Fleet connectivity monthly fee (2026-01)', 1200.08, 1440.1),
  rate('acbr-mock-0002', 'Split billing monthly fee (2026-01)', 310.17, 372.2),
];

export const CSP_BILL: Entity = {
  id: CSP_BILL_ID,
  href: billHref,
  '@type': 'CustomerBill',
  billNo: 'CSP-2026-01-00001',
  state: 'new',
  billingPeriod: { startDateTime: '2026-01-01T00:00:00.000Z', endDateTime: '2026-02-01T00:00:00.000Z' },
  taxExcludedAmount: eur(1510.25),
  taxIncludedAmount: eur(1812.3),
  amountDue: eur(1812.3),
  appliedCustomerBillingRate: CSP_BILL_RATES.map((r) => ({ id: r.id, href: r.href })),
};
