/**
 * The TypeScript types of the TMF resources and their parts, derived from the project's schemas
 * (tmf/schemas, see `Static` in schema.ts): one source for what ajv checks and what the code reads.
 *
 * - `Resource<'TMF678', 'customerBill'>` is the entity of a collection (what `collection()`, `items()`
 *   and the client's `get`/`list` give); `CreateBody` and `UpdateBody` are its POST and PATCH bodies.
 * - The named types below are the same types by their TMF names (`CustomerBill`, `Money`, …).
 * - `SchemaTypes['X']` is the type of any registered schema by `$id`.
 *
 * Attributes the schema leaves optional are optional here: read them with `?.` or narrow them
 * (`if (!bill.billingAccount) …`), never with a cast.
 */
import { type ApiId, type ApiTable, findResource } from './apis.ts';
import type { SchemaId, SchemaTypes } from './schemas/types.ts';

export type { SchemaId, SchemaTypes } from './schemas/types.ts';

type ResourcesOf<A extends ApiId> = Extract<ApiTable[number], { readonly id: A }>['resources'][number];

/** API → collection name → entity schema id, e.g. `SchemaIds['BillingV2']['billingAccount']` is `BillingAccountV2`. */
type SchemaIds = { [A in ApiId]: { [Def in ResourcesOf<A> as Def['name']]: Def['schema'] } };

/** The collections of an API, e.g. `'customerBill' | 'appliedCustomerBillingRate' | …` for TMF678. */
export type ResourceName<A extends ApiId> = A extends ApiId ? keyof SchemaIds[A] & string : never;

/** Whether the API has a collection of that name: a name read at run time (a path, a table) becomes a typed one. */
export function isResourceName<A extends ApiId>(api: A, name: string): name is ResourceName<A> {
  return findResource(api, name) !== undefined;
}

/** The entity schema id of a collection, e.g. `BillingAccountV2` for BillingV2's billingAccount. */
export type SchemaIdOf<A extends ApiId, R> = SchemaIds[A][R & keyof SchemaIds[A]];

/** The entity of a collection, as stored and served. */
export type Resource<A extends ApiId, R> = SchemaTypes[SchemaIdOf<A, R> & SchemaId];
/** A collection named with its API, as a party's state dump keys it: `TMF678.customerBill`. */
export type ResourceKey = { [A in ApiId]: `${A}.${ResourceName<A>}` }[ApiId];
/** The entity of a collection named by its key. */
export type ResourceOfKey<K extends ResourceKey> = K extends `${infer A extends ApiId}.${infer R}` ? Resource<A, R> : never;
/** A party's collections by key, as its state dump holds them (each one it keeps). */
export type ResourcesByKey = { readonly [K in ResourceKey]?: ResourceOfKey<K>[] };
/** A collection's POST body. */
export type CreateBody<A extends ApiId, R> = SchemaTypes[`${SchemaIdOf<A, R> & string}_Create` & SchemaId];
/** A created entity before the domain has its say: the POST body with the id, href and `@type` the server gave it. */
export type Incoming<A extends ApiId, R> = CreateBody<A, R> & { id: string; href: string; '@type': string };
/** A collection's merge-patch body. */
export type UpdateBody<A extends ApiId, R> = SchemaTypes[`${SchemaIdOf<A, R> & string}_Update` & SchemaId];

// Shared parts.
export type Money = SchemaTypes['Money'];
export type Quantity = SchemaTypes['Quantity'];
export type TimePeriod = SchemaTypes['TimePeriod'];
export type EntityRef = SchemaTypes['EntityRef'];
export type RefOrValue = SchemaTypes['RefOrValue'];
export type RelatedParty = SchemaTypes['RelatedParty'];
export type RelatedEntity = SchemaTypes['RelatedEntity'];
export type Characteristic = SchemaTypes['Characteristic'];
export type Note = SchemaTypes['Note'];
export type Attachment = SchemaTypes['Attachment'];
export type TaxItem = SchemaTypes['TaxItem'];
export type ContactMedium = SchemaTypes['ContactMedium'];
export type InboxMessage = SchemaTypes['InboxMessage'];

// TMF620
export type Catalog = SchemaTypes['Catalog'];
export type Category = SchemaTypes['Category'];
export type ProductOffering = SchemaTypes['ProductOffering'];
export type ProductOfferingPrice = SchemaTypes['ProductOfferingPrice'];
export type ProductSpecification = SchemaTypes['ProductSpecification'];
export type BundledProductOffering = SchemaTypes['BundledProductOffering'];
export type RevenueShare = SchemaTypes['RevenueShare'];
export type PartnerReview = SchemaTypes['PartnerReview'];
// TMF621
export type TroubleTicket = SchemaTypes['TroubleTicket'];
// TMF622
export type ProductOrder = SchemaTypes['ProductOrder'];
export type ProductOrderItem = SchemaTypes['ProductOrderItem'];
export type OrderPrice = SchemaTypes['OrderPrice'];
// TMF623
export type Sla = SchemaTypes['Sla'];
export type SlaRule = SchemaTypes['SlaRule'];
export type SlaViolation = SchemaTypes['SlaViolation'];
// TMF629
export type Customer = SchemaTypes['Customer'];
// TMF632
export type Individual = SchemaTypes['Individual'];
export type Organization = SchemaTypes['Organization'];
export type PartyIdentification = SchemaTypes['PartyIdentification'];
// TMF635
export type Usage = SchemaTypes['Usage'];
export type RatedProductUsage = SchemaTypes['RatedProductUsage'];
// TMF637
export type Product = SchemaTypes['Product'];
export type ProductRefOrValue = SchemaTypes['ProductRefOrValue'];
export type ProductPrice = SchemaTypes['ProductPrice'];
export type Price = SchemaTypes['Price'];
// TMF666
export type BillingAccount = SchemaTypes['BillingAccount'];
// TMF676
export type Payment = SchemaTypes['Payment'];
export type PaymentItem = SchemaTypes['PaymentItem'];
// TMF678
export type CustomerBill = SchemaTypes['CustomerBill'];
export type AppliedCustomerBillingRate = SchemaTypes['AppliedCustomerBillingRate'];
// Billing v2
export type SettlementNoteAdvice = SchemaTypes['SettlementNoteAdvice'];
export type SettlementNoteItem = SchemaTypes['SettlementNoteItem'];
export type SettlementParty = SchemaTypes['SettlementParty'];
