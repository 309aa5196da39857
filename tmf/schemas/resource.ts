import { APIS, type ResourceDef } from '../apis.ts';
import { polymorphic, text, type Schema } from './common.ts';
import { STANDARD_REQUIRED } from './standard.ts';

/** How an API file describes one resource; `resourceSchemas` turns it into the registry's schemas. */
export interface ResourceModel {
  /** The entity's `@type`, as in tmf/apis.ts. */
  readonly type: string;
  /** The entity's schema id where it differs from the type (two APIs sharing a `@type`). */
  readonly schema?: string;
  /** Every attribute except `id`, `href` and the `@` polymorphism ones, which are added here. */
  readonly properties: Readonly<Record<string, Schema>>;
  /** Required in the POST body (the TMF `_Create` required list, or ours where TMF has no POST). */
  readonly createRequired?: readonly string[];
  /** Required on the entity as served, besides `id`, `href` and `@type`. */
  readonly entityRequired?: readonly string[];
  /** Cross-field rules on the entity and the create body (e.g. `if isBundle then bundledProductOffering`). */
  readonly rules?: readonly Schema[];
  /** Cross-field rules that a merge-patch body must also obey on its own. */
  readonly updateRules?: readonly Schema[];
  /** TMF623 v2 and Billing Management v2 serve integer ids; accept them next to our string ids. */
  readonly integerIds?: boolean;
  /**
   * What the official file requires where the project requires more: on the entity (default: nothing,
   * as most official entity definitions) and on the create body (default: `createRequired`).
   */
  readonly officialRequired?: { readonly entity?: readonly string[]; readonly create?: readonly string[] };
}

function defOf(schema: string): ResourceDef {
  for (const a of APIS) {
    const found = a.resources.find((res) => res.schema === schema);
    if (found) return found;
  }
  throw new Error(`no resource with schema ${schema} in tmf/apis.ts`);
}

/**
 * `@type` names the entity unless a subclass says so through `@baseType`: an entity served with the
 * `@type` of another resource is a copy-paste bug the wire should show.
 */
function typeRule(type: string): Schema {
  return {
    if: { not: { required: ['@baseType'] } },
    then: { properties: { '@type': { const: type } } },
  };
}

/** A merge patch may set an optional attribute to null to remove it (RFC 7396). */
function nullable(schema: Schema): Schema {
  return { if: { type: 'null' }, else: schema };
}

function entitySchema(id: string, m: ResourceModel): Schema {
  const idSchema: Schema = m.integerIds ? { type: ['string', 'integer'], minLength: 1 } : text;
  return {
    $id: id,
    type: 'object',
    required: ['id', 'href', '@type', ...(m.entityRequired ?? [])],
    [STANDARD_REQUIRED]: m.officialRequired?.entity ?? [],
    properties: { id: idSchema, href: text, ...m.properties, ...polymorphic },
    allOf: [typeRule(m.type), ...(m.rules ?? [])],
  };
}

function createSchema(id: string, m: ResourceModel): Schema {
  return {
    $id: id,
    type: 'object',
    required: m.createRequired ?? [],
    [STANDARD_REQUIRED]: m.officialRequired?.create ?? m.createRequired ?? [],
    properties: { ...m.properties, ...polymorphic },
    allOf: [typeRule(m.type), ...(m.rules ?? [])],
  };
}

/** The PATCH body: nothing required, `id` and `href` may not be changed, optional attributes may be nulled. */
function updateSchema(id: string, m: ResourceModel): Schema {
  const keep = new Set(m.entityRequired ?? []);
  const properties: Record<string, Schema | boolean> = { id: false, href: false };
  for (const [name, schema] of Object.entries(m.properties)) properties[name] = keep.has(name) ? schema : nullable(schema);
  for (const [name, schema] of Object.entries(polymorphic)) properties[name] = name === '@type' ? schema : nullable(schema);
  return { $id: id, type: 'object', properties, allOf: [typeRule(m.type), ...(m.updateRules ?? [])] };
}

/** The entity, create and update schemas of a resource, with the ids tmf/apis.ts gives them. */
export function resourceSchemas(m: ResourceModel): Schema[] {
  const def = defOf(m.schema ?? m.type);
  const out = [entitySchema(def.schema, m)];
  if (def.createSchema) out.push(createSchema(def.createSchema, m));
  if (def.updateSchema) out.push(updateSchema(def.updateSchema, m));
  return out;
}
