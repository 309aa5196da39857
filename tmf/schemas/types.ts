/**
 * The TypeScript type of every schema in the registry, by `$id`, read from the schema objects
 * themselves (`Static`): a schema and its type cannot drift apart. `tmf/resources.ts` names them for
 * the code (`CustomerBill`, `Money`, …).
 *
 * `Static` reads a schema's literal type the way ajv reads the object: `$ref` (resolved through
 * `SchemaTypes`, by `$id`), `type` (one or a list), `enum`, `const`, `properties` with `required`,
 * `additionalProperties` (a map when there are no properties), `items` and `allOf` (every part at once);
 * a generated resource schema carries the model it was made from (resource.ts). What it leaves to ajv:
 * formats, bounds, patterns and cross-field `if/then` rules, which narrow a value without changing its
 * type. Objects are typed with their named attributes only: TMF is extensible, but code reads only what
 * the schema names.
 */
import type { ACCOUNT_SCHEMAS } from './account.ts';
import type { BILL_SCHEMAS } from './bill.ts';
import type { CATALOG_SCHEMAS } from './catalog.ts';
import type { COMMON_SCHEMAS, polymorphic, text } from './common.ts';
import type { CUSTOMER_SCHEMAS } from './customer.ts';
import type { ERROR_SCHEMAS } from './error.ts';
import type { EVENT_SCHEMAS } from './events.ts';
import type { HUB_SCHEMAS } from './hub.ts';
import type { INVENTORY_SCHEMAS } from './inventory.ts';
import type { ORDERING_SCHEMAS } from './ordering.ts';
import type { PARTY_API_SCHEMAS } from './party-api.ts';
import type { PARTY_SCHEMAS } from './party.ts';
import type { PAYMENT_SCHEMAS } from './payment.ts';
import type { ResourceModel } from './resource.ts';
import type { VALUE } from './schema.ts';
import type { SETTLEMENT_SCHEMAS } from './settlement-note-advice.ts';
import type { SLA_SCHEMAS } from './sla.ts';
import type { SPLIT_BILLING_SCHEMAS } from './split-billing.ts';
import type { TROUBLE_TICKET_SCHEMAS } from './trouble-ticket.ts';
import type { USAGE_SCHEMAS } from './usage.ts';
import type { WHOLE_API_SCHEMAS } from './whole-apis.ts';

type Registered =
  | (typeof ACCOUNT_SCHEMAS)[number]
  | (typeof BILL_SCHEMAS)[number]
  | (typeof CATALOG_SCHEMAS)[number]
  | (typeof COMMON_SCHEMAS)[number]
  | (typeof CUSTOMER_SCHEMAS)[number]
  | (typeof ERROR_SCHEMAS)[number]
  | (typeof EVENT_SCHEMAS)[number]
  | (typeof HUB_SCHEMAS)[number]
  | (typeof INVENTORY_SCHEMAS)[number]
  | (typeof ORDERING_SCHEMAS)[number]
  | (typeof PARTY_API_SCHEMAS)[number]
  | (typeof PARTY_SCHEMAS)[number]
  | (typeof PAYMENT_SCHEMAS)[number]
  | (typeof SETTLEMENT_SCHEMAS)[number]
  | (typeof SLA_SCHEMAS)[number]
  | (typeof SPLIT_BILLING_SCHEMAS)[number]
  | (typeof TROUBLE_TICKET_SCHEMAS)[number]
  | (typeof USAGE_SCHEMAS)[number]
  | (typeof WHOLE_API_SCHEMAS)[number];

/** `$id` → the type of the values that schema accepts. */
export type SchemaTypes = { [S in Registered as S['$id']]: Static<S> };

export type SchemaId = keyof SchemaTypes;

/** The type of the values a schema accepts. */
export type Static<S> = S extends { readonly [VALUE]: infer Made } ? Generated<Made> : Keywords<S> & AllOf<S>;

type Keywords<S> = S extends { readonly $ref: infer Id }
  ? Id extends keyof SchemaTypes
    ? SchemaTypes[Id]
    : unknown
  : S extends { readonly enum: readonly (infer V)[] }
    ? V
    : S extends { readonly const: infer V }
      ? V
      : S extends { readonly type: infer T }
        ? OfType<T extends readonly (infer Each)[] ? Each : T, S>
        : S extends { readonly properties: object } | { readonly required: readonly unknown[] }
          ? ObjectOf<S>
          : unknown;

/** `allOf`: a value matches every part. */
type AllOf<S> = S extends { readonly allOf: readonly (infer Part)[] } ? UnionToIntersection<Static<Part>> : unknown;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

type OfType<T, S> = T extends 'string'
  ? string
  : T extends 'number' | 'integer'
    ? number
    : T extends 'boolean'
      ? boolean
      : T extends 'null'
        ? null
        : T extends 'array'
          ? S extends { readonly items: infer I }
            ? Static<I>[]
            : unknown[]
          : T extends 'object'
            ? ObjectOf<S>
            : unknown;

type RequiredOf<S> = S extends { readonly required: readonly (infer R)[] } ? R : never;

type ObjectOf<S> = S extends { readonly properties: infer P }
  ? Properties<P, RequiredOf<S>>
  : S extends { readonly additionalProperties: infer A extends object }
    ? Record<string, Static<A>>
    : RequiredOf<S> extends never
      ? Record<string, unknown>
      : // `required` alone (in an `allOf` part): those attributes are there, whatever their type.
        { [K in RequiredOf<S> & string]: NonNullable<unknown> };

/** Named attributes: those in `required` present, the others optional. Mutable, as stored entities are changed in place. */
export type Properties<P, R> = Flat<{ -readonly [K in keyof P & R]: Static<P[K]> } & { -readonly [K in Exclude<keyof P, R>]?: Static<P[K]> }>;

type Flat<T> = { [K in keyof T]: T[K] };

/** The schemas resource.ts generates from a resource model: the entity, its create and update bodies. */
type Generated<Made> = Made extends { readonly entity: infer M extends ResourceModel }
  ? EntityOf<M>
  : Made extends { readonly create: infer M extends ResourceModel }
    ? CreateOf<M>
    : Made extends { readonly update: infer M extends ResourceModel }
      ? UpdateOf<M>
      : unknown;

type Polymorphic = typeof polymorphic;
type Listed<L> = L extends readonly (infer N)[] ? N : never;

/**
 * The entity as stored: `id`, `href` and `@type` always there, the attributes the model requires of a
 * served entity present, the others optional. Ids are stored as strings; the v2 APIs serve digit ids
 * as integers (`servedId`), so whoever reads a v2 entity from a peer reads its id with `String(…)`.
 */
export type EntityOf<M extends ResourceModel> = Properties<
  { readonly id: typeof text; readonly href: typeof text } & M['properties'] & Polymorphic,
  'id' | 'href' | '@type' | Listed<M['entityRequired']>
>;

/** The POST body. */
export type CreateOf<M extends ResourceModel> = Properties<M['properties'] & Polymorphic, Listed<M['createRequired']>>;

/** The merge-patch body: any attribute, and `null` removes an optional one (RFC 7396). */
export type UpdateOf<M extends ResourceModel, P = M['properties'] & Polymorphic> = {
  -readonly [K in keyof P]?: Static<P[K]> | (K extends Listed<M['entityRequired']> | '@type' ? never : null);
};
