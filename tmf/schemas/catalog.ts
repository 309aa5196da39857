/** TMF620 Product Catalog Management v4: Catalog, Category, ProductOffering, ProductOfferingPrice, ProductSpecification. */
import { bool, dateTime, listOf, oneOfValues, polymorphic, ref, str, text, whenEquals, type Schema } from './common.ts';
import { resourceSchemas } from './resource.ts';
import { STANDARD_REQUIRED } from './standard.ts';

/**
 * Lifecycle of offerings and prices. TMF620 v4 leaves it free text; the values are the ones its user
 * guide names. Enforced because partners filter on it (`lifecycleStatus=Launched`): an offering stored
 * as `launched` would silently never be found.
 */
export const OFFERING_LIFECYCLE = ['In study', 'In design', 'In test', 'Active', 'Launched', 'Retired', 'Obsolete', 'Rejected'] as const;

/** Kinds of price; a typo would make the rater skip the price. */
export const PRICE_TYPES = ['recurring', 'oneTime', 'usage', 'discount', 'allowance', 'penalty'] as const;

/** Periods a recurring charge repeats over, with `recurringChargePeriodLength` as the multiplier. */
export const CHARGE_PERIODS = ['day', 'week', 'month', 'year'] as const;

const CategoryRef = {
  [STANDARD_REQUIRED]: ['id'],
  $id: 'CategoryRef',
  type: 'object',
  required: ['id'],
  properties: { id: text, href: str, name: str, version: str, '@referredType': str, ...polymorphic },
} as const satisfies Schema;

/** A member of a bundle. Its id is required: the bundle check (FLOWS 10.8) looks every member up. */
const BundledProductOffering = {
  $id: 'BundledProductOffering',
  type: 'object',
  required: ['id'],
  properties: {
    id: text,
    href: str,
    name: str,
    lifecycleStatus: oneOfValues(OFFERING_LIFECYCLE),
    bundledProductOfferingOption: {
      type: 'object',
      properties: {
        numberRelOfferDefault: { type: 'integer', minimum: 0 },
        numberRelOfferLowerLimit: { type: 'integer', minimum: 0 },
        numberRelOfferUpperLimit: { type: 'integer', minimum: 0 },
      },
    },
    ...polymorphic,
  },
} as const satisfies Schema;

/**
 * Project extension (FLOWS 10.8, 11.12): what each partner is paid per period for its part of a
 * converged offering. The amounts are the settlement weights; the OEM keeps the rest as its margin.
 */
const RevenueShare = {
  $id: 'RevenueShare',
  type: 'object',
  required: ['partyId', 'productOfferingId', 'amount'],
  properties: { partyId: text, productOfferingId: text, amount: ref('Money') },
} as const satisfies Schema;

/** Project extension (FLOWS 10.8): one verifier's verdict on a converged offering, with every reason. */
const PartnerReview = {
  $id: 'PartnerReview',
  type: 'object',
  required: ['partyId', 'verdict'],
  properties: { partyId: text, verdict: oneOfValues(['approved', 'rejected']), reason: listOf(text), reviewDate: dateTime },
  if: { properties: { verdict: { const: 'rejected' } } },
  then: { required: ['reason'], properties: { reason: { minItems: 1 } } },
} as const satisfies Schema;

const catalog = resourceSchemas({
  type: 'Catalog',
  createRequired: ['name'],
  properties: {
    name: text,
    description: str,
    catalogType: str,
    lastUpdate: dateTime,
    lifecycleStatus: str,
    version: str,
    category: listOf('CategoryRef'),
    relatedParty: listOf('RelatedParty'),
    validFor: ref('TimePeriod'),
  },
});

const category = resourceSchemas({
  type: 'Category',
  createRequired: ['name'],
  properties: {
    name: text,
    description: str,
    isRoot: bool,
    parentId: str,
    lastUpdate: dateTime,
    lifecycleStatus: str,
    version: str,
    productOffering: listOf('EntityRef'),
    subCategory: listOf('CategoryRef'),
    validFor: ref('TimePeriod'),
  },
});

/**
 * `isPartnerEligible` is a project extension (FLOWS 10.2): the CSP marks an offering that partners
 * may resell or bundle. TMF620 v4 has no such attribute; being a plain boolean, it needs no `@type`.
 */
const productOffering = resourceSchemas({
  type: 'ProductOffering',
  createRequired: ['name'],
  properties: {
    name: text,
    description: str,
    version: str,
    isBundle: bool,
    isSellable: bool,
    isPartnerEligible: bool,
    lastUpdate: dateTime,
    lifecycleStatus: oneOfValues(OFFERING_LIFECYCLE),
    statusReason: str,
    bundledProductOffering: listOf('BundledProductOffering'),
    category: listOf('CategoryRef'),
    productOfferingPrice: listOf('EntityRef'),
    productSpecification: ref('EntityRef'),
    channel: listOf('EntityRef'),
    marketSegment: listOf('EntityRef'),
    place: listOf('EntityRef'),
    agreement: listOf('EntityRef'),
    serviceLevelAgreement: ref('EntityRef'),
    attachment: listOf('Attachment'),
    productOfferingTerm: listOf({ type: 'object', properties: { name: str, description: str, validFor: ref('TimePeriod') } }),
    prodSpecCharValueUse: listOf({ type: 'object' }),
    validFor: ref('TimePeriod'),
    productOfferingRelationship: listOf({
      type: 'object',
      required: ['id', 'relationshipType'],
      properties: { id: text, href: str, name: str, relationshipType: text, '@referredType': str, ...polymorphic },
    }),
    revenueShare: listOf('RevenueShare'),
    partnerReview: listOf('PartnerReview'),
  },
  // A bundle without members would pass the bundle verification vacuously.
  rules: [
    {
      if: { properties: { isBundle: { const: true } }, required: ['isBundle'] },
      then: { required: ['bundledProductOffering'], properties: { bundledProductOffering: { minItems: 1 } } },
    },
  ],
});

/**
 * A price. What each kind needs to be rated is required: a recurring fee its amount and period, a
 * one-time fee its amount, a usage price its amount and the unit it is charged per.
 */
const productOfferingPrice = resourceSchemas({
  type: 'ProductOfferingPrice',
  createRequired: ['name'],
  properties: {
    name: text,
    description: str,
    version: str,
    isBundle: bool,
    lastUpdate: dateTime,
    lifecycleStatus: oneOfValues(OFFERING_LIFECYCLE),
    priceType: oneOfValues(PRICE_TYPES),
    recurringChargePeriodType: oneOfValues(CHARGE_PERIODS),
    recurringChargePeriodLength: { type: 'integer', minimum: 1 },
    price: ref('Money'),
    unitOfMeasure: ref('Quantity'),
    percentage: { type: 'number', minimum: 0, maximum: 100 },
    tax: listOf('TaxItem'),
    validFor: ref('TimePeriod'),
    place: listOf('EntityRef'),
    constraint: listOf('EntityRef'),
    productOfferingTerm: listOf({ type: 'object' }),
    popRelationship: listOf('RefOrValue'),
    bundledPopRelationship: listOf('RefOrValue'),
    pricingLogicAlgorithm: listOf({ type: 'object' }),
    prodSpecCharValueUse: listOf({ type: 'object' }),
  },
  rules: [
    whenEquals('priceType', 'recurring', ['price', 'recurringChargePeriodType']),
    whenEquals('priceType', 'oneTime', ['price']),
    whenEquals('priceType', 'usage', ['price', 'unitOfMeasure']),
  ],
});

/** What an offering sells: the CSP's connectivity, a partner's service (TMF620 productSpecification). */
const productSpecification = resourceSchemas({
  type: 'ProductSpecification',
  createRequired: ['name'],
  properties: {
    name: text,
    description: str,
    version: str,
    brand: str,
    productNumber: str,
    isBundle: bool,
    lastUpdate: dateTime,
    lifecycleStatus: oneOfValues(OFFERING_LIFECYCLE),
    validFor: ref('TimePeriod'),
    relatedParty: listOf('RelatedParty'),
    productSpecCharacteristic: listOf({ type: 'object' }),
    bundledProductSpecification: listOf('RefOrValue'),
    serviceSpecification: listOf('RefOrValue'),
    resourceSpecification: listOf('RefOrValue'),
    attachment: listOf('Attachment'),
    productSpecificationRelationship: listOf({ type: 'object' }),
    targetProductSchema: { type: 'object' },
  },
});

export const CATALOG_SCHEMAS = [
  CategoryRef,
  BundledProductOffering,
  RevenueShare,
  PartnerReview,
  ...catalog,
  ...category,
  ...productOffering,
  ...productOfferingPrice,
  ...productSpecification,
];
