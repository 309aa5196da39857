import fc from 'fast-check';

/** A node of a Swagger 2.0 definition, as far as the test generators read it. */
export interface SwaggerNode {
  readonly $ref?: string;
  readonly type?: string;
  readonly format?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, SwaggerNode>>;
  readonly required?: readonly string[];
  readonly items?: SwaggerNode;
  readonly allOf?: readonly SwaggerNode[];
}

/** Beyond this depth only required attributes are generated, so recursive models (sub-categories) stay finite. */
const MAX_DEPTH = 3;

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());

function scalar(node: SwaggerNode): fc.Arbitrary<unknown> {
  if (node.enum) return fc.constantFrom(...node.enum);
  switch (node.type) {
    case 'integer':
      return fc.integer({ min: -1000, max: 100000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    case 'boolean':
      return fc.boolean();
    default:
      if (node.format === 'date-time') return isoDate;
      if (node.format === 'uri') return fc.webUrl();
      return fc.string({ maxLength: 12 });
  }
}

/**
 * Instances of an official definition, written from the file itself: every attribute with the type and
 * enum the file gives, required ones always present, optional ones sometimes. What the file does not
 * constrain (lengths, patterns, cross-field rules) is left free, as a conformant partner may send it.
 */
export function officialArbitrary(definitions: Readonly<Record<string, object>>, name: string): fc.Arbitrary<unknown> {
  const cache = new Map<string, fc.Arbitrary<unknown>>();
  const of = (node: SwaggerNode, depth: number): fc.Arbitrary<unknown> => {
    if (node.$ref) {
      const target = node.$ref.replace('#/definitions/', '');
      const key = `${target}@${Math.min(depth, MAX_DEPTH + 1)}`;
      if (!cache.has(key))
        cache.set(
          key,
          fc.constant(null).chain(() => of(definitions[target] as SwaggerNode, depth)),
        );
      return cache.get(key)!;
    }
    if (node.allOf) {
      return fc.tuple(...node.allOf.map((part) => of(part, depth))).map((parts) => Object.assign({}, ...parts.filter((p) => typeof p === 'object')));
    }
    if (node.type === 'array' || node.items) {
      if (depth > MAX_DEPTH) return fc.constant([]);
      return fc.array(of(node.items ?? {}, depth + 1), { maxLength: 2 });
    }
    if (node.type === 'object' || node.properties) {
      const required = new Set(node.required ?? []);
      const entries = Object.entries(node.properties ?? {}).filter(([key]) => depth <= MAX_DEPTH || required.has(key));
      const model = Object.fromEntries(entries.map(([key, child]) => [key, of(child, depth + 1)]));
      return fc.record(model, { requiredKeys: entries.map(([key]) => key).filter((key) => required.has(key)) });
    }
    return scalar(node);
  };
  return of({ $ref: `#/definitions/${name}` }, 0);
}
