import { badRequest } from './errors.ts';
import { SCHEMAS, validate, validateEvent, validateFlow } from './schemas/index.ts';
import type { SchemaId, SchemaTypes } from './schemas/types.ts';
import type { ValidationIssue } from './schemas/validation-issue.ts';

/** "path: rule (message)" lines, the way every report shows a failed rule. */
export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.path || '/'} ${i.rule}: ${i.message}`).join('; ');
}

/**
 * Refuses a request body that does not follow its schema: 400 naming every failing path and rule. The
 * standard (what the official TMF files accept) applies to everyone; with `flowRules`, so do the flows'
 * own requirements (a recurring price's amount and period), refused apart as `FLOW_RULE`. Partners
 * are held to the flow rules; a tester holding the harness key only to the standard.
 *
 * This is the validated edge: past it, the body has its schema's type (`SchemaTypes`, read from the
 * schema as written). A tester's body judged by the standard alone may lack what only the flow rules
 * require; the domain's own rules (`DomainError`) still refuse what it cannot work with.
 */
export function validateBody<Id extends SchemaId>(schemaId: Id, body: unknown, flowRules?: boolean): asserts body is SchemaTypes[Id];
/** A schema named at run time (the router factory's resources): the body is checked, its type stays unknown. */
export function validateBody(schemaId: string, body: unknown, flowRules?: boolean): void;
export function validateBody(schemaId: string, body: unknown, flowRules = true): void {
  const issues = schemaId === 'Event' ? validateEvent(body, 'request') : validate(schemaId, body, 'request');
  if (issues.length > 0) {
    throw badRequest('Invalid body', `The body does not follow ${schemaId}: ${describeIssues(issues)}`, 'SCHEMA_VIOLATION');
  }
  if (!flowRules) return;
  const broken = schemaId === 'Event' ? validateEvent(body, 'request', 'flow') : validateFlow(schemaId, body, 'request');
  if (broken.length > 0) {
    throw badRequest('Flow rule not met', `The body follows ${schemaId} but not what the flows need of it: ${describeIssues(broken)}`, 'FLOW_RULE');
  }
}

/** Refuses (400) a merge patch whose result would not follow the entity's schema: the patch removed a required member. */
export function validatePatchedEntity(schemaId: string, entity: unknown): void {
  const issues = validate(schemaId, entity, 'request');
  if (issues.length > 0) {
    throw badRequest('Invalid patch', `The entity this patch would leave does not follow ${schemaId}: ${describeIssues(issues)}`, 'SCHEMA_VIOLATION');
  }
}

type SchemaNode = { $id?: string; properties?: Record<string, unknown>; allOf?: SchemaNode[]; $ref?: string };

/** Top-level attribute names an entity schema declares: what a list filter may name. */
export function knownAttributes(schemaId: string): ReadonlySet<string> {
  const byId = new Map((SCHEMAS as SchemaNode[]).map((s) => [s.$id, s]));
  const names = new Set<string>(['id', 'href', '@type', '@baseType', '@schemaLocation']);
  const visit = (node: SchemaNode | undefined, depth: number): void => {
    if (!node || depth > 5) return;
    for (const key of Object.keys(node.properties ?? {})) names.add(key);
    for (const part of node.allOf ?? []) visit(part.$ref ? byId.get(part.$ref) : part, depth + 1);
  };
  visit(byId.get(schemaId), 0);
  return names;
}
