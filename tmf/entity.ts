/**
 * What the domain may use of the TMF toolkit to make entities (no express here): the href and id rules
 * and the context a domain hook gets. The router factory (resource.ts) builds on them.
 */
import { basePath, integerIds, resourceOf, type ApiId } from './apis.ts';
import type { Caller } from './credentials.ts';
import { type BaseData, collection, entities, nextId, setOwner } from './data.ts';
import type { AppliedCustomerBillingRate, CustomerBill, Resource, ResourceName } from './resources.ts';
import type { EventOutbox } from './notifier.ts';

/** What a domain hook gets while the change is being made: the draft to change, who asks, and when. */
export interface WriteContext<D extends BaseData> {
  readonly draft: D;
  readonly caller: Caller;
  readonly now: Date;
  readonly notifier: EventOutbox;
}

/** The href of an entity: the provider's own path, relative, so it holds behind any proxy. */
export const hrefOf = (api: ApiId, resource: string, id: string) => `${basePath(api)}/${resource}/${id}`;

/** The id of a new entity: sequential per resource, digits only where the API serves integer ids. */
export function newEntityId(draft: BaseData, api: ApiId, resource: string): string {
  const id = nextId(draft, resource);
  return integerIds(api) ? String(draft.counters[resource]) : id;
}

/** What an actor's own step stores: the entity but its id, href and `@type`, which are assigned here. */
export type NewEntity<A extends ApiId, R extends ResourceName<A>> = Omit<Resource<A, R>, 'id' | 'href' | '@type'>;

/** Stores a new entity made by the actor itself (an internal step): id, href and @type assigned. */
export function addEntity<A extends ApiId, R extends ResourceName<A>>(
  draft: BaseData,
  api: A,
  resource: R,
  body: NewEntity<A, R>,
  owner?: string,
): Resource<A, R> {
  const id = newEntityId(draft, api, resource);
  const entity = { ...body, id, href: hrefOf(api, resource, id), '@type': resourceOf(api, resource).type };
  entities(draft, api, resource).push(entity);
  if (owner) setOwner(draft, entity.href, owner);
  // The body is the entity but for what was just assigned: TypeScript cannot see that through the generic Omit.
  return entity as unknown as Resource<A, R>;
}

/** Stores a bill the builder made, and its items, in the issuer's TMF678 collections, all of them `owner`'s (none: unowned). */
export function storeBill(
  draft: BaseData,
  built: { readonly bill: CustomerBill; readonly rates: readonly AppliedCustomerBillingRate[] },
  owner: string | undefined,
): void {
  collection(draft, 'TMF678', 'customerBill').push(built.bill);
  collection(draft, 'TMF678', 'appliedCustomerBillingRate').push(...built.rates);
  // A bill's items are its owner's too: no other partner reads what someone was charged.
  if (owner !== undefined) for (const e of [built.bill, ...built.rates]) setOwner(draft, e.href, owner);
}

/** New TMF678 bill and rate references from a party's store (counters `bill` and `acbr`), for the bill builder. */
export function billRefs(draft: BaseData): (resource: 'customerBill' | 'appliedCustomerBillingRate') => { id: string; href: string } {
  return (resource) => {
    const id = nextId(draft, resource === 'customerBill' ? 'bill' : 'acbr');
    return { id, href: hrefOf('TMF678', resource, id) };
  };
}
