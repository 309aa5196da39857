/**
 * One set of schemas, two judgements. The project's schemas say what the flows need (a recurring price
 * has its amount and period, a bundle has members, amounts carry an ISO currency): those are flow rules,
 * applied to partners and reported as such. What every party is held to as the standard is the same
 * schema loosened to what the official TMF files require: the types, enums and attribute names stay,
 * the project's extra requirements go. Both are derived here from the one source, so they cannot drift.
 */
import type { Schema } from './schema.ts';

/** Prefix of the flow-rule copy of a schema: `flow:ProductOfferingPrice_Create`. */
export const FLOW_PREFIX = 'flow:';

/**
 * What the official definition requires (`x-standard-required`). Without it a schema requires nothing
 * at the standard level: the official files require little beyond references' `id` and create bodies'
 * names, and a schema that requires what the standard does not would fail a conformant partner.
 */
export const STANDARD_REQUIRED = 'x-standard-required';

/**
 * Constraints the official files do not state, or state differently: lengths, patterns, bounds, minimum
 * counts, and enums (the project's value lists are the guides' spellings; official enums differ, e.g.
 * TMF637's `aborted ` with its trailing space). Flow rules keep them.
 */
const PROJECT_ONLY_KEYWORDS = new Set(['minLength', 'pattern', 'minimum', 'maximum', 'minItems', 'enum']);

/** Formats the official files type the same way; `uri` and `email` attributes are plain strings in some of them. */
const STANDARD_FORMATS = new Set(['date-time']);

/** `if … then …`: a cross-field rule (bundle ⇒ members), stated by TMF only in prose, if at all. */
const isRule = (node: Record<string, unknown>): boolean => 'if' in node && 'then' in node;

/** `anyOf: [{required: [a]}, {required: [b]}]`: one of several attributes required. */
const isRequiredChoice = (value: unknown): boolean =>
  Array.isArray(value) && value.every((branch) => typeof branch === 'object' && branch !== null && Object.keys(branch).every((k) => k === 'required'));

function loosen(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(loosen);
  if (typeof node !== 'object' || node === null) return node;
  const source = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const rule = isRule(source);
  for (const [key, value] of Object.entries(source)) {
    if (PROJECT_ONLY_KEYWORDS.has(key) || key === STANDARD_REQUIRED) continue;
    if (rule && (key === 'if' || key === 'then' || key === 'else')) continue;
    if (key === 'anyOf' && isRequiredChoice(value)) continue;
    if (key === 'required' || (key === 'format' && !STANDARD_FORMATS.has(String(value)))) continue;
    if (key === 'properties') {
      // An attribute the project refuses outright (a merge patch's `id`, the v5 `timeOccurred`) is one the
      // official files let through: the standard accepts it, the flow rule refuses it.
      out.properties = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, child]) => [name, child === false ? true : loosen(child)]),
      );
      continue;
    }
    out[key] = key === '$id' || key === '$ref' ? value : loosen(value);
  }
  const required = source[STANDARD_REQUIRED] as readonly string[] | undefined;
  if (required && required.length > 0) out.required = required;
  return out;
}

/** The standard-level schema: what the official files accept, under the same `$id`. */
export function standardOf(schema: Schema): Schema {
  return loosen(schema) as Schema;
}

/** The flow-rule copy: the project's schema as written, under `flow:<id>`, its references to the flow copies. */
export function flowCopyOf(schema: Schema): Schema {
  const prefix = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(prefix);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, (key === '$id' || key === '$ref') && typeof value === 'string' ? FLOW_PREFIX + value : prefix(value)]),
    );
  };
  return prefix(schema) as Schema;
}
