/**
 * Shared parts of the project's JSON Schemas (ajv 8, draft-07) and the helpers every API file uses.
 * Schemas reference each other by `$id` (e.g. `{ $ref: 'Money' }`); the registry in `index.ts` adds
 * them all to one ajv instance.
 */
import type { Schema } from './schema.ts';
import { STANDARD_REQUIRED } from './standard.ts';

export type { Schema };

export const str: Schema = { type: 'string' };
/** A string that must carry something: names, identifiers, required free-text fields. */
export const text: Schema = { type: 'string', minLength: 1 };
export const bool: Schema = { type: 'boolean' };
export const num: Schema = { type: 'number' };
export const dateTime: Schema = { type: 'string', format: 'date-time' };
export const uri: Schema = { type: 'string', format: 'uri' };

export function ref(id: string): Schema {
  return { $ref: id };
}

export function listOf(item: Schema | string, minItems = 0): Schema {
  const items = typeof item === 'string' ? ref(item) : item;
  return minItems > 0 ? { type: 'array', items, minItems } : { type: 'array', items };
}

export function oneOfValues(values: readonly string[]): Schema {
  return { type: 'string', enum: values };
}

/** `{ $ref }` plus extra keywords, wrapped in allOf so no keyword sits beside `$ref`. */
export function refWith(id: string, extra: Schema): Schema {
  return { allOf: [ref(id), extra] };
}

/** TMF polymorphism attributes, present on every TMF object. */
export const polymorphic: Record<string, Schema> = {
  '@type': text,
  '@baseType': str,
  '@schemaLocation': uri,
};

/** `if <property> equals <value> then <required fields>`: a rule the TMF models state only in prose. */
export function whenEquals(property: string, value: string | boolean, required: readonly string[]): Schema {
  return {
    if: { properties: { [property]: { const: value } }, required: [property] },
    then: { required },
  };
}

/**
 * Monetary amount at the API edge. Both parts are required (an amount without its currency cannot be
 * summed safely) and the currency is an ISO 4217 code: `eur` would otherwise slip through and split
 * totals per spelling.
 */
const Money: Schema = {
  $id: 'Money',
  type: 'object',
  required: ['unit', 'value'],
  properties: { unit: { type: 'string', pattern: '^[A-Z]{3}$' }, value: num },
};

const Quantity: Schema = {
  $id: 'Quantity',
  type: 'object',
  required: ['amount', 'units'],
  properties: { amount: num, units: text },
};

const TimePeriod: Schema = {
  $id: 'TimePeriod',
  type: 'object',
  properties: { startDateTime: dateTime, endDateTime: dateTime },
};

/**
 * Reference to another entity: the `*Ref` types of every TMF API share this shape. Only `id` is
 * required; `href` is a string rather than a URI because providers serve relative hrefs too.
 */
const EntityRef: Schema = {
  [STANDARD_REQUIRED]: ['id'],
  $id: 'EntityRef',
  type: 'object',
  required: ['id'],
  properties: { id: text, href: str, name: str, '@referredType': str, ...polymorphic },
};

/**
 * An entity given by reference or by value (TMF's `*RefOrValue`, and refs some files key by name, such
 * as TMF629's AccountRef): the flows always give an `id`, the standard does not require one.
 */
const RefOrValue: Schema = { ...EntityRef, $id: 'RefOrValue', [STANDARD_REQUIRED]: [] };

/** A party playing a role. `@referredType` is required by TMF but optional here (project choice). */
const RelatedParty: Schema = {
  [STANDARD_REQUIRED]: ['id'],
  $id: 'RelatedParty',
  type: 'object',
  required: ['id'],
  properties: { id: text, href: str, name: str, role: str, '@referredType': str, ...polymorphic },
};

/** An entity related to another one in a named role (TMF621 relatedEntity, the driver's inbox). */
const RelatedEntity: Schema = {
  $id: 'RelatedEntity',
  type: 'object',
  required: ['id', 'role', '@referredType'],
  properties: { id: text, href: str, name: str, role: text, '@referredType': text, ...polymorphic },
};

/**
 * Name/value pair. A characteristic named `splitBillingCriteria` must hold valid criteria: a typo in
 * them would silently bill the default payer.
 */
const Characteristic: Schema = {
  [STANDARD_REQUIRED]: ['name', 'value'],
  $id: 'Characteristic',
  type: 'object',
  required: ['name', 'value'],
  properties: { id: str, name: text, valueType: str, value: {}, ...polymorphic },
  if: { properties: { name: { const: 'splitBillingCriteria' } }, required: ['name'] },
  then: { properties: { value: ref('SplitBillingCriteria') } },
};

const Note: Schema = {
  $id: 'Note',
  type: 'object',
  required: ['text'],
  properties: { id: str, author: str, date: dateTime, text: text, ...polymorphic },
};

const Attachment: Schema = {
  $id: 'Attachment',
  type: 'object',
  properties: {
    id: str,
    href: str,
    attachmentType: str,
    content: str,
    description: str,
    mimeType: str,
    name: str,
    url: str,
    size: ref('Quantity'),
    validFor: ref('TimePeriod'),
    '@referredType': str,
    ...polymorphic,
  },
};

const TaxItem: Schema = {
  $id: 'TaxItem',
  type: 'object',
  properties: { taxCategory: str, taxRate: { type: 'number', minimum: 0 }, taxAmount: ref('Money'), ...polymorphic },
};

const MediumCharacteristic: Schema = {
  $id: 'MediumCharacteristic',
  type: 'object',
  properties: {
    city: str,
    contactType: str,
    country: str,
    emailAddress: { type: 'string', format: 'email' },
    faxNumber: str,
    phoneNumber: str,
    postCode: str,
    socialNetworkId: str,
    stateOrProvince: str,
    street1: str,
    street2: str,
    ...polymorphic,
  },
};

const ContactMedium: Schema = {
  $id: 'ContactMedium',
  type: 'object',
  required: ['mediumType'],
  properties: {
    mediumType: text,
    preferred: bool,
    characteristic: ref('MediumCharacteristic'),
    validFor: ref('TimePeriod'),
    ...polymorphic,
  },
};

export const COMMON_SCHEMAS: readonly Schema[] = [
  Money,
  Quantity,
  TimePeriod,
  EntityRef,
  RefOrValue,
  RelatedParty,
  RelatedEntity,
  Characteristic,
  Note,
  Attachment,
  TaxItem,
  MediumCharacteristic,
  ContactMedium,
];
