import { badRequest } from './errors.ts';

/** A parsed TMF630 list query: projection, paging and attribute filters. */
export interface ListQuery {
  readonly fields?: readonly string[];
  readonly offset: number;
  readonly limit?: number;
  /** Attribute path (dotted) → accepted values (a comma in the query means "any of"), compared by `op`. */
  readonly filters: ReadonlyArray<Filter>;
}

/** TMF630 attribute operators, written as a last path segment: `lastUpdate.gt=2025-06-01T00:00:00Z`. */
export type FilterOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';

export interface Filter {
  readonly path: string;
  readonly values: readonly string[];
  readonly op?: FilterOp;
}

const OPS: ReadonlySet<string> = new Set<FilterOp>(['eq', 'ne', 'gt', 'gte', 'lt', 'lte']);

const RESERVED = new Set(['fields', 'offset', 'limit', 'sort']);

/**
 * Parses `req.query`. A filter on an attribute the resource does not have is refused (400) rather than
 * silently matching nothing, so a typo in a partner's filter shows up as an error, not as an empty list.
 */
export function parseListQuery(query: Record<string, unknown>, knownAttributes: ReadonlySet<string>): ListQuery {
  const filters: Filter[] = [];
  for (const [key, raw] of Object.entries(query)) {
    if (RESERVED.has(key)) continue;
    const root = key.split('.')[0];
    if (!knownAttributes.has(root)) {
      throw badRequest('Unknown filter', `Cannot filter on '${key}': the resource has no attribute '${root}'`, 'UNKNOWN_FILTER');
    }
    filters.push(filterOf(key, asStrings(raw, key)));
  }
  return {
    fields:
      query.fields === undefined
        ? undefined
        : asStrings(query.fields, 'fields')
            .flatMap((v) => v.split(','))
            .filter(Boolean),
    offset: nonNegativeInt(query.offset, 'offset') ?? 0,
    limit: nonNegativeInt(query.limit, 'limit'),
    filters,
  };
}

/**
 * A query parameter as a filter: `lastUpdate.gt` is the attribute `lastUpdate` with the operator `gt`, and
 * each value's commas separate values any of which may match (the parameter repeated, the same).
 */
export function filterOf(key: string, values: readonly string[]): Filter {
  const segments = key.split('.');
  const last = segments.at(-1)!;
  const op = segments.length > 1 && OPS.has(last) ? (last as FilterOp) : undefined;
  const path = op ? segments.slice(0, -1).join('.') : key;
  return { path, values: values.flatMap((v) => v.split(',')), ...(op ? { op } : {}) };
}

function asStrings(raw: unknown, key: string): string[] {
  if (typeof raw === 'string') return [raw];
  if (Array.isArray(raw) && raw.every((v) => typeof v === 'string')) return raw as string[];
  throw badRequest('Invalid query', `Query parameter '${key}' must be a plain value`);
}

function nonNegativeInt(raw: unknown, key: string): number | undefined {
  if (raw === undefined) return undefined;
  const text = asStrings(raw, key)[0];
  if (!/^\d+$/.test(text)) throw badRequest('Invalid query', `'${key}' must be a non-negative integer, got '${text}'`);
  return Number(text);
}

/** The values found at a dotted path, walking into arrays (`relatedParty.id` looks at every party). */
export function valuesAt(entity: unknown, path: string): unknown[] {
  let current: unknown[] = [entity];
  for (const segment of path.split('.')) {
    current = current.flatMap((node) => {
      if (Array.isArray(node)) return node.map((item) => (item as Record<string, unknown>)?.[segment]);
      if (node && typeof node === 'object') return [(node as Record<string, unknown>)[segment]];
      return [];
    });
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * How a found value compares with a wanted one: as instants when both are dates (so `…T00:00:00Z` and
 * `…T00:00:00.000Z` are equal), as numbers when both are numbers, else as text.
 */
function compare(found: unknown, wanted: string): number {
  const text = String(found);
  if (ISO_DATE.test(text) && ISO_DATE.test(wanted)) return Date.parse(text) - Date.parse(wanted);
  if (typeof found === 'number' && wanted.trim() !== '' && !Number.isNaN(Number(wanted))) return found - Number(wanted);
  return text === wanted ? 0 : text < wanted ? -1 : 1;
}

const HOLDS: Readonly<Record<FilterOp, (c: number) => boolean>> = {
  eq: (c) => c === 0,
  ne: (c) => c !== 0,
  gt: (c) => c > 0,
  gte: (c) => c >= 0,
  lt: (c) => c < 0,
  lte: (c) => c <= 0,
};

export function matchesFilters(entity: unknown, filters: ListQuery['filters']): boolean {
  return filters.every((filter) => {
    const { path, values, op = 'eq' } = filter;
    const found = valuesAt(entity, path);
    const texts = op === 'eq' || op === 'ne' ? exactTextsOf(filter) : undefined;
    const equal = texts ? (f: unknown) => texts.has(String(f)) : (f: unknown) => values.some((v) => compare(f, v) === 0);
    // `ne` holds when no value equals any of those named; the other operators when some value meets one.
    if (op === 'ne') return !found.some(equal);
    if (op === 'eq') return found.some(equal);
    return found.some((f) => values.some((v) => HOLDS[op](compare(f, v))));
  });
}

/**
 * A filter's values as a set, when each is compared as text (none a date or a number, see `compare`):
 * equality is then a look-up. A follow-up names hundreds of vehicle ids, and a list compares them with
 * every record it reads. Worked out once per filter.
 */
const EXACT_TEXTS = new WeakMap<Filter, ReadonlySet<string> | undefined>();

function exactTextsOf(filter: Filter): ReadonlySet<string> | undefined {
  if (EXACT_TEXTS.has(filter)) return EXACT_TEXTS.get(filter);
  const asText = (v: string) => !ISO_DATE.test(v) && (v.trim() === '' || Number.isNaN(Number(v)));
  const texts = filter.values.length > 4 && filter.values.every(asText) ? new Set(filter.values) : undefined;
  EXACT_TEXTS.set(filter, texts);
  return texts;
}

/** Keeps the requested fields; `id`, `href` and `@type` always stay so the result is still addressable. */
export function project<T extends Record<string, unknown>>(entity: T, fields: readonly string[] | undefined): Partial<T> {
  if (!fields) return entity;
  const keep = new Set([...fields.map((f) => f.split('.')[0]), 'id', 'href', '@type']);
  return Object.fromEntries(Object.entries(entity).filter(([key]) => keep.has(key))) as Partial<T>;
}

/** Applies a filtered, projected page and returns it with the total before paging. */
export function applyListQuery<T extends Record<string, unknown>>(items: Iterable<T>, query: ListQuery): { page: Partial<T>[]; total: number } {
  const end = query.limit === undefined ? Number.POSITIVE_INFINITY : query.offset + query.limit;
  const page: Partial<T>[] = [];
  let total = 0;
  // One pass, keeping only the page: the items may be read one at a time from outside memory.
  for (const item of items) {
    if (!matchesFilters(item, query.filters)) continue;
    if (total >= query.offset && total < end) page.push(project(item, query.fields));
    total += 1;
  }
  return { page, total };
}
