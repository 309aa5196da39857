/**
 * Shared parts of the project's JSON Schemas (ajv 8, draft-07) and the helpers every API file uses.
 * Schemas reference each other by `$id` (e.g. `{ $ref: 'Money' }`); the registry in `index.ts` adds
 * them all to one ajv instance.
 */
import type { Schema } from './schema.ts';
import { STANDARD_REQUIRED } from './standard.ts';

export type { Schema };

export const str = { type: 'string' } as const;
/** A string that must carry something: names, identifiers, required free-text fields. */
export const text = { type: 'string', minLength: 1 } as const;
export const bool = { type: 'boolean' } as const;
export const num = { type: 'number' } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const uri = { type: 'string', format: 'uri' } as const;

/** A reference by `$id`; its value type is that schema's (`SchemaTypes`). */
export function ref<const Id extends string>(id: Id): { readonly $ref: Id } {
  return { $ref: id };
}

/** A list of `item`: a schema, or the `$id` of one. */
export function listOf<const Id extends string>(item: Id, minItems?: number): { readonly type: 'array'; readonly items: { readonly $ref: Id } };
export function listOf<const I extends Schema>(item: I, minItems?: number): { readonly type: 'array'; readonly items: I };
export function listOf(item: Schema | string, minItems = 0): Schema {
  const items = typeof item === 'string' ? ref(item) : item;
  return minItems > 0 ? { type: 'array', items, minItems } : { type: 'array', items };
}

export function oneOfValues<const V extends readonly string[]>(values: V): { readonly type: 'string'; readonly enum: V } {
  return { type: 'string', enum: values };
}

/** `{ $ref }` plus extra keywords, wrapped in allOf so no keyword sits beside `$ref`. */
export function refWith<const Id extends string, const E extends Schema>(id: Id, extra: E): { readonly allOf: readonly [{ readonly $ref: Id }, E] } {
  return { allOf: [ref(id), extra] };
}

/** TMF polymorphism attributes, present on every TMF object. */
export const polymorphic = {
  '@type': text,
  '@baseType': str,
  '@schemaLocation': uri,
} as const;

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
export const Money = {
  $id: 'Money',
  type: 'object',
  required: ['unit', 'value'],
  properties: { unit: { type: 'string', pattern: '^[A-Z]{3}$' }, value: num },
} as const satisfies Schema;

export const Quantity = {
  $id: 'Quantity',
  type: 'object',
  required: ['amount', 'units'],
  properties: { amount: num, units: text },
} as const satisfies Schema;

export const TimePeriod = {
  $id: 'TimePeriod',
  type: 'object',
  properties: { startDateTime: dateTime, endDateTime: dateTime },
} as const satisfies Schema;

/**
 * Reference to another entity: the `*Ref` types of every TMF API share this shape. Only `id` is
 * required; `href` is a string rather than a URI because providers serve relative hrefs too.
 */
export const EntityRef = {
  [STANDARD_REQUIRED]: ['id'],
  $id: 'EntityRef',
  type: 'object',
  required: ['id'],
  properties: { id: text, href: str, name: str, '@referredType': str, ...polymorphic },
} as const satisfies Schema;

/**
 * An entity given by reference or by value (TMF's `*RefOrValue`, and refs some files key by name, such
 * as TMF629's AccountRef): the flows always give an `id`, the standard does not require one.
 */
export const RefOrValue = { ...EntityRef, $id: 'RefOrValue', [STANDARD_REQUIRED]: [] } as const satisfies Schema;

/** A party playing a role. `@referredType` is required by TMF but optional here (project choice). */
export const RelatedParty = {
  [STANDARD_REQUIRED]: ['id'],
  $id: 'RelatedParty',
  type: 'object',
  required: ['id'],
  properties: { id: text, href: str, name: str, role: str, '@referredType': str, ...polymorphic },
} as const satisfies Schema;

/** An entity related to another one in a named role (TMF621 relatedEntity, the driver's inbox). */
export const RelatedEntity = {
  $id: 'RelatedEntity',
  type: 'object',
  required: ['id', 'role', '@referredType'],
  properties: { id: text, href: str, name: str, role: text, '@referredType': text, ...polymorphic },
} as const satisfies Schema;

/**
 * Name/value pair. A characteristic named `splitBillingCriteria` must hold valid criteria: a typo in
 * them would silently bill the default payer.
 */
export const Characteristic = {
  [STANDARD_REQUIRED]: ['name', 'value'],
  $id: 'Characteristic',
  type: 'object',
  required: ['name', 'value'],
  properties: { id: str, name: text, valueType: str, value: {}, ...polymorphic },
  if: { properties: { name: { const: 'splitBillingCriteria' } }, required: ['name'] },
  then: { properties: { value: ref('SplitBillingCriteria') } },
} as const satisfies Schema;

export const Note = {
  $id: 'Note',
  type: 'object',
  required: ['text'],
  properties: { id: str, author: str, date: dateTime, text: text, ...polymorphic },
} as const satisfies Schema;

export const Attachment = {
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
} as const satisfies Schema;

export const TaxItem = {
  $id: 'TaxItem',
  type: 'object',
  properties: { taxCategory: str, taxRate: { type: 'number', minimum: 0 }, taxAmount: ref('Money'), ...polymorphic },
} as const satisfies Schema;

export const MediumCharacteristic = {
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
} as const satisfies Schema;

export const ContactMedium = {
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
} as const satisfies Schema;

export const COMMON_SCHEMAS = [
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
