/**
 * The control contract: the non-TMF API with which the harness drives a party's business processes and
 * observes its internal steps. Every simulated actor serves it at GET /control/openapi.json; a partner
 * that serves it (and implements it) is run through the full flows by `cch conformance`, a partner that
 * does not gets provider-only checks.
 */
import type { ActorId } from '../../core/actor-ids.ts';
import { PARTY_API } from '../../core/party-api.ts';

/** Where the contract is served, on every party. */
export const CONTROL_CONTRACT_PATH = '/control/openapi.json';

/** One operation of the contract. `actors` absent: every party has it. */
export interface ControlOperation {
  readonly method: 'get' | 'put' | 'post';
  /** Path on the party, e.g. `/control/reset`. */
  readonly path: string;
  readonly summary: string;
  /** Who may call it: only the harness (its own key), or the party's peers (a flow step). */
  readonly caller: 'harness' | 'peer';
  readonly actors?: readonly ActorId[];
  /** The FLOWS.md steps the operation starts or carries. */
  readonly steps?: readonly string[];
  /** Request body: a JSON schema, inline or a `$ref` to the project's schema names. */
  readonly body?: object;
  readonly response: { readonly status: number; readonly description: string; readonly schema?: object };
}

const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', properties, required });
const str = { type: 'string' };
const urlMap = { type: 'object', additionalProperties: { type: 'string', format: 'uri' } };

/**
 * What the harness needs of every party for the full flows: reset between scenarios, one simulated
 * clock, wait for consequences (drain), see internal steps (journal), tell the party where its peers
 * are (peers) and read its state for the Then steps.
 */
export const COMMON_OPERATIONS: readonly ControlOperation[] = [
  { method: 'get', path: CONTROL_CONTRACT_PATH, summary: 'This contract, as served by the party', caller: 'harness', response: { status: 200, description: 'OpenAPI 3 document' } },
  { method: 'post', path: '/control/reset', summary: 'Forget every business entity, back to the seed data', caller: 'harness', response: { status: 204, description: 'reset' } },
  { method: 'put', path: '/control/clock', summary: 'Set the simulated clock', caller: 'harness', body: obj({ now: { type: 'string', format: 'date-time' } }, ['now']), response: { status: 200, description: 'the clock', schema: obj({ now: str }) } },
  { method: 'post', path: '/control/drain', summary: 'Answer once no background work and no event delivery is pending', caller: 'harness', response: { status: 200, description: 'quiet', schema: obj({ pending: { type: 'integer' } }) } },
  { method: 'get', path: '/control/journal', summary: 'Domain events of the internal steps, oldest first (type names: harness/flows/journal-events.ts)', caller: 'harness', response: { status: 200, description: 'journal', schema: { type: 'array', items: obj({ seq: { type: 'integer' }, actor: str, type: str, recordedAt: { type: 'string', format: 'date-time' }, data: { type: 'object' } }, ['seq', 'actor', 'type', 'recordedAt']) } } },
  { method: 'put', path: '/control/peers', summary: "Where the party calls each peer (the harness's wire URLs) and the URL each peer uses to reach it (hub callbacks)", caller: 'harness', body: obj({ peers: urlMap, callbacks: urlMap }), response: { status: 200, description: 'the peers now in use' } },
  { method: 'post', path: '/control/peer-call', summary: 'Make one TMF call to a peer with your own credential for it, and report its answer (status and body, error or not)', caller: 'harness', body: obj({ peer: str, method: { type: 'string', enum: ['GET', 'POST', 'PATCH', 'DELETE'] }, path: str, body: { type: 'object' } }, ['peer', 'method', 'path']), response: { status: 200, description: "the peer's answer", schema: obj({ status: { type: 'integer' }, body: {} }, ['status']) } },
  { method: 'get', path: '/control/state', summary: "The party's business state (resources by `<API>.<resource>`, credentials, …) for the scenarios' questions", caller: 'harness', response: { status: 200, description: 'state', schema: obj({ actor: str, now: str, data: { type: 'object' } }, ['data']) } },
];

/**
 * Business triggers and party APIs, by figure. A figure adds its own here: the harness starts a step
 * with a `harness` trigger; a `peer` operation is itself a documented step between parties.
 */
export const BUSINESS_OPERATIONS: readonly ControlOperation[] = [
  { method: 'post', path: '/control/partner-order', summary: 'Order the partner offers from the CSP', caller: 'harness', actors: ['car-manufacturer'], steps: ['7.1'], body: obj({ productOfferingIds: { type: 'array', items: str } }), response: { status: 201, description: 'the ProductOrder placed at the CSP' } },
  { method: 'post', path: '/control/build-catalog', summary: "Build the OEM's service catalog from the CSP's infotainment connectivity offers", caller: 'harness', actors: ['car-manufacturer'], steps: ['7.5', '7.6'], response: { status: 201, description: 'the ProductOfferings built' } },
  { method: 'post', path: PARTY_API.onboardingResult, summary: 'Portal credentials and API bundle of the partner (from the CSP)', caller: 'peer', actors: ['car-manufacturer'], steps: ['7.3'], body: { $ref: '#/components/schemas/OnboardingResult' }, response: { status: 202, description: 'accepted' } },
  { method: 'post', path: '/control/billing-run', summary: 'End of a billing period: rate, bill and notify', caller: 'harness', actors: ['csp'], steps: ['7.7', '7.8'], body: obj({ period: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } }), response: { status: 201, description: 'the bills produced', schema: obj({ bills: { type: 'array' } }) } },  // Fleet load (`cch fleet`): the cars' side sends a fleet's month as usage batches to the CSP's extension.
  { method: 'post', path: PARTY_API.usageBatch, summary: 'Usage records in bulk (NDJSON, one TMF635 Usage create body a line), mediated like the one-record create; answers accepted, duplicates and refusals by line', caller: 'peer', actors: ['csp'], steps: ['8.9', '8.10'], response: { status: 200, description: 'what became of each line', schema: obj({ lines: { type: 'integer' }, accepted: { type: 'integer' }, duplicates: { type: 'integer' }, rejected: { type: 'integer' }, duplicateLines: { type: 'array' }, rejections: { type: 'array' } }, ['lines', 'accepted', 'duplicates', 'rejected']) } },
  { method: 'post', path: '/control/fleet-drive', summary: "A month of each car's usage, sent to the CSP as one usage batch", caller: 'harness', actors: ['driver'], steps: ['8.9'], body: obj({ period: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, cars: { type: 'array', items: obj({ vehicleId: str, subscription: str, seed: { type: 'integer' }, infotainmentMB: { type: 'number' }, telematicsMB: { type: 'number' }, sessions: obj({ infotainment: { type: 'integer' }, telematics: { type: 'integer' } }) }) } }, ['period', 'cars']), response: { status: 201, description: 'the record ids sent and the CSP\'s answer', schema: obj({ recordIds: { type: 'array', items: str }, batch: { type: 'object' } }) } },
];

/** The contract of one party: the common operations and its own business operations, as OpenAPI 3.0. */
export function controlContract(actor: ActorId): object {
  const operations = [...COMMON_OPERATIONS, ...BUSINESS_OPERATIONS.filter((o) => o.actors?.includes(actor))];
  const paths: Record<string, Record<string, object>> = {};
  for (const o of operations) {
    paths[o.path] = { ...paths[o.path], [o.method]: operationObject(o) };
  }
  return {
    openapi: '3.0.3',
    info: { title: `Connected-car harness control contract (${actor})`, version: '1.0.0', description: 'Bearer credential: the harness key, derived from CCH_SECRET and the party id (see tmf/auth.ts harnessKey). Errors are TMF error bodies.' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { OnboardingResult: obj({ clientId: str, apiKey: str, bundle: str, portalUrl: { type: 'string', format: 'uri' } }, ['clientId', 'apiKey', 'bundle']) },
    },
    security: [{ bearer: [] }],
  };
}

function operationObject(o: ControlOperation): object {
  return {
    summary: o.summary,
    'x-caller': o.caller,
    ...(o.steps ? { 'x-flow-steps': o.steps } : {}),
    ...(o.body ? { requestBody: { required: true, content: { 'application/json': { schema: o.body } } } } : {}),
    responses: {
      [String(o.response.status)]: { description: o.response.description, ...(o.response.schema ? { content: { 'application/json': { schema: o.response.schema } } } : {}) },
      default: { description: 'TMF error body' },
    },
  };
}

/** The required operations a served contract lacks (empty: the partner supports the full flows). */
export function missingOperations(contract: unknown): string[] {
  const paths = (contract as { paths?: Record<string, Record<string, unknown>> } | undefined)?.paths ?? {};
  return COMMON_OPERATIONS.filter((o) => !paths[o.path]?.[o.method]).map((o) => `${o.method.toUpperCase()} ${o.path}`);
}
