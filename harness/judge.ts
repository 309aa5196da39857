import { findResource, type ApiId } from '../tmf/apis.ts';
import { patchContent } from '../tmf/merge-patch.ts';
import { hasSchema, validate as validateStandard, validateEvent, validateFlow } from '../tmf/schemas/index.ts';
import type { Classification } from './classify.ts';
import type { ValidationIssue } from './exchange.ts';

/** The project's schemas for the non-TMF party APIs that flows use (control triggers between parties, inbox). */
const PARTY_API_SCHEMAS: Readonly<Record<string, string>> = {
  'POST inbox': 'InboxMessage',
  'POST onboarding-result': 'OnboardingResult',
  'POST portal-order': 'ConvergedOrderRequest',
  'POST channel-order': 'ConvergedOrderRequest',
  'POST activation-request': 'ActivationRequest',
  'POST support-request': 'SupportRequest',
  'POST service-selection': 'ServiceSelection',
};

/** The finding for an exchange no schema describes (e.g. a resource the API does not have). */
export const noSchema = (c: Classification): ValidationIssue => ({
  where: 'request',
  path: '',
  rule: 'no-schema',
  message: `no schema for this operation (${c.api} ${c.operation})`,
  schema: '',
});

/**
 * Validates both bodies of an exchange against the schema each should follow: create/update payloads,
 * entities, lists of entities, hub subscriptions, event envelopes with their resource, error bodies.
 */
/** What bodies are held to: the official TMF files' level (the wire's verdict), or the flows' own rules. */
export type JudgeLevel = 'standard' | 'flow';

export function judge(
  c: Classification,
  method: string,
  path: string,
  status: number,
  request: unknown,
  response: unknown,
  level: JudgeLevel = 'standard',
): ValidationIssue[] {
  // Total: whatever a party answers is recorded and passed on as it is; a judgement that fails is itself a finding.
  try {
    return judgeBodies(c, method, path, status, request, response, level);
  } catch (error) {
    return [{ where: 'response', path: '', rule: 'unjudged', message: `the exchange could not be judged: ${(error as Error).message}`, schema: '' }];
  }
}

function judgeBodies(
  c: Classification,
  method: string,
  path: string,
  status: number,
  request: unknown,
  response: unknown,
  level: JudgeLevel,
): ValidationIssue[] {
  const validate = level === 'flow' ? validateFlow : validateStandard;
  // A `fields=` projection leaves required attributes out on purpose (TMF630): at an entity's root a
  // missing one is no issue; what the projection keeps is still held to the entity schema.
  const projected = new URLSearchParams(path.split('?')[1] ?? '').has('fields');
  const issues: ValidationIssue[] = [];
  const check = (schemaId: string | undefined, body: unknown, where: 'request' | 'response') => {
    if (schemaId && hasSchema(schemaId)) issues.push(...validate(schemaId, body, where));
  };
  if (status >= 400) check('Error', response, 'response');
  if (c.kind === 'notification' || (c.kind === 'harness' && c.eventType)) {
    issues.push(...validateEvent(request, 'request', level));
    return issues;
  }
  if (c.api === 'control' || c.api === 'inbox') {
    if (method !== 'GET') check(PARTY_API_SCHEMAS[c.operation], request, 'request');
    return issues;
  }
  if (c.hub) {
    if (method === 'POST') check('Hub_Create', request, 'request');
    if (status < 400 && method === 'POST') check('Hub', response, 'response');
    return issues;
  }
  if (!c.resource || c.api === 'listener' || c.api === 'unknown') return issues;
  const def = findResource(c.api as ApiId, c.resource);
  // A path the harness has no schema for is still recorded as the party answered it: a finding, not a failure of the wire.
  if (!def) return [...issues, noSchema(c)];
  if (method === 'POST' || method === 'PUT') check(def.createSchema, request, 'request');
  // A merge patch's removals below the top level are no values to judge (RFC 7396; see patchContent).
  if (method === 'PATCH') check(def.updateSchema, patchContent(request, true), 'request');
  if (status >= 400 || method === 'DELETE') return issues;
  const entityIssues = (entity: unknown) =>
    (hasSchema(def.schema) ? validate(def.schema, entity, 'response') : []).filter((issue) => !(projected && issue.rule === 'required' && issue.path === ''));
  if (method === 'GET' && !c.byId) {
    if (!Array.isArray(response)) issues.push({ where: 'response', path: '', rule: 'type', message: 'a list must be a JSON array', schema: def.schema });
    else issues.push(...response.flatMap((item, i) => entityIssues(item).map((issue) => ({ ...issue, path: `/${i}${issue.path}` }))));
    return issues;
  }
  issues.push(...entityIssues(response));
  return issues;
}
