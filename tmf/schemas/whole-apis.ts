/**
 * The resources of the official files that no documented flow uses, served so that each API a party
 * hosts is the whole API (a tester's kit exercises all of it). Their schemas name the attributes a
 * client most relies on and require what the official create bodies require; TMF is extensible, so
 * every other attribute passes.
 */
import { dateTime, listOf, ref, str } from './common.ts';
import { resourceSchemas, type ResourceModel } from './resource.ts';

const named = {
  name: str,
  description: str,
  lastUpdate: dateTime,
  lifecycleStatus: str,
  version: str,
  validFor: ref('TimePeriod'),
} as const satisfies ResourceModel['properties'];
const account = {
  ...named,
  accountType: str,
  state: str,
  relatedParty: listOf('RelatedParty'),
  lastModified: dateTime,
} as const satisfies ResourceModel['properties'];
const payment = {
  name: str,
  description: str,
  status: str,
  account: ref('RefOrValue'),
  paymentMethod: ref('RefOrValue'),
  totalAmount: ref('Money'),
  amount: ref('Money'),
  paymentDate: dateTime,
  refundDate: dateTime,
} as const satisfies ResourceModel['properties'];
/** The v2 billing resources: integer ids, free-form otherwise. */
const v2 = { name: str, description: str, state: str } as const satisfies ResourceModel['properties'];

export const WHOLE_API_SCHEMAS = [
  ...resourceSchemas({
    type: 'CancelProductOrder',
    officialRequired: { entity: ['productOrder'] },
    properties: { productOrder: ref('RefOrValue'), cancellationReason: str, requestedCancellationDate: dateTime, state: str },
    createRequired: ['productOrder'],
  }),
  ...resourceSchemas({ type: 'UsageSpecification', properties: { ...named, specCharacteristic: listOf({ type: 'object' }) } }),
  ...resourceSchemas({
    type: 'PartyAccount',
    properties: account,
    officialRequired: { entity: ['name', 'relatedParty'] },
    createRequired: ['name', 'relatedParty'],
  }),
  ...resourceSchemas({
    type: 'SettlementAccount',
    properties: account,
    officialRequired: { entity: ['name', 'relatedParty'] },
    createRequired: ['name', 'relatedParty'],
  }),
  ...resourceSchemas({ type: 'FinancialAccount', properties: account, officialRequired: { entity: ['name'] }, createRequired: ['name'] }),
  ...resourceSchemas({
    type: 'BillingCycleSpecification',
    officialRequired: { entity: ['name'] },
    schema: 'BillingCycleSpecificationEntity',
    properties: { ...named, billingPeriod: str, frequency: str },
    createRequired: ['name'],
  }),
  ...resourceSchemas({ type: 'BillFormat', properties: named, officialRequired: { entity: ['name'] }, createRequired: ['name'] }),
  ...resourceSchemas({ type: 'BillPresentationMedia', properties: named, officialRequired: { entity: ['name'] }, createRequired: ['name'] }),
  ...resourceSchemas({
    type: 'Refund',
    properties: payment,
    officialRequired: { entity: ['account', 'paymentMethod'] },
    createRequired: ['account', 'paymentMethod', 'totalAmount'],
  }),
  ...resourceSchemas({
    type: 'CustomerBillOnDemand',
    properties: {
      name: str,
      description: str,
      lastUpdate: str,
      billingAccount: ref('RefOrValue'),
      state: str,
      customerBill: ref('RefOrValue'),
    },
  }),
  ...resourceSchemas({ type: 'BillingAccount', schema: 'BillingAccountV2', properties: v2, integerIds: true }),
  ...resourceSchemas({ type: 'CustomerBillingCycleSpecification', properties: v2, integerIds: true }),
  ...resourceSchemas({ type: 'AppliedCustomerBillingCharge', properties: v2, integerIds: true }),
  ...resourceSchemas({ type: 'CustomerBillFormat', properties: v2, integerIds: true }),
  ...resourceSchemas({ type: 'CustomerBillPresentationMedia', properties: v2, integerIds: true }),
];
