/** TMF678 Customer Bill Management v4: CustomerBill and AppliedCustomerBillingRate (the bill items). */
import { bool, dateTime, listOf, oneOfValues, ref, str, whenEquals } from './common.ts';
import { resourceSchemas } from './resource.ts';

export const BILL_STATES = ['new', 'onHold', 'validated', 'sent', 'partiallyPaid', 'settled'] as const;
export const BILL_RUN_TYPES = ['onCycle', 'offCycle'] as const;
export const BILLING_RATE_TYPES = ['appliedBillingCharge', 'appliedBillingCredit', 'appliedPenaltyCharge'] as const;

/**
 * TMF678 v4 has no POST on bills; the project's create body (bills produced by a party's own billing
 * run) requires only the account billed. A served bill always has its state.
 */
const customerBill = resourceSchemas({
  type: 'CustomerBill',
  createRequired: ['billingAccount'],
  entityRequired: ['state'],
  properties: {
    billNo: str,
    billDate: dateTime,
    lastUpdate: dateTime,
    nextBillDate: dateTime,
    paymentDueDate: dateTime,
    billingPeriod: ref('TimePeriod'),
    runType: oneOfValues(BILL_RUN_TYPES),
    category: str,
    state: oneOfValues(BILL_STATES),
    amountDue: ref('Money'),
    remainingAmount: ref('Money'),
    taxExcludedAmount: ref('Money'),
    taxIncludedAmount: ref('Money'),
    taxItem: listOf('TaxItem'),
    appliedPayment: listOf({ type: 'object', properties: { appliedAmount: ref('Money'), payment: ref('EntityRef') } }),
    billingAccount: ref('EntityRef'),
    financialAccount: ref('EntityRef'),
    paymentMethod: ref('EntityRef'),
    relatedParty: listOf('RelatedParty'),
    billDocument: listOf('Attachment'),
    // Project extension: the bill's items (TMF678 links each item to its bill, not the bill to its items).
    appliedCustomerBillingRate: listOf('EntityRef'),
  },
});

/**
 * A bill item. As TMF678 states in prose: a billed item points at its bill, an unbilled one at the
 * billing account it waits on. Without that link the item is lost to both the bill and the next run.
 */
const appliedCustomerBillingRate = resourceSchemas({
  type: 'AppliedCustomerBillingRate',
  officialRequired: { entity: ['id'] },
  createRequired: ['type'],
  properties: {
    name: str,
    description: str,
    date: dateTime,
    type: oneOfValues(BILLING_RATE_TYPES),
    isBilled: bool,
    bill: ref('EntityRef'),
    billingAccount: ref('EntityRef'),
    periodCoverage: ref('TimePeriod'),
    product: ref('EntityRef'),
    appliedTax: listOf('TaxItem'),
    characteristic: listOf('Characteristic'),
    taxExcludedAmount: ref('Money'),
    taxIncludedAmount: ref('Money'),
  },
  rules: [whenEquals('isBilled', true, ['bill']), whenEquals('isBilled', false, ['billingAccount'])],
});

export const BILL_SCHEMAS = [...customerBill, ...appliedCustomerBillingRate];
