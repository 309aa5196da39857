/** One failed validation rule, as ajv reports it, made readable. */
export interface ValidationIssue {
  /** Which body failed. */
  readonly where: 'request' | 'response';
  /** JSON pointer into the body, e.g. `/productOrderItem/0/action` (empty for the root). */
  readonly path: string;
  /** The JSON Schema keyword that failed, e.g. `required`, `enum`, `type`. */
  readonly rule: string;
  readonly message: string;
  /** The schema id used, e.g. `ProductOrder_Create`. */
  readonly schema: string;
}
