/**
 * A JSON Schema object as plain data. The schemas are written as literals (`{ type: 'object', required:
 * [...], properties: {...} } as const`) and built with the helpers of `common.ts`, which keep their
 * literal types; `Static` (types.ts) reads those types into the TypeScript type of the values accepted.
 */
export type Schema = { readonly [keyword: string]: unknown };

/** Where a helper states what a schema is made from (the generated resource schemas, see resource.ts). */
export declare const VALUE: unique symbol;

/** A schema that carries what it was made from, rather than being read from its keywords alone. */
export type Typed<V> = Schema & { readonly [VALUE]: V };
