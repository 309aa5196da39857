import type { ApiId } from './apis.ts';
import { type BaseData, type Entity, entities, entitiesIn, setOwner } from './data.ts';
import type { ListQuery } from './query.ts';

/**
 * Where a collection's entities are kept, as the router factory reads and writes them: in the store's
 * document (`inDocument`, every collection but one), or in a ledger beside it for a collection too
 * large for memory (the CSP's usage records). Writes are made inside a store update, on its draft.
 */
export interface Shelf<D extends BaseData, E = Entity> {
  /** Every entity, oldest first. */
  all(data: Readonly<D>): Iterable<E>;
  get(data: Readonly<D>, id: string): E | undefined;
  /** The partner the entity belongs to (none: unowned). */
  ownerOf(data: Readonly<D>, entity: E): string | undefined;
  add(draft: D, entity: E, owner: string | undefined): void;
  /** Stores a new version of an entity already there (same id). */
  replace(draft: D, entity: E): void;
  remove(draft: D, id: string): void;
  /**
   * A page of the entities that pass `filters` (`limit` from `offset` on) and how many pass, for a shelf
   * that can tell from its index which pass and skip to the page without reading what comes before (a
   * list by one who sees every entity). Undefined when a filter is on an attribute it does not index.
   */
  page?(
    data: Readonly<D>,
    offset: number,
    limit: number | undefined,
    filters: ListQuery['filters'],
  ): { readonly page: E[]; readonly total: number } | undefined;
}

/** The collection in the store's document: `resources['<api>.<resource>']`, owners in `owners`. */
export function inDocument<D extends BaseData>(api: ApiId, resource: string): Shelf<D> {
  /** Where the entity is: callers look it up first, so a miss is a bug (and never index -1: the last one, or a key '-1'). */
  const indexIn = (list: readonly Entity[], id: string) => {
    const at = list.findIndex((e) => e.id === id);
    if (at < 0) throw new Error(`no ${api} ${resource} ${id} to change`);
    return at;
  };
  return {
    all: (data) => entitiesIn(data, api, resource),
    get: (data, id) => entitiesIn(data, api, resource).find((e) => e.id === id),
    ownerOf: (data, entity) => data.owners[entity.href],
    add(draft, entity, owner) {
      entities(draft, api, resource).push(entity);
      if (owner !== undefined) setOwner(draft, entity.href, owner, true);
    },
    replace(draft, entity) {
      const list = entities(draft, api, resource);
      list[indexIn(list, entity.id)] = entity;
    },
    remove(draft, id) {
      const list = entities(draft, api, resource);
      list.splice(indexIn(list, id), 1);
    },
  };
}
