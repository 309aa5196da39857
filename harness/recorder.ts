import express, { type Request, type Response, type Router } from 'express';
import { createWriteStream, type WriteStream } from 'node:fs';
import { isActorId, type ActorId, type WireParty } from '../core/actor-ids.ts';
import { headerOf, httpCall, type HttpAnswer } from '../core/http-call.ts';
import { DEFAULT_SECRET } from '../actors/kit/config.ts';
import { safeDecode } from '../tmf/apis.ts';
import { wireKey } from '../tmf/auth.ts';
import { badRequest, TmfError } from '../tmf/errors.ts';
import { FORWARDED, WIRE_KEY_HEADER } from '../tmf/href.ts';
import { classify } from './classify.ts';
import type { Exchange } from './exchange.ts';
import { judge } from './judge.ts';
import { deliverAgain, DUPLICATE_HEADER, FaultTable, InjectedDown } from './wire-faults.ts';

/** Request headers worth keeping in the trace (credentials are masked). */
const KEPT_HEADERS = ['content-type', 'accept', 'authorization', 'location', 'x-total-count', 'x-result-count', DUPLICATE_HEADER];

export type ExchangeListener = (exchange: Exchange) => void;

/**
 * Bounded memory for long runs (`cch up`): the wire keeps the latest `retain` exchanges in memory and
 * appends older ones, complete, to `spillTo` (one JSON exchange per line), so the whole record stays
 * intact on disk. Without it (the tests, `cch run`), every exchange stays in memory for the reports.
 */
export interface TraceRetention {
  readonly retain: number;
  readonly spillTo: string;
}

/**
 * The wire: a recording, validating reverse proxy. A party calls `/wire/<from>/<to>/<path>`; the
 * recorder forwards to the callee's real URL, and records who called whom, on which API and operation,
 * with what status and bodies, and whether both bodies follow their schemas.
 */
export class Recorder {
  readonly #targets: Map<ActorId, string>;
  /** In seq order; per scenario too, so that a scenario's exchanges cost what it holds, not the run. */
  readonly #exchanges: Exchange[] = [];
  readonly #byScenario = new Map<string, Exchange[]>();
  #flowCount = 0;
  readonly #listeners = new Set<ExchangeListener>();
  readonly #timeoutMs: number;
  #seq = 0;
  #scenario = '';
  /** Faults injected on the wire (a party down, its events delayed or duplicated): none by default. */
  readonly faults = new FaultTable();

  readonly #retention: TraceRetention | undefined;
  #spill: WriteStream | undefined;
  #spilled = 0;

  readonly #secret: string;

  /** `secret` is the ecosystem's: the wire derives from it the key each party trusts its forwarded headers by. */
  constructor(targets: Partial<Record<ActorId, string>>, timeoutMs = 10_000, retention?: TraceRetention, secret = DEFAULT_SECRET) {
    this.#targets = new Map(Object.entries(targets) as [ActorId, string][]);
    this.#secret = secret;
    this.#timeoutMs = timeoutMs;
    this.#retention = retention;
  }

  /** How many exchanges left memory for the spill file. */
  get spilled(): number {
    return this.#spilled;
  }

  /** Flushes and closes the spill file. */
  async close(): Promise<void> {
    const spill = this.#spill;
    this.#spill = undefined;
    if (spill) await new Promise<void>((resolve, reject) => spill.end((error?: Error | null) => (error ? reject(error) : resolve())));
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

  /** How long the wire waits for a callee. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  get scenario(): string {
    return this.#scenario;
  }

  /** Every exchange so far, in the order the calls were made (a live view: copy it to keep a snapshot). */
  get exchanges(): readonly Exchange[] {
    return this.#exchanges;
  }

  exchangesOf(scenario: string): Exchange[] {
    return [...(this.#byScenario.get(scenario) ?? [])];
  }

  /** How many exchanges between parties (not the harness's own calls) the wire has seen. */
  get flowCount(): number {
    return this.#flowCount;
  }

  /** Hears every exchange as it completes (the dashboard's live feed). */
  subscribe(listener: ExchangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Forgets every exchange: a new run starts from an empty wire. */
  clear(): void {
    this.#exchanges.length = 0;
    this.#byScenario.clear();
    this.#flowCount = 0;
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
    let answer: HttpAnswer;
    let failure: string | undefined;
    const fault = this.faults.decide(from as WireParty, to as ActorId, path, (name) => req.get(name));
    try {
      if (fault.down) throw new InjectedDown(fault.down);
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      answer = await httpCall(base + path, {
        method: req.method,
        headers: {
          ...forwardHeaders(req),
          [FORWARDED.host]: req.get('host') ?? '',
          [FORWARDED.proto]: req.protocol,
          [FORWARDED.prefix]: `/wire/${from}/${to}`,
          [WIRE_KEY_HEADER]: wireKey(this.#secret, to),
        },
        body: rawBody,
        timeoutMs: this.#timeoutMs,
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      const status = timedOut ? 504 : 502;
      failure =
        error instanceof InjectedDown
          ? error.message
          : timedOut
            ? `${to} did not answer within ${this.#timeoutMs} ms (${base}${path})`
            : `${to} is unreachable at ${base}: ${causeOf(error)}`;
      const body = new TmfError(status, timedOut ? 'PEER_TIMEOUT' : 'PEER_UNREACHABLE', timedOut ? 'Peer timed out' : 'Peer unreachable', failure).toBody();
      answer = { status, headers: { 'content-type': 'application/json' }, text: JSON.stringify(body) };
    }
    const responseHeaders = pickHeaders((name) => headerOf(answer.headers, name));
    // The caller gets its answer first; the exchange is recorded and judged in the same tick, so it is
    // on the wire's record before any caller in this process can look (the conformance probes do).
    for (const [name, value] of Object.entries(responseHeaders)) res.setHeader(name, value);
    res.status(answer.status).end(answer.text);
    const exchange = this.#record({
      seq,
      scenario,
      from: from as WireParty,
      to: to as ActorId,
      method: req.method,
      path,
      status: answer.status,
      startedAt,
      rawBody,
      requestHeaders,
      responseText: answer.text,
      responseHeaders,
      failure,
    });
    for (const listener of this.#listeners) listener(exchange);
    if (fault.duplicate) deliverAgain(`${req.protocol}://${req.get('host')}${req.originalUrl}`, req.method, forwardHeaders(req), rawBody);
  }

  #spillOldest(): void {
    const retention = this.#retention;
    if (!retention || this.#exchanges.length <= retention.retain + Math.ceil(retention.retain / 10)) return;
    // A tenth of `retain` at a time, so that the copy is amortised over as many exchanges.
    // (A call that started before the ones spilled and ends after them stays in memory, in seq order.)
    const leaving = this.#exchanges.splice(0, this.#exchanges.length - retention.retain);
    this.#spill ??= createWriteStream(retention.spillTo, { flags: 'a' }).on('error', (error) =>
      process.stderr.write(`the wire cannot spill to ${retention.spillTo}: ${error.message}\n`),
    );
    this.#spill.write(`${leaving.map((e) => JSON.stringify(e)).join('\n')}\n`);
    this.#spilled += leaving.length;
    const lastLeft = leaving.at(-1)!.seq;
    for (const [scenario, list] of this.#byScenario) {
      const keep = list.findIndex((e) => e.seq > lastLeft);
      if (keep === -1) this.#byScenario.delete(scenario);
      else if (keep > 0) list.splice(0, keep);
    }
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
      ...(c.unit ? { unit: c.unit } : {}),
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
    insertInSeqOrder(this.#exchanges, exchange);
    const ofScenario = this.#byScenario.get(exchange.scenario) ?? [];
    if (ofScenario.length === 0) this.#byScenario.set(exchange.scenario, ofScenario);
    insertInSeqOrder(ofScenario, exchange);
    if (exchange.kind !== 'harness') this.#flowCount++;
    this.#spillOldest();
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

/** Calls end nearly in the order they started: the insertion point is found from the end, in a step or two. */
function insertInSeqOrder(list: Exchange[], exchange: Exchange): void {
  let at = list.length;
  while (at > 0 && list[at - 1].seq > exchange.seq) at--;
  list.splice(at, 0, exchange);
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
