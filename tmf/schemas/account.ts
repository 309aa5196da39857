/** TMF666 Account Management v4: BillingAccount. */
import { bool, dateTime, listOf, polymorphic, ref, str, text, type Schema } from './common.ts';
import { resourceSchemas } from './resource.ts';

/** The bill cycle of an account, by reference (`isRef`) or by value (TMF666 requires both fields). */
const BillingCycleSpecification = {
  $id: 'BillingCycleSpecification',
  type: 'object',
  required: ['name', 'isRef'],
  properties: {
    id: str,
    href: str,
    name: text,
    isRef: bool,
    description: str,
    billingPeriod: str,
    frequency: str,
    billingDateShift: { type: 'integer' },
    chargeDateOffset: { type: 'integer' },
    creditDateOffset: { type: 'integer' },
    mailingDateOffset: { type: 'integer' },
    paymentDueDateOffset: { type: 'integer' },
    dateShift: { type: 'integer' },
    validFor: ref('TimePeriod'),
    '@referredType': str,
    ...polymorphic,
  },
} as const satisfies Schema;

const AccountBalance = {
  $id: 'AccountBalance',
  type: 'object',
  required: ['amount', 'balanceType', 'validFor'],
  properties: { balanceType: text, amount: ref('Money'), validFor: ref('TimePeriod'), ...polymorphic },
} as const satisfies Schema;

const billingAccount = resourceSchemas({
  type: 'BillingAccount',
  officialRequired: { entity: ['name', 'relatedParty'] },
  createRequired: ['name', 'relatedParty'],
  entityRequired: ['name', 'relatedParty'],
  properties: {
    name: text,
    description: str,
    accountType: str,
    state: str,
    paymentStatus: str,
    lastModified: dateTime,
    relatedParty: listOf('RelatedParty', 1),
    accountBalance: listOf('AccountBalance'),
    billStructure: {
      type: 'object',
      properties: {
        cycleSpecification: ref('BillingCycleSpecification'),
        format: ref('RefOrValue'),
        presentationMedia: listOf('RefOrValue'),
        ...polymorphic,
      },
    },
    creditLimit: ref('Money'),
    defaultPaymentMethod: ref('EntityRef'),
    financialAccount: ref('EntityRef'),
    accountRelationship: listOf({ type: 'object', properties: { relationshipType: str, account: ref('EntityRef'), validFor: ref('TimePeriod') } }),
    contact: listOf({ type: 'object' }),
    paymentPlan: listOf({ type: 'object' }),
    taxExemption: listOf({ type: 'object' }),
  },
});

export const ACCOUNT_SCHEMAS = [BillingCycleSpecification, AccountBalance, ...billingAccount];
