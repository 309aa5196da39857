/** A JSON Schema object as plain data. */
export type Schema = { readonly [keyword: string]: unknown };
