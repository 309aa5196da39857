import { ACTOR_IDS, type ActorId, isActorId } from '../../core/actor-ids.ts';
import { SimulatedClock, DEFAULT_START } from '../../core/clock.ts';
import { httpCall } from '../../core/http-call.ts';
import type { PartyUnit } from '../../core/party-api.ts';
import { Store } from '../../core/store.ts';
import { bootstrapKey, harnessKey, wireKey, HARNESS_BUNDLE, HARNESS_PARTY, type Bundle, type Credential } from '../../tmf/auth.ts';
import { TmfClient } from '../../tmf/client.ts';
import { absoluteHrefs } from '../../tmf/href.ts';
import { basePath, type ApiId } from '../../tmf/apis.ts';
import { type BaseData, type JoinedHub, journal } from '../../tmf/data.ts';
import type { Shelf } from '../../tmf/shelf.ts';
import { Notifier, type EventSender } from '../../tmf/notifier.ts';
import { OwedEffects } from '../../tmf/owed-effects.ts';
import type { ActorConfig } from './config.ts';

/** A peer known to this actor but granted no TMF API. */
export const NO_BUNDLE = 'none';

/** Who may call this actor with their bootstrap key, and with which bundle. */
export type BootstrapBundles = Partial<Record<ActorId, string>>;

/**
 * One running actor's shared machinery: store, clock, notifier, peer clients and credentials. Domain
 * code gets it passed in; nothing here knows about any one actor's business.
 */
export class ActorRuntime<D extends BaseData> {
  readonly id: ActorId;
  readonly store: Store<D>;
  readonly clock: SimulatedClock;
  readonly notifier: Notifier<D>;
  /** What this party owes besides events (messages, controls), carried out until done. */
  readonly effects: OwedEffects<D>;
  readonly bundles: ReadonlyMap<string, Bundle>;
  #config: ActorConfig;
  readonly #bootstrap: BootstrapBundles;
  readonly #tasks = new Set<Promise<unknown>>();
  readonly #failures: string[] = [];
  /** Collections kept outside the store's document (by `<API>.<resource>`), shown in its state dump all the same. */
  readonly #keptOutside = new Map<string, Shelf<D>>();
  readonly #atStop: (() => void)[] = [];

  private constructor(id: ActorId, config: ActorConfig, store: Store<D>, bundles: readonly Bundle[], bootstrap: BootstrapBundles) {
    this.id = id;
    this.#config = config;
    this.store = store;
    this.clock = new SimulatedClock(new Date(store.data.clock));
    this.bundles = new Map(bundles.map((b) => [b.name, b]));
    this.#bootstrap = bootstrap;
    this.notifier = new Notifier(store, id, this.#sendEvent, config.delivery);
    this.effects = new OwedEffects(store, config.delivery);
  }

  static async start<D extends BaseData>(
    id: ActorId,
    config: ActorConfig,
    defaults: (start: Date) => D,
    bundles: readonly Bundle[],
    bootstrap: BootstrapBundles,
  ): Promise<ActorRuntime<D>> {
    const store = await Store.open<D>(config.storage, () => defaults(DEFAULT_START));
    return new ActorRuntime(id, config, store, bundles, bootstrap);
  }

  get config(): ActorConfig {
    return this.#config;
  }

  /** The key by which the wire proves its forwarded headers (tmf/href.ts). */
  get wireKey(): string {
    return wireKey(this.#config.secret, this.id);
  }

  /** Re-points the actor at other peer URLs (the harness does this when it binds a remote party). */
  configurePeers(peers: ActorConfig['peers'], callbacks: ActorConfig['callbacks']): void {
    this.#config = { ...this.#config, peers: { ...this.#config.peers, ...peers }, callbacks: { ...this.#config.callbacks, ...callbacks } };
  }

  /** A client for a peer, with the best credential this actor holds for it. */
  client(peer: ActorId): TmfClient {
    const url = this.#config.peers[peer];
    if (!url) throw new Error(`${this.id} has no URL for its peer ${peer}`);
    const key = this.store.data.peerKeys[peer] ?? bootstrapKey(this.#config.secret, this.id, peer);
    return new TmfClient(url, key, this.#config.peerTimeoutMs);
  }

  /**
   * Subscribes to `peer`'s events of `api` (matching `query`) once: a subscription already made is
   * reused. The listeners accept events of that API from that peer only (see `mayNotify`).
   */
  async subscribe(peer: ActorId, api: ApiId, query = ''): Promise<string> {
    const joined = sameHub(peer, api, query);
    const known = this.joinedHub(peer, api, query);
    if (known) return known.id;
    const id = await this.client(peer).subscribe(api, this.callbackFor(peer), query);
    await this.store.update((draft) => {
      if (!draft.hubsJoined.some(joined)) draft.hubsJoined.push({ peer, api, query, id });
    });
    return id;
  }

  /** The hub this actor joined at `peer` for `api` events matching `query`, if it did. */
  joinedHub(peer: ActorId, api: ApiId, query = ''): JoinedHub | undefined {
    return this.store.data.hubsJoined.find(sameHub(peer, api, query));
  }

  /** Leaves a hub this actor joined, at the peer and in its own record: how a refused call undoes the subscription it made. */
  async unsubscribe(peer: ActorId, api: ApiId, query = ''): Promise<void> {
    const hub = this.joinedHub(peer, api, query);
    if (!hub) return;
    await this.client(peer).request('DELETE', `${basePath(api)}/hub/${hub.id}`);
    await this.store.update((draft) => {
      draft.hubsJoined = draft.hubsJoined.filter((h) => h.id !== hub.id);
    });
  }

  /** Whether `party` may send this actor events of `api`: the harness, or a peer whose hub it joined. */
  mayNotify(party: string, api: ApiId): boolean {
    return party === HARNESS_PARTY || this.store.data.hubsJoined.some((hub) => hub.peer === party && hub.api === api);
  }

  /** The callback URL to give `peer` when subscribing to its hub. */
  callbackFor(peer: ActorId): string {
    const url = this.#config.callbacks[peer];
    if (!url) throw new Error(`${this.id} has no callback URL for its peer ${peer}`);
    return url;
  }

  /**
   * The callback URL a unit of this party (its resolution team) gives its own party's hub: under the
   * party's route to itself, so the events reach the unit through the wire's self-route.
   */
  unitCallback(unit: PartyUnit): string {
    return `${this.callbackFor(this.id).replace(/\/$/, '')}/${unit}`;
  }

  /** Finds who holds a key: the harness, a peer's bootstrap key, or a credential this actor issued. */
  readonly credentialFor = (apiKey: string): Credential | undefined => {
    if (apiKey === harnessKey(this.#config.secret, this.id)) return { apiKey, party: HARNESS_PARTY, bundle: HARNESS_BUNDLE };
    const issued = this.store.data.credentials.find((c) => c.apiKey === apiKey);
    if (issued) return issued;
    // Every peer may authenticate (to a listener, say); only its bundle opens TMF APIs.
    const peer = ACTOR_IDS.find((p) => bootstrapKey(this.#config.secret, p, this.id) === apiKey);
    return peer ? { apiKey, party: peer, bundle: this.#bootstrap[peer] ?? NO_BUNDLE } : undefined;
  };

  /** Journals a domain event in a draft: how the harness sees internal flow steps. */
  journal(draft: D, type: string, data: Record<string, unknown> = {}): void {
    journal(draft, this.id, this.clock.now(), type, data);
  }

  /** A restarted actor delivers what it still owed; call once the effect handlers are registered. */
  resume(): void {
    this.notifier.kick();
    this.effects.resume();
  }

  /** Records in `draft` an effect this actor owes (see tmf/owed-effects.ts); once per key. */
  owe(draft: D, kind: string, args: Record<string, unknown>, options?: { key?: string; lane?: string }): boolean {
    return this.effects.owe(draft, this.clock.now(), kind, args, options);
  }

  /**
   * The commit, for an event handler or a router hook, that owes `kind` in the same store update as its
   * cause (the event's receipt, the write): killed right after, the party still owes it on restart.
   */
  owing(kind: string, args: Record<string, unknown>, options?: { key?: string; lane?: string }): (draft: BaseData) => void {
    return this.committing((draft) => {
      this.owe(draft, kind, args, options);
    });
  }

  /** The commit, for an event handler, of a change to this party's store made with the event's receipt. */
  committing(change: (draft: D) => void): (draft: BaseData) => void {
    return (draft) => change(draft as D);
  }

  /** Runs business work after a response was sent (e.g. fulfilling an order); `drain` waits for it. */
  background(work: () => Promise<unknown>): void {
    const task = work().catch((error: Error) => {
      this.#failures.push(`${new Date().toISOString()} ${error.message}`);
    });
    this.#tasks.add(task);
    void task.finally(() => this.#tasks.delete(task));
  }

  /** Keeps the collection `key` (`<API>.<resource>`) on `shelf`, outside the store's document. */
  keepOutside(key: string, shelf: Shelf<D>): void {
    this.#keptOutside.set(key, shelf);
  }

  /** Where the collection `key` is kept when it is kept outside the store's document. */
  shelf(key: string): Shelf<D> | undefined {
    return this.#keptOutside.get(key);
  }

  /** The party's data as its state dump shows it: the store's document, with the collections kept outside it. */
  stateData(): Readonly<D> {
    const data = this.store.data;
    if (this.#keptOutside.size === 0) return data;
    const outside = Object.fromEntries([...this.#keptOutside].map(([key, shelf]) => [key, [...shelf.all(data)]]));
    return { ...data, resources: { ...data.resources, ...outside } };
  }

  /** Runs `release` when the party stops (files it keeps open). */
  atStop(release: () => void): void {
    this.#atStop.push(release);
  }

  /** The party stopped: what it held is released. */
  stopped(): void {
    for (const release of this.#atStop.splice(0)) release();
  }

  /** Failures of background work, oldest first: shown in the state dump rather than swallowed. */
  get failures(): readonly string[] {
    return this.#failures;
  }

  /**
   * Resolves when no background work, event delivery or owed effect is due or in flight. Work waiting
   * for a retry later in simulated time stays pending: advance the clock to make it due.
   */
  async drain(): Promise<void> {
    for (;;) {
      await Promise.all([...this.#tasks]);
      await Promise.all([this.notifier.drain(), this.effects.drain()]);
      if (this.#tasks.size === 0 && !this.notifier.busy && !this.effects.busy) return;
    }
  }

  /** Puts dead-lettered events and effects back to work (all, or those with the given ids/keys). */
  redeliver(ids?: readonly string[]): Promise<{ events: string[]; effects: string[] }> {
    return this.store.update((draft) => ({
      events: this.notifier.redeliver(draft, this.clock.now(), ids),
      effects: this.effects.redeliver(draft, this.clock.now(), ids),
    }));
  }

  async setClock(at: Date): Promise<void> {
    this.clock.set(at);
    await this.store.update((draft) => {
      draft.clock = at.toISOString();
    });
  }

  async reset(): Promise<void> {
    await this.drain();
    await this.store.reset();
    this.clock.set(new Date(this.store.data.clock));
    this.#failures.length = 0;
  }

  readonly #sendEvent: EventSender = async (url, subscriber, body, timeoutMs) => {
    const key = this.store.data.peerKeys[subscriber] ?? bootstrapKey(this.#config.secret, this.id, subscriber);
    const { status } = await httpCall(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(absoluteHrefs(body, (isActorId(subscriber) ? this.#config.callbacks[subscriber] : undefined) ?? '')),
      timeoutMs,
    });
    if (status < 200 || status > 299) throw new Error(`listener ${url} answered ${status}`);
  };
}

/** Matches the hub joined at `peer` for `api` events matching `query`. */
const sameHub = (peer: ActorId, api: ApiId, query: string) => (hub: JoinedHub) => hub.peer === peer && hub.api === api && hub.query === query;
