import type { ErrorObject } from 'ajv';
import type { ApiId } from '../../tmf/apis.ts';
import type { Exchange, ValidationIssue, WireApi } from '../exchange.ts';
import type { OfficialSpecs } from './load.ts';
import { bodyChecks, type BodyCheck } from './pick-definitions.ts';

/** A divergence between a recorded payload and the official TM Forum specification file. */
export interface OfficialIssue extends ValidationIssue {
  /** The exchange's position on the wire. */
  readonly seq: number;
  readonly api: ApiId;
  /** File name of the official spec, e.g. `TMF622-ProductOrdering-v4.0.0.swagger.json`. */
  readonly spec: string;
  /** The official definition used, e.g. `ProductOrder_Create`, or `ProductOrder[]` for a list. */
  readonly definition: string;
}

/** The outcome of checking a trace against the official files. */
export interface OfficialCheckSummary {
  /** TMF calls and notifications of which at least one body was validated against an official definition. */
  readonly checked: number;
  /** TMF calls and notifications of which no body could be validated: API or definition absent, or no body. */
  readonly notCovered: number;
  readonly issues: OfficialIssue[];
}

/**
 * TMF calls and notifications between parties, and the harness's own calls on a party's TMF API (a
 * probe's answer is the party's payload as much as a peer's is). The control API, the inbox and the
 * harness's other traffic are no TM Forum payloads: the official files do not apply.
 */
const NOT_TMF: ReadonlySet<WireApi> = new Set(['control', 'inbox', 'listener', 'unknown']);
export const isTmfTraffic = (exchange: Exchange): boolean =>
  exchange.kind === 'call' || exchange.kind === 'notification' || (exchange.kind === 'harness' && !NOT_TMF.has(exchange.api));

function describe(error: ErrorObject): string {
  const message = error.message ?? error.keyword;
  if (error.keyword === 'enum') return `${message}: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return message;
}

function run(check: BodyCheck, exchange: Exchange): OfficialIssue[] {
  const { spec, definition, where, body } = check;
  const label = definition.list ? `${definition.name}[]` : definition.name;
  const issue = (path: string, rule: string, message: string): OfficialIssue => ({
    where,
    path,
    rule,
    message,
    schema: label,
    seq: exchange.seq,
    api: spec.api,
    spec: spec.file,
    definition: label,
  });
  const validate = spec.validators.get(definition.name);
  if (!validate) throw new Error(`${spec.file} has no definition ${definition.name}`);
  // A `fields=` projection leaves an entity's required attributes out on purpose (TMF630): at an answer's
  // entity root only, a missing one is no issue; the attributes it keeps are still checked.
  const projected = where === 'response' && new URLSearchParams(exchange.path.split('?')[1] ?? '').has('fields');
  // Likewise a merge patch carries only what it changes (TMF630, RFC 7396), though some `_Update`
  // definitions require attributes (TMF622's ProductOrder_Update its items): a PATCH of a state alone is standard.
  const patch = where === 'request' && exchange.method.toUpperCase() === 'PATCH';
  const counts = (e: ErrorObject) => !((projected || patch) && e.keyword === 'required' && e.instancePath === '');
  const validateAt = (value: unknown, prefix: string): OfficialIssue[] =>
    validate(value) ? [] : (validate.errors ?? []).filter(counts).map((e) => issue(prefix + e.instancePath, e.keyword, describe(e)));
  if (!definition.list) return validateAt(body, '');
  if (!Array.isArray(body)) return [issue('', 'type', 'must be array')];
  return body.flatMap((item, i) => validateAt(item, `/${i}`));
}

/** Validates the request and response bodies of one exchange against the official definitions. */
export function checkExchange(specs: OfficialSpecs, exchange: Exchange): OfficialIssue[] {
  if (!isTmfTraffic(exchange)) return [];
  return bodyChecks(specs, exchange).flatMap((check) => run(check, exchange));
}

/** Checks every exchange of a trace; counts only TMF calls and notifications. */
export function checkAll(specs: OfficialSpecs, exchanges: readonly Exchange[]): OfficialCheckSummary {
  let checked = 0;
  let notCovered = 0;
  const issues: OfficialIssue[] = [];
  for (const exchange of exchanges.filter(isTmfTraffic)) {
    const checks = bodyChecks(specs, exchange);
    if (checks.length === 0) notCovered++;
    else checked++;
    issues.push(...checks.flatMap((check) => run(check, exchange)));
  }
  return { checked, notCovered, issues };
}
