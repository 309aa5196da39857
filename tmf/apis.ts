/**
 * The TM Forum APIs the harness speaks, as data. The router factory, the wire's classifier, the API
 * bundles and the schema registry all read this one table, so an API is described exactly once.
 */
export type ApiId = 'TMF620' | 'TMF621' | 'TMF622' | 'TMF623' | 'TMF629' | 'TMF632' | 'TMF635' | 'TMF637' | 'TMF666' | 'TMF676' | 'TMF678' | 'BillingV2';

/** The operations of a collection: list/create on the collection, retrieve/merge-patch/replace/delete by id. */
export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ResourceDef {
  /** Path segment and lowerCamel name, e.g. `productOffering`. */
  readonly name: string;
  /** The operations the official file declares for the resource: what a party serves a tester. */
  readonly operations: readonly Method[];
  /** `@type` of the entity, e.g. `ProductOffering`. */
  readonly type: string;
  /** Schema ids in the registry (tmf/schemas): the entity, its create and its update payloads. */
  readonly schema: string;
  readonly createSchema?: string;
  readonly updateSchema?: string;
}

export interface ApiDef {
  readonly id: ApiId;
  readonly title: string;
  /** Path segment after `/tmf-api/`. */
  readonly name: string;
  readonly version: 'v2' | 'v4';
  readonly resources: readonly ResourceDef[];
}

const ALL: readonly Method[] = ['GET', 'POST', 'PATCH', 'DELETE'];

/**
 * A resource and the operations its official file declares (all four unless told). Every resource has
 * create and update schemas, since a flow may let partners do more than the file declares (the call
 * center disputes a settlement note by PATCH). Names and schema ids keep their literal types: the
 * resource types (tmf/resources.ts) are looked up by them.
 */
const r = <const N extends string, const T extends string>(name: N, type: T, operations: readonly Method[] = ALL) => rs(name, type, operations, type);

/** A resource whose entity schema id differs from its `@type` (two APIs sharing a `@type`). */
const rs = <const N extends string, const T extends string, const S extends string>(name: N, type: T, operations: readonly Method[], schema: S) => ({
  name,
  type,
  operations,
  schema,
  createSchema: `${schema}_Create` as const,
  updateSchema: `${schema}_Update` as const,
});

const TABLE = [
  {
    id: 'TMF620',
    title: 'Product Catalog Management',
    name: 'productCatalogManagement',
    version: 'v4',
    resources: [
      r('catalog', 'Catalog'),
      r('category', 'Category'),
      r('productOffering', 'ProductOffering'),
      r('productOfferingPrice', 'ProductOfferingPrice'),
      r('productSpecification', 'ProductSpecification'),
    ],
  },
  { id: 'TMF621', title: 'Trouble Ticket', name: 'troubleTicket', version: 'v4', resources: [r('troubleTicket', 'TroubleTicket')] },
  {
    id: 'TMF622',
    title: 'Product Ordering',
    name: 'productOrderingManagement',
    version: 'v4',
    resources: [r('productOrder', 'ProductOrder'), r('cancelProductOrder', 'CancelProductOrder', ['GET', 'POST'])],
  },
  {
    id: 'TMF623',
    title: 'SLA Management',
    name: 'slaManagement',
    version: 'v2',
    resources: [
      // The v2 file also declares PUT (a whole replacement) on both resources.
      r('sla', 'Sla', [...ALL, 'PUT']),
      r('slaViolation', 'SlaViolation', [...ALL, 'PUT']),
    ],
  },
  { id: 'TMF629', title: 'Customer Management', name: 'customerManagement', version: 'v4', resources: [r('customer', 'Customer')] },
  {
    id: 'TMF632',
    title: 'Party Management',
    name: 'partyManagement',
    version: 'v4',
    resources: [r('individual', 'Individual'), r('organization', 'Organization')],
  },
  {
    id: 'TMF635',
    title: 'Usage Management',
    name: 'usageManagement',
    version: 'v4',
    resources: [r('usage', 'Usage'), r('usageSpecification', 'UsageSpecification')],
  },
  { id: 'TMF637', title: 'Product Inventory', name: 'productInventory', version: 'v4', resources: [r('product', 'Product')] },
  {
    id: 'TMF666',
    title: 'Account Management',
    name: 'accountManagement',
    version: 'v4',
    resources: [
      r('billingAccount', 'BillingAccount'),
      r('partyAccount', 'PartyAccount'),
      r('settlementAccount', 'SettlementAccount'),
      r('financialAccount', 'FinancialAccount'),
      rs('billingCycleSpecification', 'BillingCycleSpecification', ALL, 'BillingCycleSpecificationEntity'),
      r('billFormat', 'BillFormat'),
      r('billPresentationMedia', 'BillPresentationMedia'),
    ],
  },
  {
    id: 'TMF676',
    title: 'Payment Management',
    name: 'paymentManagement',
    version: 'v4',
    resources: [r('payment', 'Payment', ['GET', 'POST']), r('refund', 'Refund', ['GET', 'POST'])],
  },
  {
    id: 'TMF678',
    title: 'Customer Bill Management',
    name: 'customerBillManagement',
    version: 'v4',
    resources: [
      r('customerBill', 'CustomerBill', ['GET', 'PATCH']),
      r('appliedCustomerBillingRate', 'AppliedCustomerBillingRate', ['GET']),
      r('customerBillOnDemand', 'CustomerBillOnDemand', ['GET', 'POST']),
    ],
  },
  {
    id: 'BillingV2',
    title: 'Billing Management v2 (settlement note advice)',
    name: 'billingManagement',
    version: 'v2',
    resources: [
      r('settlementNoteAdvice', 'SettlementNoteAdvice', ['GET']),
      rs('billingAccount', 'BillingAccount', ['GET', 'POST', 'PATCH'], 'BillingAccountV2'),
      r('customerBillingCycleSpecification', 'CustomerBillingCycleSpecification', ['GET']),
      r('appliedCustomerBillingCharge', 'AppliedCustomerBillingCharge', ['GET', 'POST']),
      r('customerBillFormat', 'CustomerBillFormat', ['GET']),
      r('customerBillPresentationMedia', 'CustomerBillPresentationMedia', ['GET']),
    ],
  },
] as const satisfies readonly ApiDef[];

export const APIS: readonly ApiDef[] = TABLE;

/** The table with its literal names and schema ids, for the resource types (tmf/resources.ts). */
export type ApiTable = typeof TABLE;

export function api(id: ApiId): ApiDef {
  const found = APIS.find((a) => a.id === id);
  if (!found) throw new Error(`unknown API ${id}`);
  return found;
}

/** The resource of an API by name, or `undefined` when the API has none of that name (a path nobody serves). */
export function findResource(id: ApiId, name: string): ResourceDef | undefined {
  return APIS.find((a) => a.id === id)?.resources.find((res) => res.name === name);
}

export function resourceOf(id: ApiId, name: string): ResourceDef {
  const found = findResource(id, name);
  if (!found) throw new Error(`API ${id} has no resource ${name}`);
  return found;
}

/** `decodeURIComponent` that answers `undefined` for a malformed escape (`%zz`) instead of throwing. */
export function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * The v2 files (TMF623, Billing v2) type an entity's `id` as an integer, the v4 files as a string. Ids
 * are stored as strings everywhere (one code path, path parameters are strings); a v2 API's are digits
 * only and served as integers (`servedId`), and whoever reads them accepts both.
 */
export const integerIds = (id: ApiId): boolean => api(id).version === 'v2';

/** An entity as its API serves it: the id an integer where the official file says integer. */
export function servedId<E extends { id: string }>(id: ApiId, entity: E): E {
  return integerIds(id) && /^\d+$/.test(entity.id) ? ({ ...entity, id: Number(entity.id) } as unknown as E) : entity;
}

/** Base path of an API, e.g. `/tmf-api/productCatalogManagement/v4`. */
export function basePath(id: ApiId): string {
  const a = api(id);
  return `/tmf-api/${a.name}/${a.version}`;
}

/** Which API a request path belongs to, and the resource and id it names, if any. */
export interface PathInfo {
  readonly api: ApiId;
  readonly resource?: string;
  readonly id?: string;
  readonly hub?: boolean;
}

export function parseTmfPath(path: string): PathInfo | undefined {
  const m = /^\/tmf-api\/([^/]+)\/(v\d+)(?:\/([^/?]+))?(?:\/([^/?]+))?/.exec(path);
  if (!m) return undefined;
  const def = APIS.find((a) => a.name === m[1] && a.version === m[2]);
  if (!def) return undefined;
  // A malformed escape keeps the raw segment: classifying a path must never throw.
  const id = m[4] && (safeDecode(m[4]) ?? m[4]);
  if (m[3] === 'hub') return { api: def.id, hub: true, id };
  return { api: def.id, resource: m[3], id };
}

/** The API and resource whose entity has this `@type`. */
export function resourceOfType(type: string): { api: ApiId; resource: string } | undefined {
  for (const a of APIS) {
    const res = a.resources.find((r) => r.type === type);
    if (res) return { api: a.id, resource: res.name };
  }
  return undefined;
}
