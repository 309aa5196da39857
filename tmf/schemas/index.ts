/**
 * The schema registry: every JSON Schema of the project in one ajv instance, each compiled on its first use, and the
 * functions the wire and the routers validate bodies with. Schema ids are those of tmf/apis.ts
 * (`ProductOrder`, `ProductOrder_Create`, `ProductOrder_Update`, …) plus `Event`, `Hub`, `Hub_Create`,
 * `Error`, `InboxMessage`, `OnboardingResult` and the shared parts (`Money`, `RelatedParty`, …).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';
import type { ValidationIssue } from './validation-issue.ts';
import { ACCOUNT_SCHEMAS } from './account.ts';
import { BILL_SCHEMAS } from './bill.ts';
import { CATALOG_SCHEMAS } from './catalog.ts';
import { COMMON_SCHEMAS, type Schema } from './common.ts';
import { CUSTOMER_SCHEMAS } from './customer.ts';
import { ERROR_SCHEMAS } from './error.ts';
import { EVENT_SCHEMAS, eventSchemaFor } from './events.ts';
import { HUB_SCHEMAS } from './hub.ts';
import { INVENTORY_SCHEMAS } from './inventory.ts';
import { ORDERING_SCHEMAS } from './ordering.ts';
import { PARTY_API_SCHEMAS } from './party-api.ts';
import { PARTY_SCHEMAS } from './party.ts';
import { PAYMENT_SCHEMAS } from './payment.ts';
import { SETTLEMENT_SCHEMAS } from './settlement-note-advice.ts';
import { SLA_SCHEMAS } from './sla.ts';
import { SPLIT_BILLING_SCHEMAS } from './split-billing.ts';
import { FLOW_PREFIX, flowCopyOf, standardOf } from './standard.ts';
import { TROUBLE_TICKET_SCHEMAS } from './trouble-ticket.ts';
import { USAGE_SCHEMAS } from './usage.ts';
import { WHOLE_API_SCHEMAS } from './whole-apis.ts';
import { AJV_OPTIONS } from '../../core/ajv-options.ts';

export { eventSchemaFor, type EventTarget } from './events.ts';

/** Every schema of the project, each with its `$id`. */
export const SCHEMAS: readonly (Schema & { readonly $id: string })[] = [
  ...COMMON_SCHEMAS,
  ...SPLIT_BILLING_SCHEMAS,
  ...CATALOG_SCHEMAS,
  ...INVENTORY_SCHEMAS,
  ...ORDERING_SCHEMAS,
  ...CUSTOMER_SCHEMAS,
  ...PARTY_SCHEMAS,
  ...USAGE_SCHEMAS,
  ...ACCOUNT_SCHEMAS,
  ...BILL_SCHEMAS,
  ...TROUBLE_TICKET_SCHEMAS,
  ...SLA_SCHEMAS,
  ...PAYMENT_SCHEMAS,
  ...SETTLEMENT_SCHEMAS,
  ...EVENT_SCHEMAS,
  ...HUB_SCHEMAS,
  ...ERROR_SCHEMAS,
  ...PARTY_API_SCHEMAS,
  ...WHOLE_API_SCHEMAS,
];

const IDS: readonly string[] = SCHEMAS.map((s) => s.$id);

export function schemaIds(): string[] {
  return [...IDS];
}

export function hasSchema(schemaId: string): boolean {
  return IDS.includes(schemaId);
}

let registry: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();
const KNOWN: ReadonlySet<string> = new Set([...IDS, ...IDS.map((id) => FLOW_PREFIX + id)]);

/** One ajv instance holding every schema, the standard level and its flow copy; nothing compiled yet. */
function schemaRegistry(): Ajv {
  if (registry) return registry;
  // Not inlining refs compiles each shared part once: it halves the compile cost, validation speed is unchanged.
  const ajv = new Ajv({ ...AJV_OPTIONS, inlineRefs: false });
  formats.default(ajv);
  // The party APIs are the project's own: no official file to be held to, so their schema is their standard.
  const own = new Set<string>(PARTY_API_SCHEMAS.map((s) => s.$id));
  ajv.addSchema(SCHEMAS.map((s) => (own.has(s.$id) ? { ...s } : standardOf(s))));
  ajv.addSchema(SCHEMAS.map(flowCopyOf));
  registry = ajv;
  return ajv;
}

/**
 * A schema's validator, compiled on its first use. Compiling all of them costs about a second of CPU,
 * paid by every process that starts (a party alone, the harness, each test process) though most use a
 * few: a party pays only for the schemas of what it is asked. A dangling `$ref` is caught by the
 * schema test, which compiles every schema.
 */
function validatorOf(schemaId: string): ValidateFunction | undefined {
  const known = compiled.get(schemaId);
  if (known || !KNOWN.has(schemaId)) return known;
  const validate = schemaRegistry().getSchema(schemaId) as ValidateFunction;
  compiled.set(schemaId, validate);
  return validate;
}

/** ajv's message, completed with what it leaves in `params` (allowed values, the offending name). */
function messageOf(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'false schema':
      return 'must not be present';
    case 'enum':
      return `${e.message}: ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `${e.message}: ${String(p.allowedValue)}`;
    case 'additionalProperties':
      return `${e.message}: ${String(p.additionalProperty)}`;
    default:
      return e.message ?? e.keyword;
  }
}

/**
 * Validates a body against a registered schema, at the level of the official TMF files (what a
 * partner is judged by). `if` errors are dropped: ajv reports them next to the errors of the branch
 * that failed, which already say what is wrong.
 */
export function validate(schemaId: string, data: unknown, where: 'request' | 'response'): ValidationIssue[] {
  return check(schemaId, data, where);
}

/**
 * Validates a body against the flow rules of a schema: what the documented flows need beyond the
 * standard (a recurring price's amount and period, a bundle's members). Issues name `flow:<schema>`.
 */
export function validateFlow(schemaId: string, data: unknown, where: 'request' | 'response'): ValidationIssue[] {
  return check(FLOW_PREFIX + schemaId, data, where);
}

function check(schemaId: string, data: unknown, where: 'request' | 'response'): ValidationIssue[] {
  const check = validatorOf(schemaId);
  if (!check) throw new Error(`no schema ${schemaId} in tmf/schemas`);
  if (check(data)) return [];
  return (check.errors ?? [])
    .filter((e) => e.keyword !== 'if')
    .map((e) => ({ where, path: e.instancePath, rule: e.keyword, message: messageOf(e), schema: schemaId }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates a hub notification: its envelope, then the resource it carries against that resource's schema (standard level, or its flow rules). */
export function validateEvent(body: unknown, where: 'request' | 'response', level: 'standard' | 'flow' = 'standard'): ValidationIssue[] {
  const validateAt = level === 'flow' ? validateFlow : validate;
  const issues = validateAt('Event', body, where);
  if (!isObject(body) || typeof body.eventType !== 'string' || !isObject(body.event)) return issues;
  const target = eventSchemaFor(body.eventType);
  if (!target) return issues;
  const resource = body.event[target.resourceKey];
  if (resource === undefined) {
    return [
      ...issues,
      {
        where,
        path: '/event',
        rule: 'required',
        schema: 'Event',
        message: `must have required property '${target.resourceKey}'`,
      },
    ];
  }
  const prefix = `/event/${target.resourceKey}`;
  return [...issues, ...validateAt(target.schemaId, resource, where).map((i) => ({ ...i, path: prefix + i.path }))];
}
