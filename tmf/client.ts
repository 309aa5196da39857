import { headerOf, httpCall } from '../core/http-call.ts';
import { basePath, type ApiId } from './apis.ts';
import type { Entity } from './data.ts';
import type { TmfErrorBody } from './errors.ts';
import type { CreateBody, Resource, ResourceName, UpdateBody } from './resources.ts';

/** A peer answered with an error status: the TMF error body is kept for the caller to reason about. */
export class TmfCallError extends Error {
  readonly status: number;
  readonly body: Partial<TmfErrorBody> | undefined;

  constructor(method: string, url: string, status: number, body: Partial<TmfErrorBody> | undefined) {
    super(`${method} ${url} → ${status}${body?.reason ? ` ${body.reason}` : ''}${body?.message ? `: ${body.message}` : ''}`);
    this.status = status;
    this.body = body;
  }
}

export interface ListResult<T> {
  readonly items: T[];
  readonly total: number;
}

/** The headers of an answer, read by name (as fetch's Headers.get). */
export interface AnswerHeaders {
  get(name: string): string | null;
}

type Query = Record<string, string | number | undefined>;

/**
 * The typed client an actor uses to call one peer, through the wire URL it was given for that peer.
 * Every call carries the actor's credential for that peer.
 */
export class TmfClient {
  readonly baseUrl: string;
  #apiKey: string;
  readonly #timeoutMs: number;

  constructor(baseUrl: string, apiKey: string, timeoutMs = 10_000) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.#apiKey = apiKey;
    this.#timeoutMs = timeoutMs;
  }

  /** After onboarding, a partner calls with the credential it was issued. */
  useKey(apiKey: string): void {
    this.#apiKey = apiKey;
  }

  /** A collection's entities, typed by its schema (the wire has validated the answer against it). */
  async list<A extends ApiId, R extends ResourceName<A>>(api: A, resource: R, query: Query = {}): Promise<ListResult<Resource<A, R>>> {
    const { body, headers } = await this.request<Resource<A, R>[]>('GET', `${basePath(api)}/${resource}${toQueryString(query)}`);
    return { items: body, total: Number(headers.get('x-total-count') ?? body.length) };
  }

  /** A collection named at run time (a probe over every API, a check given `TMF620.productOffering`): plain entities. */
  async listNamed(api: ApiId, resource: string, query: Query = {}): Promise<ListResult<Entity>> {
    const { body, headers } = await this.request<Entity[]>('GET', `${basePath(api)}/${resource}${toQueryString(query)}`);
    return { items: body, total: Number(headers.get('x-total-count') ?? body.length) };
  }

  async get<A extends ApiId, R extends ResourceName<A>>(api: A, resource: R, id: string): Promise<Resource<A, R>> {
    return (await this.request<Resource<A, R>>('GET', `${basePath(api)}/${resource}/${encodeURIComponent(id)}`)).body;
  }

  async create<A extends ApiId, R extends ResourceName<A>>(api: A, resource: R, payload: CreateBody<A, R>): Promise<Resource<A, R>> {
    return (await this.request<Resource<A, R>>('POST', `${basePath(api)}/${resource}`, payload)).body;
  }

  async patch<A extends ApiId, R extends ResourceName<A>>(api: A, resource: R, id: string, patch: UpdateBody<A, R>): Promise<Resource<A, R>> {
    return (await this.request<Resource<A, R>>('PATCH', `${basePath(api)}/${resource}/${encodeURIComponent(id)}`, patch)).body;
  }

  /** Subscribes `callback` to the API's events (TMF hub); returns the subscription id. */
  async subscribe(api: ApiId, callback: string, query = ''): Promise<string> {
    return (await this.request<{ id: string }>('POST', `${basePath(api)}/hub`, { callback, query })).body.id;
  }

  /** A party's own, non-TMF API (control, inbox). */
  async post<T>(path: string, payload: object): Promise<T> {
    return (await this.request<T>('POST', path, payload)).body;
  }

  /** Many records in one call, as NDJSON (one JSON object a line): a party's batch extension. */
  async postLines<T>(path: string, records: readonly object[]): Promise<T> {
    const text = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
    return (await this.#send<T>('POST', path, { text, type: 'application/x-ndjson' })).body;
  }

  async request<T>(method: string, path: string, payload?: object): Promise<{ body: T; headers: AnswerHeaders; status: number }> {
    return this.#send<T>(method, path, payload ? { text: JSON.stringify(payload), type: 'application/json' } : undefined);
  }

  async #send<T>(method: string, path: string, content?: { text: string; type: string }): Promise<{ body: T; headers: AnswerHeaders; status: number }> {
    const answer = await httpCall(this.baseUrl + path, {
      method,
      headers: { authorization: `Bearer ${this.#apiKey}`, accept: 'application/json', ...(content ? { 'content-type': content.type } : {}) },
      body: content?.text,
      timeoutMs: this.#timeoutMs,
    });
    const body = answer.text ? JSON.parse(answer.text) : undefined;
    if (answer.status < 200 || answer.status > 299) throw new TmfCallError(method, path, answer.status, body);
    return { body: body as T, headers: { get: (name) => headerOf(answer.headers, name.toLowerCase()) ?? null }, status: answer.status };
  }
}

function toQueryString(query: Query): string {
  const entries = Object.entries(query).filter(([, v]) => v !== undefined) as [string, string | number][];
  if (entries.length === 0) return '';
  return `?${entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`;
}
