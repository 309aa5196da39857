/** TMF635 Usage Management v4: Usage (also the mediation intake of usage records). */
import { bool, dateTime, listOf, oneOfValues, polymorphic, ref, str, type Schema } from './common.ts';
import { resourceSchemas } from './resource.ts';

export const USAGE_STATUSES = ['received', 'rejected', 'recycled', 'guided', 'rated', 'rerated', 'billed'] as const;

/**
 * How a record was rated against an allowance (values from the TMF635 description of the tag): a typo
 * would make included usage look chargeable, or the reverse.
 */
export const USAGE_RATING_TAGS = ['usage', 'included usage', 'non included usage'] as const;

const RatedProductUsage = {
  $id: 'RatedProductUsage',
  type: 'object',
  properties: {
    ratingDate: dateTime,
    ratingAmountType: str,
    offerTariffType: str,
    usageRatingTag: oneOfValues(USAGE_RATING_TAGS),
    isBilled: bool,
    isTaxExempt: bool,
    taxRate: { type: 'number', minimum: 0 },
    taxExcludedRatingAmount: ref('Money'),
    taxIncludedRatingAmount: ref('Money'),
    bucketValueConvertedInAmount: ref('Money'),
    productRef: ref('EntityRef'),
    // Project extension (split billing, FLOWS 8.10): the payer of this share, by its order role and account.
    payerRole: str,
    billingAccount: ref('EntityRef'),
    ...polymorphic,
  },
} as const satisfies Schema;

/** A served usage record always has its status: mediation moves it received → guided → rated → billed. */
const usage = resourceSchemas({
  type: 'Usage',
  entityRequired: ['status'],
  properties: {
    usageDate: dateTime,
    usageType: str,
    description: str,
    status: oneOfValues(USAGE_STATUSES),
    usageSpecification: ref('EntityRef'),
    usageCharacteristic: listOf('Characteristic'),
    ratedProductUsage: listOf('RatedProductUsage'),
    relatedParty: listOf('RelatedParty'),
  },
});

export const USAGE_SCHEMAS = [RatedProductUsage, ...usage];
