import { findResource, type ApiId } from '../../tmf/apis.ts';
import { SCHEMAS, validate } from '../../tmf/schemas/index.ts';
import type { Schema } from '../../tmf/schemas/common.ts';
import { STANDARD_REQUIRED } from '../../tmf/schemas/standard.ts';

type Item = Record<string, unknown>;

/** How many entities a collection needs before its paging, windows and filters can be told apart. */
export const PROBE_ENTITIES = 3;

/** The attribute the probes mark their own entities with: one value per entity, so a filter picks one. */
export const markerOf = (api: ApiId, resource: string): string | undefined => {
  const properties = createProperties(api, resource);
  return ['description', 'name', 'givenName'].find((name) => (properties[name] as Schema | undefined)?.type === 'string');
};

export const markerValue = (index: number) => `conformance probe ${index + 1}`;
export const isMarker = (value: unknown): boolean => typeof value === 'string' && /^conformance probe \d+$/.test(value);

/** What the provider sets itself on a create: a copy of a served entity leaves them out. */
const SERVER_SET = new Set(['id', 'href', 'lastUpdate']);

/**
 * The body of the probes' `index`th create in a collection: a copy of an entity the flows left there
 * (their data, so the provider's business accepts it) over the smallest instance of the create schema at
 * the standard level (what the official file requires, alone in an empty collection). Marked with
 * its own value and checked against the create schema before it is sent; `why` says when none fits.
 */
export function probeEntityBody(api: ApiId, resource: string, template: Item | undefined, index: number): { body: Item } | { why: string } {
  const def = findResource(api, resource);
  if (!def?.createSchema) return { why: `${resource} has no create schema` };
  // What the standard requires comes first, so a served entity that lacks it is completed.
  const base = { ...minimal(def.createSchema), ...(template ? Object.fromEntries(Object.entries(template).filter(([k]) => !SERVER_SET.has(k))) : {}) };
  const marker = markerOf(api, resource);
  const body = marker ? { ...base, [marker]: markerValue(index) } : base;
  const issues = validate(def.createSchema, body, 'request');
  if (issues.length > 0)
    return { why: `no create body valid per ${def.createSchema} could be built (${issues.map((i) => `${i.path || '/'} ${i.message}`).join('; ')})` };
  return { body };
}

function createProperties(api: ApiId, resource: string): Record<string, unknown> {
  const id = findResource(api, resource)?.createSchema;
  return ((id && byId(id)?.properties) ?? {}) as Record<string, unknown>;
}

const byId = (id: string): Schema | undefined => SCHEMAS.find((s) => s.$id === id);

/** The smallest instance of a schema of the registry: what is required, each the simplest value of its type. */
function minimal(id: string): Item {
  const of = (node: Schema, depth: number): unknown => {
    if (typeof node.$ref === 'string') return of(byId(node.$ref) ?? {}, depth);
    if (Array.isArray(node.enum)) return node.enum[0];
    const type = Array.isArray(node.type) ? node.type[0] : node.type;
    if (type === 'array' || node.items) return depth > 4 ? [] : [of((node.items ?? {}) as Schema, depth + 1)];
    if (type === 'object' || node.properties) {
      const properties = (node.properties ?? {}) as Record<string, Schema>;
      // What the standard requires and what the project's flows require (more is still valid per the standard).
      const keys = new Set([...((node[STANDARD_REQUIRED] ?? []) as string[]), ...((node.required ?? []) as string[])]);
      if (depth === 0 && properties.name?.type === 'string') keys.add('name');
      // A reference names what it refers to: some official files require its `name` and `@referredType` where ours do not.
      for (const key of ['name', '@referredType']) if (keys.has('id') && properties[key]) keys.add(key);
      return Object.fromEntries([...keys].map((key) => [key, of(properties[key] ?? {}, depth + 1)]));
    }
    if (Array.isArray(node.allOf)) return Object.assign({}, ...node.allOf.map((part: Schema) => of(part, depth)).filter((v) => typeof v === 'object'));
    if (type === 'integer' || type === 'number') return 1;
    if (type === 'boolean') return true;
    return node.format === 'date-time' ? '2026-01-01T00:00:00.000Z' : 'conformance';
  };
  return of({ $ref: id }, 0) as Item;
}
