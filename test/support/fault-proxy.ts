import express, { type Request, type Response } from 'express';
import type { ActorId } from '../../core/actor-ids.ts';
import { startActor, type RunningActor } from '../../actors/index.ts';
import { DEFAULT_SECRET, DEFAULT_SEED } from '../../actors/kit/config.ts';
import { headerOf, httpCall } from '../../core/http-call.ts';
import { startApp, type RunningApp } from './http-app.ts';

/** What a fault sees of an answer, and may change before the caller gets it. */
export interface Answer {
  /** The request as the caller sent it: method and path with its query. */
  readonly method: string;
  readonly path: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * One partner fault: it may change the request on its way to the real party (`upstream`), delay the
 * answer, and change the answer. The rest of the party's behaviour stays the real one.
 */
export interface PlantedFault {
  readonly upstream?: (path: string, method: string) => string;
  /** How long to hold the answer to this request back. */
  readonly delayMs?: (path: string, method: string) => number;
  readonly answer?: (a: Answer, proxyUrl: string) => void;
  /**
   * What the party sends out (it calls its peers through the proxy): the bodies to deliver after the
   * real one, e.g. the same event again under another eventId. Nothing more by default.
   */
  readonly outbound?: (path: string, method: string, body: unknown) => readonly unknown[];
}

/** A real simulated party behind a proxy whose fault can be switched between runs (none: faithful). */
export interface FaultProxy extends RunningApp {
  readonly party: ActorId;
  plant(fault: PlantedFault | undefined): void;
}

const PASSED_HEADERS = ['content-type', 'x-total-count', 'x-result-count', 'location'];

/** The proxy's path prefix for the party's own calls to a peer: `/outbound/<peer>/…`. */
const OUTBOUND = '/outbound/';

/** Headers of one connection, not of the request: the call to the party sets its own. */
const HOP_BY_HOP = new Set(['host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

/** The request headers passed on as the caller sent them. */
const forwardable = (req: Request) =>
  Object.fromEntries(Object.entries(req.headers).filter(([k, v]) => !HOP_BY_HOP.has(k) && typeof v === 'string')) as Record<string, string>;

/**
 * Calls through the proxy go out as the wire's do (keep-alive, node:http): fetch costs several times a
 * plain request, and the mutation suite passes thousands of calls through here.
 */
const CALL_TIMEOUT_MS = 60_000;
const call = (url: string, method: string, headers: Record<string, string>, body: string | undefined) =>
  httpCall(url, { method, headers, body, timeoutMs: CALL_TIMEOUT_MS });
const textOf = (req: Request) => (Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body.toString('utf8') : undefined);

/**
 * Starts the simulated `party` and a proxy in front of it. Bind the proxy's URL as the party: every
 * request goes through it (the forwarded headers included, so the party builds its hrefs as usual).
 * The peers the harness gives the party (PUT /control/peers) and the callbacks its subscribers give its
 * hubs are replaced by the proxy's own outbound routes, so what the party sends (calls and events)
 * passes the proxy too, where a fault may add to it.
 */
export async function startFaultProxy(party: ActorId): Promise<FaultProxy> {
  const actor: RunningActor = await startActor(party, { storage: { kind: 'memory' }, secret: DEFAULT_SECRET, peers: {}, callbacks: {}, seed: DEFAULT_SEED });
  let fault: PlantedFault | undefined;
  const app = express();
  app.use(express.raw({ type: () => true, limit: '10mb' }));
  let self = '';
  const peers = new Map<string, string>();
  app.use(OUTBOUND, async (req: Request, res: Response) => {
    const [peer = '', ...rest] = req.url.slice(1).split('/');
    const path = `/${rest.join('/')}`;
    const headers = forwardable(req);
    const body = textOf(req);
    const sent = await call(peers.get(peer) + path, req.method, headers, body);
    res
      .status(sent.status)
      .type(headerOf(sent.headers, 'content-type') ?? 'application/json')
      .send(sent.text);
    for (const extra of fault?.outbound?.(path, req.method, body ? JSON.parse(body) : undefined) ?? []) {
      await call(peers.get(peer) + path, req.method, headers, JSON.stringify(extra));
    }
  });
  app.use(async (req: Request, res: Response) => {
    const path = fault?.upstream ? fault.upstream(req.originalUrl, req.method) : req.originalUrl;
    const headers = forwardable(req);
    let body = textOf(req);
    if (req.method === 'PUT' && req.path === '/control/peers' && body) body = JSON.stringify(outboundPeers(JSON.parse(body), peers, self));
    if (req.method === 'POST' && req.path.endsWith('/hub') && body) body = JSON.stringify(outboundCallback(JSON.parse(body), peers, self));
    const upstream = await call(actor.url + path, req.method, headers, body);
    const answer: Answer = {
      method: req.method,
      path: req.originalUrl,
      status: upstream.status,
      body: upstream.text ? JSON.parse(upstream.text) : undefined,
      headers: Object.fromEntries(PASSED_HEADERS.flatMap((h) => (headerOf(upstream.headers, h) ? [[h, headerOf(upstream.headers, h)!]] : []))),
    };
    const delay = fault?.delayMs?.(req.originalUrl, req.method) ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    fault?.answer?.(answer, self);
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    res.status(answer.status).send(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  const running = await startApp(app);
  self = running.baseUrl;
  return {
    party,
    baseUrl: running.baseUrl,
    plant(next) {
      fault = next;
    },
    async close() {
      await running.close();
      await actor.stop();
    },
  };
}

/** The peers' URLs kept in `peers`, and the proxy's outbound route for each put in their place. */
function outboundPeers(body: { peers?: Record<string, string> }, peers: Map<string, string>, self: string): object {
  for (const [peer, url] of Object.entries(body.peers ?? {})) peers.set(peer, url);
  return { ...body, peers: Object.fromEntries(Object.keys(body.peers ?? {}).map((peer) => [peer, `${self}${OUTBOUND}${peer}`])) };
}

/** A subscriber's callback kept in `peers` under a name of its own, and the proxy's outbound route for it put in its place. */
function outboundCallback(body: { callback?: unknown }, peers: Map<string, string>, self: string): object {
  if (typeof body.callback !== 'string') return body;
  const callback = body.callback.replace(/\/$/, '');
  const name = [...peers].find(([, url]) => url === callback)?.[0] ?? `callback-${peers.size + 1}`;
  peers.set(name, callback);
  return { ...body, callback: `${self}${OUTBOUND}${name}` };
}
