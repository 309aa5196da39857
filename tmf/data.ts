import { current, isDraft } from 'immer';
import { committed, detached, inPlaceOf } from '../core/store.ts';
import type { ApiId } from './apis.ts';
import type { Credential } from './credentials.ts';
import type { Resource, ResourceName } from './resources.ts';
import type { QueuedWork } from './work-queue.ts';

/** A TMF entity as stored: at least its id, href and @type. */
export interface Entity {
  id: string;
  href: string;
  '@type': string;
  [key: string]: unknown;
}

/** A subscription this actor made at a peer's hub: the events it will accept from that peer. */
export interface JoinedHub {
  peer: string;
  api: ApiId;
  query: string;
  /** The subscription's id at the peer. */
  id: string;
}

/** A hub subscription (POST /hub): who subscribed, where to call back, for which events. */
export interface Subscription {
  id: string;
  api: ApiId;
  callback: string;
  query: string;
  /** The party that subscribed: events are sent with the key this actor uses towards it. */
  subscriber: string;
}

/**
 * An event in the transactional outbox, written in the same update as the change it reports; its lane is
 * its subscription. Delivered entries are pruned beyond a retention; dead ones stay until redelivered.
 */
export interface OutboxEntry extends QueuedWork {
  eventId: string;
  subscriptionId: string;
  callback: string;
  subscriber: string;
  eventName: string;
  body: Record<string, unknown>;
}

/**
 * A side effect a party owes (tell the driver of an invoice, control a bill), written in the same update
 * as its cause and carried out by a registered handler until it succeeds (or is dead-lettered).
 */
export interface OwedEffect extends QueuedWork {
  /** Unique: owing the same key twice owes it once (a redelivered cause adds nothing). */
  key: string;
  kind: string;
  args: Record<string, unknown>;
}

/** A domain event the actor journals: how internal flow steps are observed. */
export interface JournalEntry {
  seq: number;
  /** Simulated time of the event. */
  at: string;
  /** Wall-clock time, so that the harness can order it against exchanges on the wire. */
  recordedAt: string;
  actor: string;
  type: string;
  data: Record<string, unknown>;
}

/** What every actor's lowdb database holds; actors add their own fields next to these. */
export interface BaseData {
  /** Collections keyed `<ApiId>.<resource>`, e.g. `TMF620.productOffering`. */
  resources: Record<string, Entity[]>;
  counters: Record<string, number>;
  subscriptions: Subscription[];
  /** Hubs this actor subscribed to at its peers (once each): its listeners take events only from these. */
  hubsJoined: JoinedHub[];
  outbox: OutboxEntry[];
  /** Side effects owed and not yet carried out (and the last ones done, for inspection). */
  owed: OwedEffect[];
  /** Keys of every effect ever owed, so that a repeated cause owes nothing more. */
  owedKeys: string[];
  /** Event ids already handled by this actor's listeners (a redelivery is ignored). */
  seenEvents: string[];
  journal: JournalEntry[];
  /** The simulated time, persisted so that a restarted actor resumes where it was. */
  clock: string;
  /** Credentials this actor has issued to partners (e.g. the CSP's onboarding, step 7.2). */
  credentials: Credential[];
  /** Credentials peers have issued to this actor, by peer: used instead of the bootstrap key. */
  peerKeys: Record<string, string>;
  /** Which partner an entity belongs to, by href: a partner sees only its own entities (and unowned ones). */
  owners: Record<string, string>;
  /**
   * Parties besides the owner that may read an owned entity and hear of its changes, by href (e.g. the
   * CSP's trouble tickets for the OEM that settles them, step 9.9). Reading never lets them change it.
   */
  readers: Record<string, string[]>;
}

export function baseData(clock: Date): BaseData {
  return {
    resources: {},
    counters: {},
    subscriptions: [],
    hubsJoined: [],
    outbox: [],
    owed: [],
    owedKeys: [],
    seenEvents: [],
    journal: [],
    clock: clock.toISOString(),
    credentials: [],
    peerKeys: {},
    owners: {},
    readers: {},
  };
}

export const collectionKey = (api: ApiId, resource: string) => `${api}.${resource}`;

/**
 * The collection in a draft, created on first use, typed by its schema: `collection(draft, 'TMF678',
 * 'customerBill')` is a `CustomerBill[]`.
 */
export function collection<A extends ApiId, R extends ResourceName<A>>(draft: BaseData, api: A, resource: R): Resource<A, R>[] {
  // The store holds what the routers and the actor's own steps put there: entities validated against this very schema.
  return entities(draft, api, resource) as unknown as Resource<A, R>[];
}

/** Read-only view of a collection, typed by its schema. */
export function items<A extends ApiId, R extends ResourceName<A>>(data: Readonly<BaseData>, api: A, resource: R): readonly Resource<A, R>[] {
  return (data.resources[collectionKey(api, resource)] ?? []) as unknown as readonly Resource<A, R>[];
}

/** Read-only view of a collection named at run time, as plain entities: reading it changes nothing. */
export function entitiesIn(data: Readonly<BaseData>, api: ApiId, resource: string): readonly Entity[] {
  return data.resources[collectionKey(api, resource)] ?? [];
}

/** A collection named at run time (the router factory, whole-API routers) in a draft, as plain entities, created on first use. */
export function entities(draft: BaseData, api: ApiId, resource: string): Entity[] {
  const key = collectionKey(api, resource);
  draft.resources[key] ??= [];
  return draft.resources[key];
}

/** Sequential, deterministic ids per prefix: the same scenario always produces the same ids. */
export function nextId(draft: BaseData, prefix: string): string {
  const n = (draft.counters[prefix] ?? 0) + 1;
  draft.counters[prefix] = n;
  return `${prefix}-${String(n).padStart(4, '0')}`;
}

export function journal(draft: BaseData, actor: string, at: Date, type: string, data: Record<string, unknown> = {}): void {
  // Written in place, so nothing of the draft may stay in it (the entry outlives the update).
  const entry = { seq: draft.journal.length + 1, at: at.toISOString(), recordedAt: new Date().toISOString(), actor, type, data: detached(data) };
  inPlaceOf(draft).push(['journal'], entry);
}

/** Records who owns an entity (`keep`: unless it has an owner already), in place: the index holds every owned entity. */
export function setOwner(draft: BaseData, href: string, owner: string, keep = false): void {
  if (keep && draft.owners[href] !== undefined) return;
  inPlaceOf(draft).set(['owners'], href, owner);
}

/** Per array that grows in place: its values as a set, and how many of them the set holds. */
const sets = new WeakMap<readonly string[], { length: number; values: Set<string> }>();

/**
 * The values of an array that only grows (keys of effects owed, ids of events seen) as a set, kept up
 * as it grows, so that asking whether it holds a value does not scan it; rebuilt when it is shorter
 * than the set knew (a failed update's values were taken back).
 */
export function setOf(values: readonly string[]): ReadonlySet<string> {
  let known = sets.get(values);
  if (!known || known.length > values.length) sets.set(values, (known = { length: 0, values: new Set() }));
  for (; known.length < values.length; known.length++) known.values.add(values[known.length]);
  return known.values;
}

/** What `findBy` knows of a list: per key name, each value's first place, for the list's first `length` elements. */
interface ListIndex {
  readonly byKey: Map<string, Map<unknown, number>>;
  length: number;
}

/**
 * The indexes of the lists `findBy` has searched, each under the list's first element. A list grows by
 * new arrays (each update makes a new one) that keep their first element: keyed by the array, the index
 * was built again for every update, a scan of the whole list each time (onboarding 10,000 cars slowed
 * from 102 to 50 a second). Under its first element, a list's next versions find it, and it is only
 * extended by what they added.
 */
const indexes = new WeakMap<object, ListIndex>();

/**
 * The element of `list` whose `key` is `value`, found through an index instead of a scan: for a key that
 * identifies an element (an id, an external id). In an update the index is of the committed array (so
 * the draft's elements are not all drafted on the way) and the element returned is the draft's. A place
 * the index gives is used only if the element there has that value, and an element added or moved since
 * is still found (by a scan that builds the index again), so the answer is always the scan's.
 */
export function findBy<E extends object>(list: readonly E[], key: string & keyof E, value: unknown): E | undefined {
  const at = findIndexBy(list, key, value);
  return at >= 0 ? list[at] : undefined;
}

/** Where `findBy` finds the element: its position in `list` (-1: none). */
export function findIndexBy<E extends object>(list: readonly E[], key: string & keyof E, value: unknown): number {
  const base = committed(list);
  if (base.length === 0) return list.findIndex((e) => e[key] === value);
  let known = indexes.get(base[0]);
  // Shorter than what was indexed under its first element: another list, or elements removed.
  if (!known || known.length > base.length) indexes.set(base[0], (known = { byKey: new Map(), length: 0 }));
  if (known.length < base.length) {
    // The committed list grew since: every key's index takes in what it added.
    for (const [name, byValue] of known.byKey) indexOf(base, name as keyof E, known.length, byValue);
    known.length = base.length;
  }
  let index = known.byKey.get(key);
  if (!index) known.byKey.set(key, (index = indexOf(base, key, 0, new Map())));
  const at = index.get(value);
  if (at !== undefined && at < list.length && list[at][key] === value) return at;
  // Added in this update: at the end, the newest most often looked for.
  for (let i = list.length - 1; i >= base.length; i--) if (list[i][key] === value) return i;
  // Not where the index says (moved, or given its value after it was indexed, as an order its external
  // id): the committed list is scanned, which drafts nothing, and the place kept; the draft last.
  const committedAt = base.findIndex((e) => e[key] === value);
  if (committedAt >= 0) {
    index.set(value, committedAt);
    if (list[committedAt]?.[key] === value) return committedAt;
  }
  return list.findIndex((e) => e[key] === value);
}

/** Each value's first place among `list`'s elements from `from` on, added to `index`. */
function indexOf<E extends object>(list: readonly E[], key: keyof E, from: number, index: Map<unknown, number>): Map<unknown, number> {
  for (let i = from; i < list.length; i++) if (!index.has(list[i][key])) index.set(list[i][key], i);
  return index;
}

/** A read-only view of (part of) an update's draft as plain data: reading it drafts nothing. */
export const snapshot = <T>(value: T): T => (isDraft(value) ? (current(value as never) as T) : value);
