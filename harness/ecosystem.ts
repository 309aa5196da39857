import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ACTOR_IDS, type ActorId } from '../core/actor-ids.ts';
import { listenOn } from '../core/listen.ts';
import { startActor, type RunningActor } from '../actors/index.ts';
import { DEFAULT_SECRET, DEFAULT_SEED } from '../actors/kit/config.ts';
import { harnessKey } from '../tmf/auth.ts';
import { TmfClient } from '../tmf/client.ts';
import { answerUnparsableRequests, notFoundRoute, tmfErrorHandler } from '../tmf/errors.ts';
import type { DeliveryPolicy } from '../tmf/notifier.ts';
import { Recorder, type TraceRetention } from './recorder.ts';
import { publicSecretWarning } from './secret.ts';

/** A party is either simulated here (local) or a partner's implementation at a URL (remote). */
/**
 * What a surface served beside the wire implements to mount itself on the harness server (the dashboard
 * does). The harness defines it and never imports its implementers: the composition root hands one in.
 */
export type HarnessMount = (app: express.Express, ecosystem: Ecosystem) => void;

export type Binding = { readonly kind: 'local' } | { readonly kind: 'remote'; readonly url: string };

export interface EcosystemOptions {
  /** Port of the harness (wire + dashboard); 0 picks a free one. */
  readonly port?: number;
  /** Address the harness listens on (default 127.0.0.1; 0.0.0.0 to be reached from other hosts). */
  readonly host?: string;
  /** Host name partners use to reach the harness: goes into every wire URL (default: the host, or this machine's name when listening on every address). */
  readonly publicHost?: string;
  readonly bindings?: Partial<Record<ActorId, Binding>>;
  /** Memory for tests; a folder of lowdb JSON files for `cch up`. */
  readonly storage?: { readonly kind: 'memory' } | { readonly kind: 'files'; readonly dir: string };
  readonly secret?: string;
  readonly seed?: number;
  /** How long the wire waits for a callee. */
  readonly timeoutMs?: number;
  readonly delivery?: DeliveryPolicy;
  /** Port of each local party (default: a free one). */
  readonly partyPorts?: Partial<Record<ActorId, number>>;
  /** Bounded memory for the wire's record (long runs); default: every exchange in memory. */
  readonly trace?: TraceRetention;
  /** Extra routes on the harness server (the dashboard mounts itself here). */
  readonly mount?: HarnessMount;
}

/** A running ecosystem: the wire in front of five parties, local or remote. */
export interface Ecosystem {
  /** The harness's base URL: the wire lives under /wire, the dashboard at /. */
  readonly url: string;
  readonly recorder: Recorder;
  readonly secret: string;
  readonly bindings: Readonly<Record<ActorId, Binding>>;
  /** Each party's real URL (a local port or the partner's URL). */
  readonly actorUrls: Readonly<Record<ActorId, string>>;
  /** The wire URL `from` uses to call `to`. */
  wireUrl(from: ActorId | 'harness', to: ActorId): string;
  /** A client with which the harness drives a party, through the wire. */
  control(actor: ActorId): TmfClient;
  /**
   * A client with which the harness polls a party directly, off the wire and off the record: for waiting
   * until the ecosystem is quiet (`/control/drain`, see drive/settle.ts), whose number of rounds and place
   * among the work it waits for are timing, not simulation.
   */
  poll(actor: ActorId): TmfClient;
  /** The simulated actors of this process (empty entries for remote ones). */
  readonly local: Partial<Record<ActorId, RunningActor>>;
  stop(): Promise<void>;
}

export async function startEcosystem(options: EcosystemOptions = {}): Promise<Ecosystem> {
  const secret = options.secret ?? DEFAULT_SECRET;
  const warning = publicSecretWarning(secret, options.host);
  if (warning) process.stderr.write(warning);
  const bindings = Object.fromEntries(ACTOR_IDS.map((id) => [id, options.bindings?.[id] ?? { kind: 'local' }])) as Record<ActorId, Binding>;
  const recorder = new Recorder({}, options.timeoutMs, options.trace, secret);
  const app = express();
  app.disable('x-powered-by');
  // The wire's requests go straight to the recorder; the rest (the dashboard, its routes) to the app.
  const server = await listenOn(
    createServer((req, res) => recorder.serve(req, res) || app(req, res)),
    options.port ?? 0,
    options.host ?? '127.0.0.1',
  );
  answerUnparsableRequests(server);
  const url = `http://${advertisedHost(options)}:${(server.address() as AddressInfo).port}`;
  const wireUrl = (from: ActorId | 'harness', to: ActorId) => `${url}/wire/${from}/${to}`;
  // Each party also reaches itself through the wire (its self-route), so that what it tells a unit of
  // its own (its resolution team, 9.26) is recorded and judged like every exchange.
  const peersOf = (id: ActorId) => Object.fromEntries(ACTOR_IDS.map((p) => [p, wireUrl(id, p)]));
  const callbacksOf = (id: ActorId) => Object.fromEntries(ACTOR_IDS.map((p) => [p, wireUrl(p, id)]));

  const local: Partial<Record<ActorId, RunningActor>> = {};
  const actorUrls = {} as Record<ActorId, string>;
  for (const id of ACTOR_IDS) {
    const binding = bindings[id];
    if (binding.kind === 'remote') {
      actorUrls[id] = binding.url.replace(/\/$/, '');
    } else {
      const storage =
        options.storage?.kind === 'files' ? { kind: 'file' as const, path: join(options.storage.dir, `${id}.json`) } : { kind: 'memory' as const };
      const actor = await startActor(
        id,
        {
          storage,
          secret,
          peers: peersOf(id),
          callbacks: callbacksOf(id),
          seed: options.seed ?? DEFAULT_SEED,
          delivery: options.delivery,
          peerTimeoutMs: options.timeoutMs,
        },
        options.partyPorts?.[id] ?? 0,
      );
      local[id] = actor;
      actorUrls[id] = actor.url;
    }
    recorder.bind(id, actorUrls[id]);
  }

  const ecosystem: Ecosystem = {
    url,
    recorder,
    secret,
    bindings,
    actorUrls,
    wireUrl,
    control: (actor) => new TmfClient(wireUrl('harness', actor), harnessKey(secret, actor), options.timeoutMs),
    poll: (actor) => new TmfClient(actorUrls[actor], harnessKey(secret, actor), options.timeoutMs),
    local,
    async stop() {
      await Promise.all(Object.values(local).map((a) => a?.stop()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await recorder.close();
    },
  };
  // A remote partner that implements the control contract is told where its peers are.
  for (const id of ACTOR_IDS.filter((a) => bindings[a].kind === 'remote')) {
    await ecosystem
      .control(id)
      .request('PUT', '/control/peers', { peers: peersOf(id), callbacks: callbacksOf(id) })
      .catch(() => undefined);
  }
  options.mount?.(app, ecosystem);
  app.use(notFoundRoute);
  app.use(tmfErrorHandler);
  return ecosystem;
}

/** The host name in the wire URLs: what partners must be able to reach. */
function advertisedHost(options: EcosystemOptions): string {
  if (options.publicHost) return options.publicHost;
  const host = options.host ?? '127.0.0.1';
  return host === '0.0.0.0' || host === '::' ? hostname() : host;
}
