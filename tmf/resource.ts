import { checkLifecycle } from './lifecycles.ts';
import { Router, type Request, type Response } from 'express';
import { api as apiDef, resourceOf, servedId, type ApiId, type Method } from './apis.ts';
import { callerOf, HARNESS_PARTY, type Caller } from './auth.ts';
import type { BaseData, Entity } from './data.ts';
import { inDocument, type Shelf } from './shelf.ts';
import { forbidden, methodNotAllowed, notFound } from './errors.ts';
import { changeEventType, changedFields } from './events.ts';
import type { EventOutbox } from './notifier.ts';
import { mergePatch, patchContent } from './merge-patch.ts';
import { applyListQuery, parseListQuery } from './query.ts';
import { type Incoming, isResourceName, type Resource, type ResourceName } from './resources.ts';
import { knownAttributes, validateBody, validatePatchedEntity } from './validation.ts';
import type { Clock } from '../core/clock.ts';
import type { Store } from '../core/store.ts';

export type { Method } from './apis.ts';
// Kept importable from here: routers and processes use them alongside the router factory.
export { addEntity, hrefOf, newEntityId, type WriteContext } from './entity.ts';
import { hrefOf, newEntityId, type WriteContext } from './entity.ts';

/**
 * The domain's say in a collection. Hooks run inside one store update: throwing a TmfError or a DomainError refuses the
 * request and nothing changes. Routers stay thin; the rules live in the actor's domain/.
 */
export interface HooksOf<D extends BaseData, In, E> {
  /**
   * The flow's business rules for a create (e.g. a payment settles an accepted note): checked for
   * partners only, before `create`. A tester holding the harness key is held to the standard alone.
   */
  admit?(input: In, ctx: WriteContext<D>): void;
  /** Turns a valid create payload (with id, href, @type already assigned) into the stored entity. */
  create?(input: In, ctx: WriteContext<D>): E;
  /** Checks a merge-patched entity against the current one (e.g. allowed transitions); returns what to store. */
  patch?(current: E, next: E, ctx: WriteContext<D>): E;
  /**
   * Who a created entity belongs to; defaults to the caller. `undefined` leaves it unowned, visible to
   * every partner the `visible` hook lets see it (e.g. an offering published to a shared catalog).
   */
  owner?(entity: E, caller: Caller): string | undefined;
  /** Whether the caller may see the entity, beyond ownership (a partner never sees another's entities). */
  visible?(entity: E, caller: Caller, data: Readonly<D>): boolean;
  /**
   * Whether a partner may read an entity another party owns (never change it): e.g. a consumer's
   * billing account, looked up by the partner ordering on it. `lookup` tells whether the request names
   * the entity (by id, or by one of the `lookupBy` filters) rather than browsing the collection.
   * Absent: owned entities stay private.
   */
  sharedWith?(entity: E, caller: Caller, data: Readonly<D>, lookup: boolean): boolean;
  /** List filters that identify the entity looked up (e.g. an e-mail address), for `sharedWith`. */
  lookupBy?: readonly string[];
  /**
   * What a partner is shown of an entity it may read, when that is less than the whole (e.g. a usage
   * record without the shares other payers pay). Applied before list filters, so a filter cannot probe
   * what is hidden. The harness always sees the whole entity.
   */
  view?(entity: E, caller: Caller, data: Readonly<D>): E;
  /**
   * What the stored change causes, in the same store update (e.g. owing the order's fulfilment with
   * `runtime.owe(ctx.draft, ...)`): a kill right after the answer loses none of it. Work on peers is owed
   * here and carried out after the commit, never started from the hook.
   */
  afterCreate?(entity: E, ctx: WriteContext<D>): void;
  afterPatch?(entity: E, ctx: WriteContext<D>): void;
}

/** The hooks of one collection, typed by its schema: `input` is the validated POST body with its id, href and `@type`. */
export type ResourceHooks<D extends BaseData, A extends ApiId, R extends ResourceName<A>> = HooksOf<D, Incoming<A, R>, Resource<A, R>>;

export interface ResourceOptions<D extends BaseData, A extends ApiId, R extends ResourceName<A>> {
  readonly api: A;
  readonly resource: R;
  readonly store: Store<D>;
  readonly clock: Clock;
  readonly notifier: EventOutbox;
  /** Defaults to every method. */
  readonly methods?: readonly Method[];
  /**
   * Which entities a partner may PATCH or DELETE: `own` (default) — only those it created or was given,
   * so the provider's own entities (its catalog, its seeded data) stay the provider's; `visible` — any it
   * can see, unowned ones included, for a collection a flow has partners write on (e.g. the central
   * catalog its reviewers annotate).
   */
  readonly partnerWrites?: 'visible' | 'own';
  readonly hooks?: ResourceHooks<D, A, R>;
  /** Where the entities are kept: the store's document unless given (a ledger beside it, for a very large collection). */
  readonly shelf?: Shelf<D, Resource<A, R>>;
}

/** Attributes the server sets when the entity has them (TMF630, TMF620): per resource, read from its schema. */
export interface ServerSet {
  readonly lastUpdate: boolean;
  /** The default lifecycle status on create, when the entity has one and the body gives none. */
  readonly lifecycleStatus?: string;
  /** The default version on create, when the entity has one and the body gives none. */
  readonly version?: string;
}

/** The TMF620 user guide's first lifecycle status: a new entity is being studied. */
export const DEFAULT_LIFECYCLE_STATUS = 'In study';
export const DEFAULT_VERSION = '1.0';

export function serverSetOf(attributes: ReadonlySet<string>): ServerSet {
  return {
    lastUpdate: attributes.has('lastUpdate'),
    ...(attributes.has('lifecycleStatus') ? { lifecycleStatus: DEFAULT_LIFECYCLE_STATUS } : {}),
    ...(attributes.has('version') ? { version: DEFAULT_VERSION } : {}),
  };
}

/** A created entity with what the server sets: defaults where the body is silent, and the time of the change. */
function withServerSet<E extends Entity>(entity: E, set: ServerSet, now: Date): E {
  return {
    ...(set.lifecycleStatus ? { lifecycleStatus: set.lifecycleStatus } : {}),
    ...(set.version ? { version: set.version } : {}),
    ...entity,
    ...(set.lastUpdate ? { lastUpdate: now.toISOString() } : {}),
  };
}

/** A TMF630 resource collection: POST, GET list, GET by id, PATCH (merge patch), DELETE. */
export function resourceRouter<D extends BaseData, A extends ApiId, R extends ResourceName<A>>(options: ResourceOptions<D, A, R>): Router {
  const { api, resource, store, clock, notifier } = options;
  // The same validated edge: what the factory puts on a shelf was validated against the collection's schema.
  const shelf = (options.shelf as Shelf<D> | undefined) ?? inDocument<D>(api, resource);
  // The validated edge: the factory stores and serves any collection as plain entities; every body it
  // hands a hook was validated against the collection's schema, whose type the hooks are written for.
  const hooks = (options.hooks ?? {}) as unknown as HooksOf<D, Entity, Entity>;
  type E = Entity;
  const def = resourceOf(api, resource);
  // A tester holding the harness key gets the whole resource as the official file declares it; partners
  // get what the flows let them do (which may be less, or more: the call center disputes a note by PATCH).
  const official = new Set<Method>(def.operations);
  const forPartners = new Set<Method>(options.methods ?? def.operations);
  const attributes = knownAttributes(def.schema);
  const serverSet = serverSetOf(attributes);
  const router = Router();
  const collectionPath = `/${resource}`;
  const entityPath = `/${resource}/:id`;

  const visibleTo =
    (caller: Caller, access: 'read' | 'write' = 'read', lookup = true) =>
    (entity: E) => {
      if (caller.party === HARNESS_PARTY) return true;
      const owner = shelf.ownerOf(store.data, entity);
      const shared =
        access === 'read' &&
        (store.data.readers[entity.href]?.includes(caller.party) || (hooks.sharedWith?.(entity, caller, store.data as D, lookup) ?? false));
      return (owner === undefined || owner === caller.party || shared) && (hooks.visible?.(entity, caller, store.data as D) ?? true);
    };
  const find = (req: Request, res: Response, access: 'read' | 'write' = 'read'): E => {
    const entity = shelf.get(store.data, String(req.params.id));
    const caller = callerOf(res);
    if (!entity || !visibleTo(caller, access)(entity)) throw notFound(resource, String(req.params.id));
    if (
      access === 'write' &&
      (options.partnerWrites ?? 'own') === 'own' &&
      caller.party !== HARNESS_PARTY &&
      shelf.ownerOf(store.data, entity) !== caller.party
    ) {
      throw forbidden(`${caller.party} may read ${resource} ${entity.id} but change only the ${resource} entities it owns`);
    }
    return entity;
  };
  const ctx = (draft: D, caller: Caller): WriteContext<D> => ({ draft, caller, now: clock.now(), notifier });
  const shown =
    (caller: Caller) =>
    (entity: E): E =>
      servedId(api, caller.party === HARNESS_PARTY || !hooks.view ? entity : hooks.view(entity, caller, store.data as D));

  router.get(collectionPath, only(official, forPartners, 'GET'), (req, res) => {
    const query = parseListQuery(req.query as Record<string, unknown>, attributes);
    const caller = callerOf(res);
    const lookup = (hooks.lookupBy ?? []).some((filter) => typeof req.query[filter] === 'string' && req.query[filter] !== '');
    const visible = visibleTo(caller, 'read', lookup);
    const show = shown(caller);
    // Read one at a time: a collection kept outside memory is never held whole for a page of it, and
    // one that can skip to the page is not read before it when its index tells which entities pass.
    const all = function* () {
      for (const entity of shelf.all(store.data)) if (visible(entity)) yield show(entity);
    };
    const skipped = caller.party === HARNESS_PARTY ? shelf.page?.(store.data, query.offset, query.limit, query.filters) : undefined;
    const { page, total } = skipped
      ? { page: applyListQuery(skipped.page.map(show), { ...query, offset: 0, limit: undefined }).page, total: skipped.total }
      : applyListQuery(all(), query);
    res.set('X-Total-Count', String(total)).set('X-Result-Count', String(page.length)).status(200).json(page);
  });

  router.post(collectionPath, only(official, forPartners, 'POST'), async (req, res) => {
    const caller = callerOf(res);
    validateBody(def.createSchema ?? def.schema, req.body, caller.party !== HARNESS_PARTY);
    const created = await store.update((draft) => {
      const id = newEntityId(draft, api, resource);
      const input = withServerSet({ ...req.body, id, href: hrefOf(api, resource, id), '@type': req.body['@type'] ?? def.type } as E, serverSet, clock.now());
      if (caller.party !== HARNESS_PARTY) hooks.admit?.(input, ctx(draft, caller));
      const entity = hooks.create ? hooks.create(input, ctx(draft, caller)) : input;
      const owner = caller.party === HARNESS_PARTY ? undefined : hooks.owner ? hooks.owner(entity, caller) : caller.party;
      shelf.add(draft, entity, owner);
      notifier.enqueue(draft, clock.now(), { api, eventType: `${def.type}CreateEvent`, resource, entity, owner: shelf.ownerOf(draft, entity) });
      hooks.afterCreate?.(entity, ctx(draft, caller));
      return entity;
    });
    notifier.kick();
    res.status(201).location(created.href).json(shown(caller)(created));
  });

  router.get(entityPath, only(official, forPartners, 'GET'), (req, res) => {
    const fields = typeof req.query.fields === 'string' ? req.query.fields.split(',') : undefined;
    const entity = shown(callerOf(res))(find(req, res));
    res.status(200).json(fields ? applyListQuery([entity], { offset: 0, filters: [], fields }).page[0] : entity);
  });

  /** An update by id: `change` gives the entity as the request would have it (merge patch, or a whole replacement). */
  const update =
    (schema: string, change: (current: E, body: Record<string, unknown>) => E, isMergePatch = false) =>
    async (req: Request, res: Response) => {
      const caller = callerOf(res);
      const content = isMergePatch ? patchContent(req.body, true) : req.body;
      validateBody(schema, content, caller.party !== HARNESS_PARTY);
      const current = find(req, res, 'write');
      const updated = await store.update((draft) => {
        // Looked up again in the draft: a concurrent DELETE may have removed it since `find`.
        const stored = shelf.get(draft, current.id);
        if (!stored) throw notFound(resource, current.id);
        const merged = { ...change(stored, req.body), id: current.id, href: current.href } as E;
        // A removal below the top level may take a required member with it (a price's value): the entity
        // the patch leaves is held to the schema then. (The update schema says which top-level ones may go.)
        if (content !== req.body) validatePatchedEntity(def.schema, merged);
        checkLifecycle(api, resource, stored, merged);
        const patched = hooks.patch ? hooks.patch(stored, merged, ctx(draft, caller)) : merged;
        const eventType = changeEventType(api, stored, patched);
        const fieldPath = changedFields(stored, patched);
        // Only a real change is an update: a PATCH that changes nothing leaves lastUpdate (and the events) alone.
        const next = serverSet.lastUpdate && fieldPath.length > 0 ? { ...patched, lastUpdate: clock.now().toISOString() } : patched;
        shelf.replace(draft, next);
        const owner = shelf.ownerOf(draft, next);
        if (fieldPath.length > 0) notifier.enqueue(draft, clock.now(), { api, eventType, resource, entity: next, fieldPath, owner });
        hooks.afterPatch?.(next, ctx(draft, caller));
        return next;
      });
      notifier.kick();
      res.status(200).json(shown(caller)(updated));
    };
  router.patch(
    entityPath,
    only(official, forPartners, 'PATCH'),
    update(def.updateSchema ?? def.schema, (current, body) => mergePatch(current, body) as E, true),
  );
  // PUT (where the official file declares it) replaces the whole entity; id, href and @type stay the server's.
  router.put(
    entityPath,
    only(official, forPartners, 'PUT'),
    update(def.createSchema ?? def.schema, (current, body) => ({ ...body, '@type': body['@type'] ?? current['@type'] }) as E),
  );

  router.delete(entityPath, only(official, forPartners, 'DELETE'), async (req, res) => {
    const current = find(req, res, 'write');
    await store.update((draft) => {
      // A concurrent DELETE may have removed it since `find`.
      if (!shelf.get(draft, current.id)) throw notFound(resource, current.id);
      const owner = shelf.ownerOf(draft, current);
      shelf.remove(draft, current.id);
      notifier.enqueue(draft, clock.now(), { api, eventType: `${def.type}DeleteEvent`, resource, entity: current, owner });
    });
    notifier.kick();
    res.status(204).end();
  });

  // Known paths with a method the collection does not offer: 405, not 404.
  router.all([collectionPath, entityPath], (req) => {
    throw methodNotAllowed(req.method, req.path);
  });
  return router;
}

/**
 * Every resource of an API as plain collections: mounted behind an actor's own routers, it serves the
 * resources of the official file that no flow uses, so a party hosts the whole API (a path the actor's
 * own router serves never reaches it).
 */
export function wholeApiRouter<D extends BaseData>(
  api: ApiId,
  deps: Pick<ResourceOptions<D, ApiId, ResourceName<ApiId>>, 'store' | 'clock' | 'notifier'>,
): Router {
  const router = Router();
  for (const { name } of apiDef(api).resources) if (isResourceName(api, name)) router.use(resourceRouter({ api, resource: name, ...deps }));
  return router;
}

function only(official: ReadonlySet<Method>, forPartners: ReadonlySet<Method>, method: Method) {
  return (req: Request, res: Response, next: (err?: unknown) => void) => {
    const allowed = callerOf(res).party === HARNESS_PARTY ? official : forPartners;
    next(allowed.has(method) ? undefined : methodNotAllowed(req.method, req.path));
  };
}
