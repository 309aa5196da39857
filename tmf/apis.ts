/**
 * The TM Forum APIs the harness speaks, as data. The router factory, the wire's classifier, the API
 * bundles and the schema registry all read this one table, so an API is described exactly once.
 */
export type ApiId =
  | 'TMF620' | 'TMF621' | 'TMF622' | 'TMF623' | 'TMF629' | 'TMF632' | 'TMF635'
  | 'TMF637' | 'TMF666' | 'TMF676' | 'TMF678' | 'BillingV2';

export interface ResourceDef {
  /** Path segment and lowerCamel name, e.g. `productOffering`. */
  readonly name: string;
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

const r = (name: string, type: string, opts: { create?: boolean; update?: boolean } = { create: true, update: true }): ResourceDef => ({
  name,
  type,
  schema: type,
  createSchema: opts.create ? `${type}_Create` : undefined,
  updateSchema: opts.update ? `${type}_Update` : undefined,
});

export const APIS: readonly ApiDef[] = [
  { id: 'TMF620', title: 'Product Catalog Management', name: 'productCatalogManagement', version: 'v4', resources: [
    r('catalog', 'Catalog'), r('category', 'Category'), r('productOffering', 'ProductOffering'),
    r('productOfferingPrice', 'ProductOfferingPrice'),
  ] },
  { id: 'TMF621', title: 'Trouble Ticket', name: 'troubleTicket', version: 'v4', resources: [r('troubleTicket', 'TroubleTicket')] },
  { id: 'TMF622', title: 'Product Ordering', name: 'productOrderingManagement', version: 'v4', resources: [r('productOrder', 'ProductOrder')] },
  { id: 'TMF623', title: 'SLA Management', name: 'slaManagement', version: 'v2', resources: [
    r('sla', 'Sla'), r('slaViolation', 'SlaViolation'),
  ] },
  { id: 'TMF629', title: 'Customer Management', name: 'customerManagement', version: 'v4', resources: [r('customer', 'Customer')] },
  { id: 'TMF632', title: 'Party Management', name: 'partyManagement', version: 'v4', resources: [
    r('individual', 'Individual'), r('organization', 'Organization'),
  ] },
  { id: 'TMF635', title: 'Usage Management', name: 'usageManagement', version: 'v4', resources: [r('usage', 'Usage')] },
  { id: 'TMF637', title: 'Product Inventory', name: 'productInventory', version: 'v4', resources: [r('product', 'Product')] },
  { id: 'TMF666', title: 'Account Management', name: 'accountManagement', version: 'v4', resources: [r('billingAccount', 'BillingAccount')] },
  { id: 'TMF676', title: 'Payment Management', name: 'paymentManagement', version: 'v4', resources: [r('payment', 'Payment', { create: true, update: false })] },
  { id: 'TMF678', title: 'Customer Bill Management', name: 'customerBillManagement', version: 'v4', resources: [
    r('customerBill', 'CustomerBill'), r('appliedCustomerBillingRate', 'AppliedCustomerBillingRate'),
  ] },
  { id: 'BillingV2', title: 'Billing Management v2 (settlement note advice)', name: 'billingManagement', version: 'v2', resources: [
    r('settlementNoteAdvice', 'SettlementNoteAdvice'),
  ] },
];

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
