import { APIS, type ResourceDef } from '../apis.ts';
import { polymorphic, text, type Schema } from './common.ts';
import type { Typed } from './schema.ts';
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
   * as most official entity definitions; a few require some, e.g. TMF622's ProductOrder its items) and
   * on the create body (default: `createRequired`). A property test generates official instances with
   * each of these left out, and instances with nothing but them.
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

type IdOf<M extends ResourceModel> = M extends { readonly schema: infer S extends string } ? S : M['type'];

/** The three schemas of a resource, each carrying the model it was made from: `Static` (types.ts) types them by it. */
export type ResourceSchemas<M extends ResourceModel, Id extends string = IdOf<M>> = readonly [
  Typed<{ readonly entity: M }> & { readonly $id: Id },
  Typed<{ readonly create: M }> & { readonly $id: `${Id}_Create` },
  Typed<{ readonly update: M }> & { readonly $id: `${Id}_Update` },
];

/** The entity, create and update schemas of a resource, with the ids tmf/apis.ts gives them. */
export function resourceSchemas<const M extends ResourceModel>(m: M): ResourceSchemas<M> {
  const def = defOf(m.schema ?? m.type);
  if (!def.createSchema || !def.updateSchema) throw new Error(`${def.schema} needs create and update schemas in tmf/apis.ts`);
  const schemas = [entitySchema(def.schema, m), createSchema(def.createSchema, m), updateSchema(def.updateSchema, m)];
  // The one place a phantom type is attached to schema objects: the model they are built from, nothing else.
  return schemas as unknown as ResourceSchemas<M>;
}
