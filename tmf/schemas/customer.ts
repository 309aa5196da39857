/** TMF629 Customer Management v4: Customer. */
import { dateTime, listOf, polymorphic, ref, str, text, type Schema } from './common.ts';
import { resourceSchemas } from './resource.ts';

const CreditProfile = {
  $id: 'CreditProfile',
  type: 'object',
  required: ['creditProfileDate', 'validFor'],
  properties: {
    creditProfileDate: dateTime,
    creditRiskRating: { type: 'integer' },
    creditScore: { type: 'integer' },
    validFor: ref('TimePeriod'),
    ...polymorphic,
  },
} as const satisfies Schema;

/** `engagedParty` is the party (an Individual or Organization of TMF632) playing the customer role. */
const customer = resourceSchemas({
  type: 'Customer',
  officialRequired: { entity: ['engagedParty'] },
  createRequired: ['engagedParty', 'name'],
  entityRequired: ['engagedParty'],
  properties: {
    name: text,
    status: str,
    statusReason: str,
    engagedParty: ref('RelatedParty'),
    account: listOf('RefOrValue'),
    agreement: listOf('EntityRef'),
    characteristic: listOf('Characteristic'),
    contactMedium: listOf('ContactMedium'),
    creditProfile: listOf('CreditProfile'),
    paymentMethod: listOf('EntityRef'),
    relatedParty: listOf('RelatedParty'),
    validFor: ref('TimePeriod'),
  },
});

export const CUSTOMER_SCHEMAS = [CreditProfile, ...customer];
