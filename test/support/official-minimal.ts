import type { SwaggerNode as Node } from './official-arbitrary.ts';

/**
 * The smallest instance of an official definition: its required attributes only, each the simplest
 * value of the type the file gives (first enum value, one array item), and a `name` when it has one,
 * as a conformance kit's request would carry.
 */
export function minimalInstance(definitions: Readonly<Record<string, object>>, name: string, label = 'conformance'): unknown {
  const of = (node: Node, depth: number): unknown => {
    if (node.$ref) return of(definitions[node.$ref.replace('#/definitions/', '')] as Node, depth);
    if (node.enum) return node.enum[0];
    if (node.type === 'array' || node.items) return depth > 4 ? [] : [of(node.items ?? {}, depth + 1)];
    if (node.type === 'object' || node.properties) {
      const keys = new Set(node.required ?? []);
      if (depth === 0 && node.properties?.name?.type === 'string') keys.add('name');
      return Object.fromEntries([...keys].map((key) => [key, key === 'name' ? label : of(node.properties?.[key] ?? {}, depth + 1)]));
    }
    switch (node.type) {
      case 'integer':
      case 'number':
        return 1;
      case 'boolean':
        return true;
      default:
        if (node.format === 'date-time') return '2026-01-01T00:00:00.000Z';
        if (node.format === 'uri') return 'http://example.com/conformance';
        return label;
    }
  };
  return of({ $ref: `#/definitions/${name}` }, 0);
}
