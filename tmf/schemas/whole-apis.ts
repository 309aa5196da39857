/**
 * The resources of the official files that no documented flow uses, served so that each API a party
 * hosts is the whole API (a tester's kit exercises all of it). Their schemas name the attributes a
 * client most relies on and require what the official create bodies require; TMF is extensible, so
 * every other attribute passes.
 */
import { dateTime, listOf, ref, str, type Schema } from './common.ts';
import { resourceSchemas, type ResourceModel } from './resource.ts';

const named: ResourceModel['properties'] = {
  name: str,
  description: str,
  lastUpdate: dateTime,
  lifecycleStatus: str,
  version: str,
  validFor: ref('TimePeriod'),
};
const account: ResourceModel['properties'] = {
  ...named,
  accountType: str,
  state: str,
  relatedParty: listOf('RelatedParty'),
  lastModified: dateTime,
};
const payment: ResourceModel['properties'] = {
  name: str,
  description: str,
  status: str,
  account: ref('RefOrValue'),
  paymentMethod: ref('RefOrValue'),
  totalAmount: ref('Money'),
  amount: ref('Money'),
  paymentDate: dateTime,
  refundDate: dateTime,
};
/** The v2 billing resources: integer ids, free-form otherwise. */
const v2: ResourceModel['properties'] = { name: str, description: str, state: str };

const model = (type: string, properties: ResourceModel['properties'], createRequired: readonly string[] = [], extra: Partial<ResourceModel> = {}): Schema[] =>
  resourceSchemas({ type, properties, createRequired, ...extra });

export const WHOLE_API_SCHEMAS: readonly Schema[] = [
  ...model('CancelProductOrder', { productOrder: ref('RefOrValue'), cancellationReason: str, requestedCancellationDate: dateTime, state: str }, [
    'productOrder',
  ]),
  ...model('UsageSpecification', { ...named, specCharacteristic: listOf({ type: 'object' }) }),
  ...model('PartyAccount', account, ['name', 'relatedParty']),
  ...model('SettlementAccount', account, ['name', 'relatedParty']),
  ...model('FinancialAccount', account, ['name']),
  ...model('BillingCycleSpecification', { ...named, billingPeriod: str, frequency: str }, ['name'], { schema: 'BillingCycleSpecificationEntity' }),
  ...model('BillFormat', named, ['name']),
  ...model('BillPresentationMedia', named, ['name']),
  ...model('Refund', payment, ['account', 'paymentMethod', 'totalAmount']),
  ...model('CustomerBillOnDemand', {
    name: str,
    description: str,
    lastUpdate: str,
    billingAccount: ref('RefOrValue'),
    state: str,
    customerBill: ref('RefOrValue'),
  }),
  ...model('BillingAccount', v2, [], { schema: 'BillingAccountV2', integerIds: true }),
  ...model('CustomerBillingCycleSpecification', v2, [], { integerIds: true }),
  ...model('AppliedCustomerBillingCharge', v2, [], { integerIds: true }),
  ...model('CustomerBillFormat', v2, [], { integerIds: true }),
  ...model('CustomerBillPresentationMedia', v2, [], { integerIds: true }),
];
