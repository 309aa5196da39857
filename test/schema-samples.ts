/**
 * Minimal valid bodies for every resource of tmf/apis.ts: what a client POSTs (`create`) and what a
 * provider serves (`entity`). The schema tests start from these and break one thing at a time.
 */

/** Bodies of one resource; `entity` lists only what the served entity adds to `create`. */
export interface Sample {
  readonly create: Record<string, unknown>;
  readonly entity: Record<string, unknown>;
}

const at = '2025-03-01T10:00:00Z';
const eur = (value: number) => ({ unit: 'EUR', value });
const party = (id: string, role: string) => ({ id, role, '@referredType': 'Organization' });

export const SAMPLES: Readonly<Record<string, Sample>> = {
  Catalog: { create: { name: 'CSP catalog' }, entity: {} },
  Category: { create: { name: 'infotainment-connectivity' }, entity: {} },
  ProductOffering: {
    create: {
      name: '5 GB infotainment data',
      isBundle: false,
      isPartnerEligible: true,
      lifecycleStatus: 'Launched',
      category: [{ id: 'cat-1', name: 'infotainment-connectivity' }],
      productOfferingPrice: [{ id: 'pop-1' }],
    },
    entity: {},
  },
  ProductOfferingPrice: {
    create: { name: 'monthly fee', priceType: 'recurring', recurringChargePeriodType: 'month', price: eur(9.99) },
    entity: {},
  },
  TroubleTicket: { create: { description: 'no connectivity', severity: 'Major', ticketType: 'incident' }, entity: { status: 'acknowledged' } },
  ProductOrder: {
    create: { productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'po-1' } }], relatedParty: [party('oem', 'buyer')] },
    entity: { state: 'acknowledged' },
  },
  Sla: { create: { name: 'availability', rule: [{ metric: 'availability', operator: '.ge', referenceValue: '99.5' }] }, entity: {} },
  SlaViolation: { create: { sla: { id: 'sla-1' }, violation: { metric: 'availability', actualValue: '98.7' } }, entity: {} },
  Customer: { create: { name: 'Jane Driver', engagedParty: { id: 'ind-1', '@referredType': 'Individual' } }, entity: {} },
  Individual: { create: { givenName: 'Jane', familyName: 'Driver' }, entity: {} },
  Organization: { create: { tradingName: 'Car Maker AG' }, entity: {} },
  Usage: { create: { usageDate: at, usageType: 'data', status: 'received' }, entity: { status: 'received' } },
  Product: { create: { status: 'active', productOffering: { id: 'po-1' } }, entity: {} },
  BillingAccount: { create: { name: 'OEM account', relatedParty: [party('oem', 'owner')] }, entity: {} },
  Payment: {
    create: {
      account: { id: 'acc-1' },
      paymentMethod: { id: 'pm-1' },
      totalAmount: eur(120),
      paymentItem: [{ item: { id: 'sna-1', '@referredType': 'SettlementNoteAdvice' }, totalAmount: eur(120) }],
    },
    entity: {},
  },
  CustomerBill: { create: { billingAccount: { id: 'acc-1' }, amountDue: eur(19.98) }, entity: { state: 'new' } },
  AppliedCustomerBillingRate: {
    create: { type: 'appliedBillingCharge', isBilled: true, bill: { id: 'bill-1' }, taxExcludedAmount: eur(9.99) },
    entity: {},
  },
  SettlementNoteAdvice: {
    create: {
      issuer: { id: 'car-manufacturer' },
      receiver: { id: 'call-center' },
      currencyCode: 'EUR',
      taxExcludedAmount: 25,
      settlementNoteItem: [{ itemId: 'tt-1', taxExcludedAmount: 25 }],
    },
    entity: { state: 'issued' },
  },
  ProductSpecification: { create: { name: 'Connectivity', brand: 'CSP', lifecycleStatus: 'Launched' }, entity: {} },
  CancelProductOrder: { create: { productOrder: { id: 'po-1' }, cancellationReason: 'duplicate' }, entity: {} },
  UsageSpecification: { create: { name: 'data usage' }, entity: {} },
  PartyAccount: { create: { name: 'partner account', relatedParty: [party('oem', 'owner')] }, entity: {} },
  SettlementAccount: { create: { name: 'settlement account', relatedParty: [party('oem', 'owner')] }, entity: {} },
  FinancialAccount: { create: { name: 'financial account' }, entity: {} },
  BillingCycleSpecification: { create: { name: 'monthly', frequency: 'monthly' }, entity: {} },
  BillFormat: { create: { name: 'PDF' }, entity: {} },
  BillPresentationMedia: { create: { name: 'email' }, entity: {} },
  Refund: { create: { account: { id: 'acc-1' }, paymentMethod: { id: 'pm-1' }, totalAmount: eur(10) }, entity: {} },
  CustomerBillOnDemand: { create: { name: 'interim bill', billingAccount: { id: 'acc-1' } }, entity: {} },
  CustomerBillingCycleSpecification: { create: { name: 'monthly' }, entity: {} },
  AppliedCustomerBillingCharge: { create: { name: 'fee' }, entity: {} },
  CustomerBillFormat: { create: { name: 'PDF' }, entity: {} },
  CustomerBillPresentationMedia: { create: { name: 'email' }, entity: {} },
};

/** The served entity: the create body plus what the provider adds, with `id`, `href` and `@type`. */
export function entityOf(type: string, id = 'e-1'): Record<string, unknown> {
  const s = SAMPLES[type];
  return { ...s.create, ...s.entity, id, href: `/tmf-api/x/v4/${type}/${id}`, '@type': type };
}
