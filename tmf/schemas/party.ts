/** TMF632 Party Management v4: Individual and Organization. */
import { bool, dateTime, listOf, oneOfValues, polymorphic, ref, str, text, type Schema } from './common.ts';
import { resourceSchemas } from './resource.ts';

/** TMF632 v4 state values, spelling included (`deceaded`). */
export const INDIVIDUAL_STATES = ['initialized', 'validated', 'deceaded'] as const;
export const ORGANIZATION_STATES = ['initialized', 'validated', 'closed'] as const;

/**
 * An identity document or registration. Number and kind are required: matching a driver to an
 * existing customer (FLOWS 8.4) compares them, and an identification without them matches nothing.
 */
const PartyIdentification = {
  $id: 'PartyIdentification',
  type: 'object',
  required: ['identificationId', 'identificationType'],
  properties: {
    identificationId: text,
    identificationType: text,
    issuingAuthority: str,
    issuingDate: dateTime,
    attachment: ref('Attachment'),
    validFor: ref('TimePeriod'),
    ...polymorphic,
  },
} as const satisfies Schema;

const partyProperties = {
  contactMedium: listOf('ContactMedium'),
  partyCharacteristic: listOf('Characteristic'),
  relatedParty: listOf('RelatedParty'),
  externalReference: listOf({ type: 'object', properties: { name: str, externalReferenceType: str, ...polymorphic } }),
  creditRating: listOf({ type: 'object' }),
  taxExemptionCertificate: listOf({ type: 'object' }),
} as const satisfies Record<string, Schema>;

const individual = resourceSchemas({
  type: 'Individual',
  officialRequired: { entity: ['id'] },
  createRequired: ['givenName', 'familyName'],
  properties: {
    givenName: text,
    familyName: text,
    middleName: str,
    fullName: str,
    formattedName: str,
    legalName: str,
    preferredGivenName: str,
    familyNamePrefix: str,
    title: str,
    aristocraticTitle: str,
    generation: str,
    gender: str,
    maritalStatus: str,
    nationality: str,
    countryOfBirth: str,
    placeOfBirth: str,
    location: str,
    birthDate: dateTime,
    deathDate: dateTime,
    status: oneOfValues(INDIVIDUAL_STATES),
    individualIdentification: listOf('PartyIdentification'),
    languageAbility: listOf({ type: 'object', properties: { languageCode: str, languageName: str, isFavouriteLanguage: bool } }),
    otherName: listOf({ type: 'object' }),
    disability: listOf({ type: 'object' }),
    skill: listOf({ type: 'object' }),
    ...partyProperties,
  },
});

const organization = resourceSchemas({
  type: 'Organization',
  officialRequired: { entity: ['id'] },
  createRequired: ['tradingName'],
  properties: {
    tradingName: text,
    name: str,
    nameType: str,
    organizationType: str,
    isHeadOffice: bool,
    isLegalEntity: bool,
    existsDuring: ref('TimePeriod'),
    status: oneOfValues(ORGANIZATION_STATES),
    organizationIdentification: listOf('PartyIdentification'),
    organizationChildRelationship: listOf({ type: 'object', properties: { relationshipType: str, organization: ref('EntityRef') } }),
    organizationParentRelationship: { type: 'object', properties: { relationshipType: str, organization: ref('EntityRef') } },
    otherName: listOf({ type: 'object' }),
    ...partyProperties,
  },
});

export const PARTY_SCHEMAS = [PartyIdentification, ...individual, ...organization];
