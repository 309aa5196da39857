import { findResource, type ApiId } from './apis.ts';
import { type BaseData, type Entity, entities, findBy } from './data.ts';
import { knownAttributes } from './validation.ts';

const hasLastUpdate = new Map<string, boolean>();

/** Whether the resource's schema has `lastUpdate` (read once per resource). */
function keepsLastUpdate(api: ApiId, resource: string): boolean {
  const key = `${api}.${resource}`;
  let known = hasLastUpdate.get(key);
  if (known === undefined) {
    const def = findResource(api, resource);
    known = def !== undefined && knownAttributes(def.schema).has('lastUpdate');
    hasLastUpdate.set(key, known);
  }
  return known;
}

/**
 * Every change an entity's event reports is an update (TMF630): where the entity has `lastUpdate`, the
 * stored entity and the one the event carries get the time of the change. Called where the event is
 * written (the notifier's outbox), so a change an actor makes inside its own process — an order moving
 * on, a bill paid, a ticket resolved — refreshes it as a PATCH through the API does.
 */
export function stampLastUpdate(draft: BaseData, api: ApiId, resource: string, entity: Entity, now: Date): Entity {
  if (!keepsLastUpdate(api, resource)) return entity;
  const list = entities(draft, api, resource);
  const stored = findBy(list, 'id', String(entity.id)) ?? list.find((e) => String(e.id) === String(entity.id));
  if (stored) stored.lastUpdate = now.toISOString();
  return withLastUpdate(api, resource, entity, now);
}

/** The entity as changed at `now`: for an internal change that announces no event (the notifier stamps the others). */
export function withLastUpdate<E extends Entity>(api: ApiId, resource: string, entity: E, now: Date): E {
  return keepsLastUpdate(api, resource) ? { ...entity, lastUpdate: now.toISOString() } : entity;
}
