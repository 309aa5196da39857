import express, { type Request, type Response, type Router } from 'express';
import { isActorId, type ActorId, type WireParty } from '../core/actor-ids.ts';
import { safeDecode } from '../tmf/apis.ts';
import { badRequest, TmfError } from '../tmf/errors.ts';
import { FORWARDED } from '../tmf/href.ts';
import { classify } from './classify.ts';
import type { Exchange } from './exchange.ts';
import { judge } from './judge.ts';

/** Request headers worth keeping in the trace (credentials are masked). */
const KEPT_HEADERS = ['content-type', 'accept', 'authorization', 'location', 'x-total-count', 'x-result-count'];

export type ExchangeListener = (exchange: Exchange) => void;

/**
 * The wire: a recording, validating reverse proxy. A party calls `/wire/<from>/<to>/<path>`; the
 * recorder forwards to the callee's real URL, and records who called whom, on which API and operation,
 * with what status and bodies, and whether both bodies follow their schemas.
 */
export class Recorder {
  readonly #targets: Map<ActorId, string>;
  readonly #exchanges: Exchange[] = [];
  readonly #listeners = new Set<ExchangeListener>();
  readonly #timeoutMs: number;
  #seq = 0;
  #scenario = '';

  constructor(targets: Partial<Record<ActorId, string>>, timeoutMs = 10_000) {
    this.#targets = new Map(Object.entries(targets) as [ActorId, string][]);
    this.#timeoutMs = timeoutMs;
  }

  /** Where the callee really is (a local port or a partner's URL). */
  bind(actor: ActorId, url: string): void {
    this.#targets.set(actor, url.replace(/\/$/, ''));
  }

  target(actor: ActorId): string | undefined {
    return this.#targets.get(actor);
  }

  startScenario(name: string): void {
    this.#scenario = name;
  }

  get scenario(): string {
    return this.#scenario;
  }

  /** Every exchange so far, in the order the calls were made. */
  get exchanges(): readonly Exchange[] {
    return [...this.#exchanges].sort((a, b) => a.seq - b.seq);
  }

  exchangesOf(scenario: string): Exchange[] {
    return this.exchanges.filter((e) => e.scenario === scenario);
  }

  /** Hears every exchange as it completes (the dashboard's live feed). */
  subscribe(listener: ExchangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Forgets every exchange: a new run starts from an empty wire. */
  clear(): void {
    this.#exchanges.length = 0;
    this.#seq = 0;
  }

  router(): Router {
    const router = express.Router();
    router.use('/wire/:from/:to', express.raw({ type: () => true, limit: '10mb' }), (req, res) => this.#forward(req, res));
    return router;
  }

  async #forward(req: Request, res: Response): Promise<void> {
    const from = String(req.params.from);
    const to = String(req.params.to);
    const path = req.originalUrl.slice(`/wire/${from}/${to}`.length) || '/';
    const base = isActorId(to) ? this.#targets.get(to) : undefined;
    if (!base || !(isActorId(from) || from === 'harness')) {
      const error = new TmfError(404, 'UNKNOWN_PARTY', 'Unknown party on the wire', `No route from '${from}' to '${to}'`);
      res.status(404).json(error.toBody());
      return;
    }
    if (safeDecode(path) === undefined) {
      res.status(400).json(badRequest('Malformed URL', `The path ${path} has a malformed percent-escape`, 'MALFORMED_URL').toBody());
      return;
    }
    const seq = ++this.#seq;
    const scenario = this.#scenario;
    const startedAt = new Date();
    const rawBody = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body : undefined;
    const requestHeaders = pickHeaders((name) => req.get(name));
    let status = 502;
    let responseText = '';
    let responseHeaders: Record<string, string> = {};
    let failure: string | undefined;
    try {
      const upstream = await fetch(base + path, {
        method: req.method,
        headers: { ...forwardHeaders(req), [FORWARDED.host]: req.get('host') ?? '', [FORWARDED.proto]: req.protocol, [FORWARDED.prefix]: `/wire/${from}/${to}` },
        body: rawBody ? new Uint8Array(rawBody) : undefined,
        signal: AbortSignal.timeout(this.#timeoutMs),
        redirect: 'manual',
      });
      status = upstream.status;
      responseText = await upstream.text();
      responseHeaders = pickHeaders((name) => upstream.headers.get(name) ?? undefined);
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      status = timedOut ? 504 : 502;
      failure = timedOut ? `${to} did not answer within ${this.#timeoutMs} ms (${base}${path})` : `${to} is unreachable at ${base}: ${causeOf(error)}`;
      const body = new TmfError(status, timedOut ? 'PEER_TIMEOUT' : 'PEER_UNREACHABLE', timedOut ? 'Peer timed out' : 'Peer unreachable', failure).toBody();
      responseText = JSON.stringify(body);
      responseHeaders = { 'content-type': 'application/json' };
    }
    const exchange = this.#record({ seq, scenario, from: from as WireParty, to: to as ActorId, method: req.method, path, status, startedAt, rawBody, requestHeaders, responseText, responseHeaders, failure });
    for (const [name, value] of Object.entries(responseHeaders)) if (name !== 'content-length') res.setHeader(name, value);
    res.status(status).send(responseText);
    this.#listeners.forEach((listener) => listener(exchange));
  }

  #record(r: RawExchange): Exchange {
    const requestBody = parseBody(r.rawBody?.toString('utf8'));
    const responseBody = parseBody(r.responseText);
    const c = classify(r.from, r.method, r.path);
    const errors = judge(c, r.method, r.path, r.status, requestBody, responseBody);
    const exchange: Exchange = {
      seq: r.seq,
      scenario: r.scenario,
      from: r.from,
      to: r.to,
      kind: c.kind,
      api: c.api,
      operation: c.operation,
      method: r.method,
      path: r.path,
      status: r.status,
      request: { headers: r.requestHeaders, body: requestBody },
      response: { headers: r.responseHeaders, body: responseBody },
      valid: errors.length === 0,
      errors,
      startedAt: r.startedAt.toISOString(),
      durationMs: Date.now() - r.startedAt.getTime(),
      ...(r.failure ? { failure: r.failure } : {}),
    };
    this.#exchanges.push(exchange);
    return exchange;
  }
}

interface RawExchange {
  seq: number;
  scenario: string;
  from: WireParty;
  to: ActorId;
  method: string;
  path: string;
  status: number;
  startedAt: Date;
  rawBody: Buffer | undefined;
  requestHeaders: Record<string, string>;
  responseText: string;
  responseHeaders: Record<string, string>;
  failure?: string;
}

function forwardHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'accept', 'authorization']) {
    const value = req.get(name);
    if (value) headers[name] = value;
  }
  return headers;
}

function pickHeaders(get: (name: string) => string | undefined): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = get(name);
    if (value) kept[name] = name === 'authorization' ? value.replace(/(Bearer\s+\S{8})\S*/i, '$1…') : value;
  }
  return kept;
}

/** JSON when it parses, the raw text otherwise (a malformed body is evidence too). */
function parseBody(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function causeOf(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}
