/**
 * The control contract: the non-TMF API with which the harness drives a party's business processes and
 * observes its internal steps. Each operation is declared once (method, path, who calls, body schema,
 * answer); a party's control router (control-router.ts) and the OpenAPI document it serves at
 * GET /control/openapi.json are both generated from its declarations. A partner that serves the
 * contract (and implements it) is run through the full flows by `cch conformance`, a partner that does
 * not gets provider-only checks.
 */
import { ACTOR_IDS, type ActorId } from '../../core/actor-ids.ts';
import { isRecord } from '../../core/plain-data.ts';
import { SCHEMAS } from '../../tmf/schemas/index.ts';
import { dateTime, str, text, type Schema } from '../../tmf/schemas/common.ts';

/** Where the contract is served, on every party. */
export const CONTROL_CONTRACT_PATH = '/control/openapi.json';

/**
 * Who may call an operation: only the harness (its own key), any authenticated caller, or the listed
 * parties (a flow step between parties; `harness` among them lets a tester stand in for the caller).
 */
export type ControlCaller = 'harness' | 'anyone' | { readonly parties: readonly string[]; readonly refusal: string };

/** One operation of the contract. */
export interface ControlOperation {
  readonly method: 'get' | 'put' | 'post';
  /** Path on the party, under `/control`, e.g. `/control/reset`. */
  readonly path: `/control/${string}`;
  readonly summary: string;
  readonly caller: ControlCaller;
  /** The FLOWS.md steps the operation starts or carries. */
  readonly steps?: readonly string[];
  /**
   * Request body: an inline JSON schema, or the id of one of the project's schemas (tmf/schemas, e.g.
   * `ConvergedOrderRequest`, judged with its flow rules). Checked before the handler runs; no body
   * counts as `{}`. Absent: the operation reads no body.
   */
  readonly body?: Schema | string;
  readonly response: {
    readonly status: number;
    readonly description: string;
    readonly schema?: Schema;
    /** Response headers the operation sends (lower case), each with what it says. */
    readonly headers?: Readonly<Record<string, string>>;
  };
}

/**
 * The header with which a party's journal says what its wall clock read as it answered (ISO 8601, with
 * milliseconds): the harness places the entries' `recordedAt` on its own clock with it, so that a
 * partner on another host, whose clock is off, is not judged out of order (harness/drive/journals.ts).
 */
export const WALL_CLOCK_HEADER = 'x-wall-clock';

/** Small schema builders for control bodies (with the project's own `str`, `text`, `dateTime`). */
export { dateTime, str, text };
export const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', properties, required });
export const decimal: Schema = { type: 'string', pattern: '^\\d+(\\.\\d+)?$' };
export const period: Schema = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' };
export const idList: Schema = { type: 'array', items: text };
export const partyId: Schema = { type: 'string', enum: ACTOR_IDS };
const urlMap: Schema = { type: 'object', propertyNames: partyId, additionalProperties: { type: 'string', pattern: '^https?://\\S+$' } };

/**
 * What the harness needs of every party for the full flows: reset between scenarios, one simulated
 * clock, wait for consequences (drain), see internal steps (journal), tell the party where its peers
 * are (peers), read its state for the Then steps, redeliver dead letters, and have it call a peer.
 */
export const COMMON_OPERATIONS = {
  contract: {
    method: 'get',
    path: CONTROL_CONTRACT_PATH,
    summary: 'This contract, as served by the party',
    caller: 'anyone',
    response: { status: 200, description: 'OpenAPI 3 document' },
  },
  reset: {
    method: 'post',
    path: '/control/reset',
    summary: 'Forget every business entity, back to the seed data',
    caller: 'harness',
    response: { status: 204, description: 'reset' },
  },
  clock: {
    method: 'put',
    path: '/control/clock',
    summary: 'Set the simulated clock',
    caller: 'harness',
    body: obj({ now: dateTime }, ['now']),
    response: { status: 200, description: 'the clock', schema: obj({ now: str }) },
  },
  drain: {
    method: 'post',
    path: '/control/drain',
    summary: 'Answer once no background work and no event delivery is pending',
    caller: 'harness',
    response: { status: 200, description: 'quiet', schema: obj({ pending: { type: 'integer' } }) },
  },
  journal: {
    method: 'get',
    path: '/control/journal',
    summary: 'Domain events of the internal steps, oldest first (type names: core/journal-events.ts)',
    caller: 'harness',
    response: {
      status: 200,
      description: 'journal',
      schema: {
        type: 'array',
        items: obj({ seq: { type: 'integer' }, actor: str, type: str, recordedAt: dateTime, data: { type: 'object' } }, ['seq', 'actor', 'type', 'recordedAt']),
      },
      headers: {
        [WALL_CLOCK_HEADER]:
          "The party's wall clock as it answered, the clock of recordedAt (ISO 8601 with milliseconds). Optional: without it the harness cannot tell how far the party's clock is off its own, and does not order the entries against its exchanges closer than a second.",
      },
    },
  },
  peers: {
    method: 'put',
    path: '/control/peers',
    summary: "Where the party calls each peer (the harness's wire URLs) and the URL each peer uses to reach it (hub callbacks)",
    caller: 'harness',
    body: obj({ peers: urlMap, callbacks: urlMap }),
    response: { status: 200, description: 'the peers now in use' },
  },
  peerCall: {
    method: 'post',
    path: '/control/peer-call',
    summary: 'Make one TMF call to a peer with your own credential for it, and report its answer (status and body, error or not)',
    caller: 'harness',
    body: obj({ peer: partyId, method: { type: 'string', enum: ['GET', 'POST', 'PATCH', 'DELETE'] }, path: { type: 'string', pattern: '^/' }, body: {} }, [
      'peer',
      'method',
      'path',
    ]),
    response: { status: 200, description: "the peer's answer", schema: obj({ status: { type: 'integer' }, body: {} }, ['status']) },
  },
  state: {
    method: 'get',
    path: '/control/state',
    summary: "The party's business state (resources by `<API>.<resource>`, credentials, event delivery and its dead letters, …) for the scenarios' questions",
    caller: 'harness',
    response: { status: 200, description: 'state', schema: obj({ actor: str, now: str, delivery: { type: 'object' }, data: { type: 'object' } }, ['data']) },
  },
  redeliver: {
    method: 'post',
    path: '/control/redeliver',
    summary: 'Deliver dead letters again (the listed event ids or effect keys; none: every dead letter)',
    caller: 'harness',
    body: obj({ ids: { type: 'array', items: { type: 'string' } } }),
    response: { status: 200, description: 'what was queued again' },
  },
} as const satisfies Record<string, ControlOperation>;

/** The contract of one party, from its operations, as an OpenAPI 3.1 document (its schemas are JSON Schema). */
export function controlContract(actor: ActorId, operations: readonly ControlOperation[]): object {
  const paths: Record<string, Record<string, object>> = {};
  const named = new Set<string>();
  for (const o of operations) {
    if (typeof o.body === 'string') named.add(o.body);
    paths[o.path] = { ...paths[o.path], [o.method]: operationObject(o) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `Connected-car harness control contract (${actor})`,
      version: '1.0.0',
      description: 'Bearer credential: the harness key, derived from CCH_SECRET and the party id (see tmf/auth.ts harnessKey). Errors are TMF error bodies.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { ...componentSchemas(named), TmfError: TMF_ERROR },
    },
    security: [{ bearer: [] }],
  };
}

const TMF_ERROR: Schema = obj({ code: str, reason: str, message: str, status: str }, ['code', 'reason']);

function operationObject(o: ControlOperation): object {
  const body = typeof o.body === 'string' ? componentRef(o.body) : o.body;
  const error = { description: 'TMF error body', content: { 'application/json': { schema: componentRef('TmfError') } } };
  return {
    summary: o.summary,
    operationId: `${o.method}${o.path.slice('/control'.length).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    'x-caller': typeof o.caller === 'string' ? o.caller : o.caller.parties,
    ...(o.steps ? { 'x-flow-steps': o.steps } : {}),
    ...(body ? { requestBody: { required: false, content: { 'application/json': { schema: body } } } } : {}),
    responses: {
      [String(o.response.status)]: {
        description: o.response.description,
        ...(o.response.schema ? { content: { 'application/json': { schema: o.response.schema } } } : {}),
        ...(o.response.headers
          ? { headers: Object.fromEntries(Object.entries(o.response.headers).map(([name, description]) => [name, { description, schema: str }])) }
          : {}),
      },
      ...(o.body ? { 400: error } : {}),
      ...(o.caller === 'anyone' ? {} : { 403: error }),
      default: error,
    },
  };
}

const componentRef = (id: string): Schema => ({ $ref: `#/components/schemas/${id}` });

/** The project schemas the operations name, with every schema they reference, as OpenAPI components. */
function componentSchemas(roots: ReadonlySet<string>): Record<string, Schema> {
  const byId = new Map(SCHEMAS.map((s) => [s.$id, s]));
  const out: Record<string, Schema> = {};
  const pending = [...roots];
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node)
      .filter(([key]) => key !== '$id')
      .map(([key, value]) => {
        if (key !== '$ref' || typeof value !== 'string' || value.startsWith('#')) return [key, rewrite(value)];
        pending.push(value);
        return [key, `#/components/schemas/${value}`];
      });
    return Object.fromEntries(entries);
  };
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (out[id] || !byId.has(id)) continue;
    out[id] = rewrite(byId.get(id)) as Schema;
  }
  return out;
}

/** The required operations a served contract lacks (empty: the partner supports the full flows). */
export function missingOperations(contract: unknown): string[] {
  const paths = isRecord(contract) && isRecord(contract.paths) ? contract.paths : {};
  const declares = (path: string, method: string) => {
    const operations = paths[path];
    return isRecord(operations) && operations[method] !== undefined;
  };
  return Object.values(COMMON_OPERATIONS)
    .filter((o) => o !== COMMON_OPERATIONS.redeliver && !declares(o.path, o.method))
    .map((o) => `${o.method.toUpperCase()} ${o.path}`);
}
