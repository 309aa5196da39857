import express, { type Router } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isActorId, type ActorId, type WireParty } from '../core/actor-ids.ts';
import { headerOf, type HttpBytesAnswer } from '../core/http-call.ts';
import { DEFAULT_SECRET } from '../actors/kit/config.ts';
import { WALL_CLOCK_HEADER } from '../actors/kit/control-contract.ts';
import { safeDecode } from '../tmf/apis.ts';
import { wireKey } from '../tmf/auth.ts';
import { badRequest, TmfError } from '../tmf/errors.ts';
import { FORWARDED, WIRE_KEY_HEADER } from '../tmf/href.ts';
import { classify, type Classification } from './classify.ts';
import type { Exchange, RecordedMessage, ValidationIssue } from './exchange.ts';
import { judge } from './judge.ts';
import { bodyBytes, parseBody, recordedMessage } from './recorded-message.ts';
import { SettleQueue } from './settle-queue.ts';
import { SpillFile } from './spill-file.ts';
import { type Remembered, VerdictMemo } from './verdict-memo.ts';
import { wireCall } from './wire-client.ts';
import { deliverAgain, DUPLICATE_HEADER, FaultTable, InjectedDown } from './wire-faults.ts';

/** Request headers worth keeping in the trace (credentials are masked). */
const KEPT_HEADERS = ['content-type', 'accept', 'authorization', 'location', 'x-total-count', 'x-result-count', DUPLICATE_HEADER, WALL_CLOCK_HEADER];

/** `/wire/<from>/<to>`, then the path on the callee. */
const WIRE_ROUTE = /^\/wire\/([^/?#]+)\/([^/?#]+)/;
const MAX_BODY_BYTES = 10 * 2 ** 20;

export type ExchangeListener = (exchange: Exchange) => void;

/**
 * Bounded memory for long runs (`cch up`): the wire keeps the latest `retain` exchanges in memory, and
 * no more than `maxBytes` of their bodies (256 MiB by default), and appends older ones, complete, to
 * `spillTo` (one JSON exchange per line), and the rest when the wire closes, so the whole record stays
 * intact on disk. Without it (the tests, `cch run`), every exchange stays in memory for the reports.
 */
export interface TraceRetention {
  readonly retain: number;
  readonly maxBytes?: number;
  readonly spillTo: string;
  /** The free space the spill file leaves on its disk (see SpillFile); 2 GiB by default. */
  readonly keepFreeBytes?: number;
}

const DEFAULT_RETAINED_BYTES = 256 * 2 ** 20;

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
  readonly #spill: SpillFile | undefined;
  #spilled = 0;
  #closed = false;
  /** The bodies' bytes of the exchanges in memory. */
  #retainedBytes = 0;

  readonly #secret: string;
  readonly #wireKeys = new Map<ActorId, string>();
  /** Answered, not yet judged: judged in slices between the forwards, or at once by any reader (see #settle). */
  readonly #pending = new SettleQueue<RawExchange>((raw) => this.#recordAndTell(raw));
  readonly #verdicts = new VerdictMemo<Judgement>();
  /** The request message recorded last for a call without a body (see #requestMessage). */
  #lastBodiless: RecordedMessage | undefined;

  /** `secret` is the ecosystem's: the wire derives from it the key each party trusts its forwarded headers by. */
  constructor(targets: Partial<Record<ActorId, string>>, timeoutMs = 10_000, retention?: TraceRetention, secret = DEFAULT_SECRET) {
    this.#targets = new Map(Object.entries(targets) as [ActorId, string][]);
    this.#secret = secret;
    this.#timeoutMs = timeoutMs;
    this.#retention = retention;
    this.#spill = retention && new SpillFile(retention.spillTo, retention.keepFreeBytes);
  }

  /** How many exchanges got the verdict of identical bytes judged before (see VerdictMemo). */
  get reusedVerdicts(): number {
    return this.#verdicts.hits;
  }

  /** Why the spill file stopped taking exchanges (its disk nearly full), if it did. */
  get spillStopped(): string | undefined {
    return this.#spill?.stopped;
  }

  /** How many exchanges left memory for the spill file. */
  get spilled(): number {
    this.#settle();
    return this.#spilled;
  }

  /**
   * With a retention, appends the exchanges still in memory to the spill file, which then holds the whole
   * run, each exchange once; then flushes and closes it.
   */
  async close(): Promise<void> {
    this.#settle();
    // Once: the exchanges still in memory stay there for the reports, and must not be written twice.
    if (this.#closed) return;
    this.#closed = true;
    this.#spill?.append(this.#exchanges);
    await this.#spill?.close();
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
    this.#settle();
    return this.#exchanges;
  }

  exchangesOf(scenario: string): Exchange[] {
    this.#settle();
    return [...(this.#byScenario.get(scenario) ?? [])];
  }

  /** How many exchanges between parties (not the harness's own calls) the wire has seen. */
  get flowCount(): number {
    this.#settle();
    return this.#flowCount;
  }

  /** Hears every exchange as it completes (the dashboard's live feed). */
  subscribe(listener: ExchangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Forgets every exchange: a new run starts from an empty wire. */
  clear(): void {
    this.#settle();
    this.#exchanges.length = 0;
    this.#retainedBytes = 0;
    this.#byScenario.clear();
    this.#flowCount = 0;
    this.#seq = 0;
    this.#spill?.forgetBodies();
  }

  /**
   * The wire as an Express router (for an app that mounts it); `serve` is the same without Express, as the
   * harness server runs it: the wire's own path costs no routing, body parser or response helpers.
   */
  router(): Router {
    const router = express.Router();
    router.use((req, res, next) => {
      if (!this.serve(req, res)) next();
    });
    return router;
  }

  /** Takes a request for `/wire/<from>/<to>/…` (true), or leaves it to the server's other routes (false). */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '';
    const route = WIRE_ROUTE.exec(url);
    if (!route) return false;
    readBody(req, MAX_BODY_BYTES)
      .then(
        (body) => this.#forward(req, res, route[1], route[2], interned(url.slice(route[0].length) || '/'), body),
        (error: Error) => sendError(res, error instanceof TmfError ? error : badRequest('Unreadable body', error.message, 'UNREADABLE_BODY')),
      )
      // A fault of the wire itself must not take the harness down: the caller gets a TMF error saying so.
      .catch((error: Error) => {
        process.stderr.write(`the wire failed on ${req.method} ${url}: ${error.stack ?? error.message}\n`);
        sendError(res, new TmfError(502, 'WIRE_FAILURE', 'The wire failed', `The wire could not pass this call on: ${error.message}`));
      });
    return true;
  }

  async #forward(req: IncomingMessage, res: ServerResponse, caller: string, callee: string, path: string, rawBody: Buffer | undefined): Promise<void> {
    const from: WireParty | undefined = caller === 'harness' || isActorId(caller) ? caller : undefined;
    const to = isActorId(callee) ? callee : undefined;
    const base = to && this.#targets.get(to);
    if (!from || !to || !base) {
      sendError(res, new TmfError(404, 'UNKNOWN_PARTY', 'Unknown party on the wire', `No route from '${caller}' to '${callee}'`));
      return;
    }
    if (path.includes('%') && safeDecode(path) === undefined) {
      sendError(res, badRequest('Malformed URL', `The path ${path} has a malformed percent-escape`, 'MALFORMED_URL'));
      return;
    }
    const seq = ++this.#seq;
    const scenario = this.#scenario;
    const startedAt = Date.now();
    const get = (name: string) => headerOf(req.headers, name);
    const requestHeaders = pickHeaders(get);
    const protocol = 'encrypted' in req.socket ? 'https' : 'http';
    let answer: HttpBytesAnswer;
    let failure: string | undefined;
    const fault = this.faults.decide(from, to, path, get);
    try {
      if (fault.down) throw new InjectedDown(fault.down);
      if (fault.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      answer = await wireCall(base + path, {
        method: req.method ?? 'GET',
        headers: this.#calleeHeaders(get, protocol, from, to),
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
      answer = { status, headers: { 'content-type': 'application/json' }, bytes: Buffer.from(JSON.stringify(body)) };
    }
    const responseHeaders = pickHeaders((name) => headerOf(answer.headers, name));
    // The caller gets the bytes the callee sent, as they came. The exchange is taken on the record at
    // once (its place in seq order, its scenario, its bytes); judging it waits until the answer is out
    // (see #settle), so it costs the caller no latency.
    res.writeHead(answer.status, responseHeaders).end(answer.bytes);
    this.#pending.push({
      seq,
      scenario,
      from,
      to,
      method: req.method ?? 'GET',
      path,
      status: answer.status,
      startedAt,
      durationMs: Date.now() - startedAt,
      request: rawBody,
      requestHeaders,
      response: answer.bytes,
      responseHeaders,
      failure,
    });
    if (fault.duplicate) deliverAgain(`${protocol}://${get('host')}${req.url}`, req.method ?? 'POST', forwardHeaders(get), rawBody);
  }

  /**
   * What the callee gets: the caller's headers that matter, the URL the caller used, and the wire's key.
   * Set one by one (the same shape every call): spread into a literal with computed keys, they cost
   * about 30 times as much.
   */
  #calleeHeaders(get: (name: string) => string | undefined, protocol: string, from: WireParty, to: ActorId): Record<string, string> {
    const headers = forwardHeaders(get);
    headers[FORWARDED.host] = get('host') ?? '';
    headers[FORWARDED.proto] = protocol;
    headers[FORWARDED.prefix] = `/wire/${from}/${to}`;
    headers[WIRE_KEY_HEADER] = this.#wireKeyOf(to);
    return headers;
  }

  /** The wire key the callee trusts forwarded headers by (derived once per party). */
  #wireKeyOf(to: ActorId): string {
    let key = this.#wireKeys.get(to);
    if (key === undefined) this.#wireKeys.set(to, (key = wireKey(this.#secret, to)));
    return key;
  }

  /**
   * Judges and records the exchanges answered since the last time. The queue does it in slices right after
   * the answers went out; every reader of the record settles first, so a caller that looks at the record
   * after its call returned finds its exchange there, judged.
   */
  #settle(): void {
    this.#pending.drain();
  }

  #recordAndTell(raw: RawExchange): void {
    const exchange = this.#record(raw);
    for (const listener of this.#listeners) listener(exchange);
  }

  #spillOldest(): void {
    const retention = this.#retention;
    if (!retention) return;
    const maxBytes = retention.maxBytes ?? DEFAULT_RETAINED_BYTES;
    if (this.#exchanges.length <= retention.retain + Math.ceil(retention.retain / 100) && this.#retainedBytes <= maxBytes) return;
    // A hundredth of `retain` (or a tenth of `maxBytes`) at a time: the copy is amortised over as many
    // exchanges, and no one spill holds the event loop up long (the callers' p99 latency).
    // (A call that started before the ones spilled and ends after them stays in memory, in seq order.)
    let leavingCount = Math.max(0, this.#exchanges.length - retention.retain);
    let bytes = this.#retainedBytes;
    for (let i = 0; i < leavingCount; i++) bytes -= bytesOf(this.#exchanges[i]);
    while (bytes > maxBytes * 0.9 && leavingCount < this.#exchanges.length) bytes -= bytesOf(this.#exchanges[leavingCount++]);
    const leaving = this.#exchanges.splice(0, leavingCount);
    this.#retainedBytes = bytes;
    this.#spill?.append(leaving);
    this.#spilled += leaving.length;
    const lastLeft = leaving.at(-1)!.seq;
    for (const [scenario, list] of this.#byScenario) {
      const keep = list.findIndex((e) => e.seq > lastLeft);
      if (keep === -1) this.#byScenario.delete(scenario);
      else if (keep > 0) list.splice(0, keep);
    }
  }

  /**
   * The exchange's recorded messages. They hold the remembered bytes, equal to this exchange's, so that
   * this exchange's copies can go; and when the headers are the same too, each is the very message
   * recorded last with these bytes: a body polled again and again then adds no object to the record but
   * the exchange itself (each one kept is work for every collection until it leaves memory).
   */
  #messagesOf(judged: Remembered<Judgement>, r: RawExchange): RecordedPair {
    const last = judged.verdict.lastMessages;
    const request = last && sameHeaders(last.request.headers, r.requestHeaders) ? last.request : this.#requestMessage(judged, r);
    const response =
      last && sameHeaders(last.response.headers, r.responseHeaders)
        ? last.response
        : recordedMessage(r.responseHeaders, judged.response, judged.verdict.responseJson);
    if (request !== last?.request || response !== last?.response) judged.verdict.lastMessages = { request, response };
    return { request, response };
  }

  /** A request without a body (most GETs) is its headers alone: the last such message serves while they are the same, whatever the call. */
  #requestMessage(judged: Remembered<Judgement>, r: RawExchange): RecordedMessage {
    if (judged.request !== undefined) return recordedMessage(r.requestHeaders, judged.request, judged.verdict.requestJson);
    const last = this.#lastBodiless;
    if (last && sameHeaders(last.headers, r.requestHeaders)) return last;
    return (this.#lastBodiless = recordedMessage(r.requestHeaders, undefined, false));
  }

  #record(r: RawExchange): Exchange {
    // The classification is a function of the memo's inputs too, so a remembered judgement carries it.
    const judged = this.#verdicts.verdict(r, () => {
      const c = classify(r.from, r.method, r.path);
      const request = parseBody(r.request);
      const response = parseBody(r.response);
      return {
        c,
        errors: Object.freeze(judge(c, r.method, r.path, r.status, request.value, response.value)),
        requestJson: request.json,
        responseJson: response.json,
      };
    });
    const { c, errors } = judged.verdict;
    const { request, response } = this.#messagesOf(judged, r);
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
      request,
      response,
      valid: errors.length === 0,
      errors,
      startedAt: new Date(r.startedAt).toISOString(),
      durationMs: r.durationMs,
      ...(r.failure ? { failure: r.failure } : {}),
    };
    insertInSeqOrder(this.#exchanges, exchange);
    this.#retainedBytes += bytesOf(exchange);
    const ofScenario = this.#byScenario.get(exchange.scenario) ?? [];
    if (ofScenario.length === 0) this.#byScenario.set(exchange.scenario, ofScenario);
    insertInSeqOrder(ofScenario, exchange);
    if (exchange.kind !== 'harness') this.#flowCount++;
    this.#spillOldest();
    return exchange;
  }
}

/** What judging an exchange's bytes gives: what the exchange is, its issues, and whether each body is JSON. */
interface Judgement {
  /** The messages recorded last with this verdict's bytes (see #messagesOf): the one field that changes. */
  lastMessages?: RecordedPair;
  readonly c: Classification;
  readonly errors: readonly ValidationIssue[];
  readonly requestJson: boolean;
  readonly responseJson: boolean;
}

interface RecordedPair {
  readonly request: RecordedMessage;
  readonly response: RecordedMessage;
}

/** Whether two recorded header sets are equal (a few short entries, their values mostly interned). */
function sameHeaders(a: Record<string, string>, b: Record<string, string>): boolean {
  let count = 0;
  for (const name in a) {
    if (a[name] !== b[name]) return false;
    count++;
  }
  for (const _ in b) count--;
  return count === 0;
}

const bytesOf = (exchange: Exchange) => bodyBytes(exchange.request) + bodyBytes(exchange.response);

interface RawExchange {
  seq: number;
  scenario: string;
  from: WireParty;
  to: ActorId;
  method: string;
  path: string;
  status: number;
  /** Wall-clock ms. */
  startedAt: number;
  durationMs: number;
  /** The bodies' bytes, as they came. */
  request: Buffer | undefined;
  requestHeaders: Record<string, string>;
  response: Buffer;
  responseHeaders: Record<string, string>;
  failure?: string;
}

/** Calls end nearly in the order they started: the insertion point is found from the end, in a step or two. */
function insertInSeqOrder(list: Exchange[], exchange: Exchange): void {
  let at = list.length;
  while (at > 0 && list[at - 1].seq > exchange.seq) at--;
  // Mostly at the end: a push, without the array of removed items a splice makes.
  if (at === list.length) list.push(exchange);
  else list.splice(at, 0, exchange);
}

function forwardHeaders(get: (name: string) => string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'accept', 'authorization']) {
    const value = get(name);
    if (value) headers[name] = value;
  }
  return headers;
}

function pickHeaders(get: (name: string) => string | undefined): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = get(name);
    // A wall clock's reading is new on every answer: not one of the strings a run repeats.
    if (value) kept[name] = name === 'authorization' ? masked(value) : name === WALL_CLOCK_HEADER ? value : interned(value);
  }
  return kept;
}

/**
 * The strings a run repeats (its paths, header values, masked keys), kept once each rather than once per
 * exchange: the record of a long run stays small for the garbage collector. Bounded: it starts afresh past
 * 1,024 strings (a run of ever new paths gets no sharing, and no growth).
 */
const INTERNED = new Map<string, string>();

function interned(value: string): string {
  const known = INTERNED.get(value);
  if (known !== undefined) return known;
  if (INTERNED.size >= 1024) INTERNED.clear();
  INTERNED.set(value, value);
  return value;
}

const MASKED = new Map<string, string>();

/** An authorization header with its key cut after 8 characters; a run uses few keys, so each is masked once. */
function masked(authorization: string): string {
  let value = MASKED.get(authorization);
  if (value === undefined) {
    if (MASKED.size >= 256) MASKED.clear();
    MASKED.set(authorization, (value = authorization.replace(/(Bearer\s+\S{8})\S*/i, '$1…')));
  }
  return value;
}

/** The whole body of a request (undefined when empty); a 413 TMF error past `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112, 6.3): most calls
  // on the wire are such GETs, and need not wait for the stream's end.
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      // Past the limit the rest is read and dropped, so that the caller, still sending, gets the answer.
      if (size > limit) return;
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else {
        chunks.length = 0;
        reject(new TmfError(413, 'PAYLOAD_TOO_LARGE', 'Payload too large', `The wire takes bodies of at most ${limit} bytes`));
      }
    });
    req.on('end', () => resolve(size === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function sendError(res: ServerResponse, error: TmfError): void {
  if (res.headersSent) return;
  res.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(error.toBody()));
}

function causeOf(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message;
}
