import { APIS, api as apiDef, basePath, parseTmfPath, type ApiId } from '../../tmf/apis.ts';
import { patchContent } from '../../tmf/merge-patch.ts';
import type { Exchange } from '../exchange.ts';
import type { OfficialSpec, SwaggerSchemaRef } from './official-spec.ts';
import type { OfficialSpecs } from './load.ts';

/** A definition of an official file: by name, either the body itself or an array of it (GET list). */
export interface DefinitionRef {
  readonly name: string;
  readonly list: boolean;
}

/** One body of an exchange and the official definition it must satisfy. */
export interface BodyCheck {
  readonly where: 'request' | 'response';
  readonly body: unknown;
  readonly spec: OfficialSpec;
  readonly definition: DefinitionRef;
}

/** What an exchange addresses, in the terms the official files are organised by. */
type Target =
  | { readonly kind: 'notification'; readonly api: ApiId; readonly eventName: string }
  | { readonly kind: 'hub'; readonly api: ApiId; readonly item: boolean }
  | { readonly kind: 'resource'; readonly api: ApiId; readonly resource: string; readonly item: boolean };

type Wanted = { readonly request?: DefinitionRef; readonly response?: DefinitionRef };

const isApiId = (value: string): value is ApiId => APIS.some((a) => a.id === value);
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const one = (name: string): DefinitionRef => ({ name, list: false });

/** The path without its query string. */
const pathOnly = (path: string): string => path.split('?')[0];

/**
 * The API a notification belongs to: the wire's classification when it names a TMF API, otherwise the
 * one loaded file that defines the event (event names are unique across the harness's APIs).
 */
function notificationApi(specs: OfficialSpecs, exchange: Exchange, eventDefinition: string): ApiId | undefined {
  if (isApiId(exchange.api)) return exchange.api;
  const holders = [...specs.byApi.values()].filter((s) => s.validators.has(eventDefinition));
  return holders.length === 1 ? holders[0].api : undefined;
}

function targetOf(specs: OfficialSpecs, exchange: Exchange): Target | undefined {
  const listener = /\/listener\/([^/?]+)/.exec(exchange.path);
  if (listener) {
    const eventName = decodeURIComponent(listener[1]);
    const api = notificationApi(specs, exchange, capitalize(eventName));
    return api && { kind: 'notification', api, eventName };
  }
  const info = parseTmfPath(exchange.path);
  if (!info) return undefined;
  if (info.hub) return { kind: 'hub', api: info.api, item: info.id !== undefined };
  if (!info.resource) return undefined;
  return { kind: 'resource', api: info.api, resource: info.resource, item: info.id !== undefined };
}

const succeeded = (status: number): boolean => status >= 200 && status < 300;

/** The definitions the harness's conventions name for each body (see the module's rules). */
function conventionalDefinitions(target: Target, method: string, status: number): Wanted {
  const error = status >= 400 ? one('Error') : undefined;
  if (target.kind === 'notification') return { request: one(capitalize(target.eventName)) };
  if (target.kind === 'hub') {
    if (method !== 'POST' || target.item) return { response: error };
    return { request: one('EventSubscriptionInput'), response: error ?? (succeeded(status) ? one('EventSubscription') : undefined) };
  }
  const type = apiDef(target.api).resources.find((r) => r.name === target.resource)?.type;
  if (!type) return { response: error };
  const entity = succeeded(status) ? one(type) : undefined;
  if (method === 'POST' && !target.item) return { request: one(`${type}_Create`), response: error ?? entity };
  if (method === 'PATCH' && target.item) return { request: one(`${type}_Update`), response: error ?? entity };
  if (method === 'GET') {
    const list = succeeded(status) ? { name: type, list: true } : undefined;
    return { response: error ?? (target.item ? entity : list) };
  }
  return { response: error };
}

/** `#/definitions/X` or an array of it, as an operation of the official file declares a body. */
function declaredRef(schema: SwaggerSchemaRef | undefined): DefinitionRef | undefined {
  const nameOf = (ref: string | undefined) => ref && /^#\/definitions\/(.+)$/.exec(ref)?.[1];
  const single = nameOf(schema?.$ref);
  if (single) return one(decodeURIComponent(single));
  const item = schema?.type === 'array' ? nameOf(schema.items?.$ref) : undefined;
  return item ? { name: decodeURIComponent(item), list: true } : undefined;
}

/** The path of an exchange relative to the API's base path, as the official `paths` keys are written. */
function relativePath(target: Target, path: string): string {
  const p = pathOnly(path);
  if (target.kind === 'notification') return p.slice(p.indexOf('/listener/'));
  return p.slice(basePath(target.api).length);
}

/**
 * The definitions the official file's own operation declares for this method, path and status. Used
 * where the conventional name is absent, as in the v2 files, whose operations take the entity itself.
 */
function declaredDefinitions(spec: OfficialSpec, target: Target, exchange: Exchange): Wanted {
  const relative = relativePath(target, exchange.path);
  const key = Object.keys(spec.document.paths).find((template) => {
    const pattern = template.split('/').map((seg) => (/^\{.+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&')));
    return new RegExp(`^${pattern.join('/')}/?$`).test(relative);
  });
  const operation = key ? spec.document.paths[key][exchange.method.toLowerCase()] : undefined;
  if (!operation) return {};
  const body = operation.parameters?.find((p) => p.in === 'body');
  const response = operation.responses?.[String(exchange.status)];
  return { request: declaredRef(body?.schema), response: declaredRef(response?.schema) };
}

/** The first candidate the official file actually defines. */
function defined(spec: OfficialSpec, ...candidates: (DefinitionRef | undefined)[]): DefinitionRef | undefined {
  return candidates.find((c): c is DefinitionRef => c !== undefined && spec.validators.has(c.name));
}

/** A body worth validating: absent, null and empty bodies carry no payload. */
const present = (body: unknown): boolean => body !== undefined && body !== null && body !== '';

/**
 * The bodies of an exchange the official files can speak to, each with its definition.
 *
 * Rules: POST on a collection → `<Type>_Create` / `<Type>`; PATCH → `<Type>_Update` / `<Type>`;
 * GET by id → `<Type>`; GET list → array of `<Type>`; status ≥ 400 → `Error`; hub POST →
 * `EventSubscriptionInput` / `EventSubscription`; `/listener/<eventName>` → `<EventName>` (request
 * only). `<Type>` is the resource's `@type` in tmf/apis.ts. When the file lacks the named definition,
 * the one its own operation declares for the method, path and status is used; when it has neither, the
 * body is not checked.
 */
export function bodyChecks(specs: OfficialSpecs, exchange: Exchange): BodyCheck[] {
  const target = targetOf(specs, exchange);
  const spec = target && specs.byApi.get(target.api);
  if (!target || !spec) return [];
  const conventional = conventionalDefinitions(target, exchange.method.toUpperCase(), exchange.status);
  const declared = declaredDefinitions(spec, target, exchange);
  const checks: BodyCheck[] = [];
  const request = defined(spec, conventional.request, declared.request);
  // A merge patch's removals (null members, RFC 7396) are no values of the attributes' types.
  const requestBody = exchange.method.toUpperCase() === 'PATCH' ? patchContent(exchange.request.body, false) : exchange.request.body;
  if (request && present(requestBody)) checks.push({ where: 'request', body: requestBody, spec, definition: request });
  // A notification's response is the listener's acknowledgement, which the harness's conventions do not name.
  const response = target.kind === 'notification' ? undefined : defined(spec, conventional.response, declared.response);
  if (response && !exchange.failure && present(exchange.response.body))
    checks.push({ where: 'response', body: exchange.response.body, spec, definition: response });
  return checks;
}
