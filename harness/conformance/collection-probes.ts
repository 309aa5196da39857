import { basePath, type ApiId } from '../../tmf/apis.ts';
import type { Exchange } from '../exchange.ts';
import { isMarker, markerOf, PROBE_ENTITIES, probeEntityBody } from './probe-entities.ts';

/** The harness's calls on one collection, through the wire; each resolves to the recorded exchange. */
export interface CollectionAccess {
  /** A GET at a path under the provider. */
  readonly get: (path: string) => Promise<Exchange>;
  /** A create by POST; absent where the official file declares no POST for the collection. */
  readonly post?: (path: string, body: object) => Promise<Exchange>;
}

/** A probe's verdict on one exchange: the rule it checks and what it saw (`not probed`: it could not check). */
export interface ProbeVerdict {
  readonly exchange: Exchange;
  readonly ok: boolean | 'not probed';
  readonly rule: string;
  readonly message: string;
}

export const COLLECTION_RULES = {
  total: 'X-Total-Count = the unpaged count',
  page: 'a page holds limit items when the list has more',
  window: 'offset and limit select that window of the full list',
  filter: 'an attribute filter returns exactly the matching entities',
  fields: 'fields selects the attributes asked for, with their values',
  href: 'an href, followed through the wire, leads to the same entity',
  create: 'a create valid per the official schema is answered 201 with the entity',
  enough: `a collection holds ${PROBE_ENTITIES} entities, so that paging, windows and filters can be checked`,
} as const;

type Item = Record<string, unknown>;

const items = (e: Exchange): Item[] => (Array.isArray(e.response.body) ? (e.response.body as Item[]) : []);
const ids = (list: readonly Item[]) => list.map((i) => String(i.id));
const header = (e: Exchange, name: string) => e.response.headers[name];
/** Attributes every entity may carry whatever `fields` asks (TMF630). */
const ALWAYS = new Set(['id', 'href', '@type', '@baseType', '@schemaLocation', '@referredType']);

/**
 * The TMF630 behaviour of one collection, against its own full list. First the harness makes sure the
 * list holds at least three entities, creating the missing ones through the provider's API where the
 * official file declares POST (a collection that still holds fewer is reported `not probed`, never
 * passed). Then: counts of pages, several offset/limit windows (offset alone too), an attribute filter
 * that some entities match and some do not, a fields selection, and every href of the list followed
 * back through the wire. `hrefBase` is the URL the harness reached the provider at.
 */
export async function probeCollection(access: CollectionAccess, api: ApiId, resource: string, hrefBase: string): Promise<ProbeVerdict[]> {
  const base = `${basePath(api)}/${resource}`;
  const verdicts: ProbeVerdict[] = [];
  let full = await access.get(base);
  if (full.status !== 200) return verdicts;
  const created = await fillUp(access, api, resource, full, verdicts);
  if (created > 0) full = await access.get(base);
  const all = items(full);
  const n = all.length;
  verdicts.push(totalIs(full, n));
  if (n < PROBE_ENTITIES) {
    const why = access.post ? 'its creates were refused or could not be built' : 'the official file declares no POST for it and the flows left fewer';
    const reach = n < 2 ? 'limit, offset and filters not probed' : `paging and filters probed over ${n} entities only`;
    const holds = n === 1 ? '1 entity' : `${n} entities`;
    verdicts.push({ exchange: full, ok: 'not probed', rule: COLLECTION_RULES.enough, message: `${base} holds ${holds} (${why}): ${reach}` });
  }
  if (n >= 2) verdicts.push(...(await windows(access, base, all)));
  verdicts.push(...(await filterAndFields(access, base, full, markedIn(all, api, resource))));
  for (const item of all) {
    const href = String(item.href ?? '');
    if (!href.startsWith(`${hrefBase}/`)) {
      verdicts.push({
        exchange: full,
        ok: false,
        rule: COLLECTION_RULES.href,
        message: `${String(item.id)}: href ${href} is not under ${hrefBase}, the URL the provider was reached at`,
      });
      continue;
    }
    const one = await access.get(href.slice(hrefBase.length));
    const body = (one.response.body ?? {}) as Item;
    const ok = one.status === 200 && body.id === item.id && body['@type'] === item['@type'];
    verdicts.push({
      exchange: one,
      ok,
      rule: COLLECTION_RULES.href,
      message: `${String(item.id)}: ${href} → ${one.status} ${String(body.id)} (${String(body['@type'])})`,
    });
  }
  return verdicts;
}

/**
 * An attribute filter that selects some entities and excludes others (on a probe entity's marker where
 * there is one), compared with the full list, and a fields selection of that attribute.
 */
async function filterAndFields(
  access: CollectionAccess,
  base: string,
  full: Exchange,
  marked: { attribute: string; value: string } | undefined,
): Promise<ProbeVerdict[]> {
  const all = items(full);
  const n = all.length;
  const attribute = marked?.attribute ?? discriminating(all);
  if (!attribute) {
    return n >= PROBE_ENTITIES
      ? [
          {
            exchange: full,
            ok: 'not probed',
            rule: COLLECTION_RULES.filter,
            message: `${base}: no string attribute tells its ${n} entities apart, so no filter was probed`,
          },
        ]
      : [];
  }
  const value = marked?.value ?? String(all[0][attribute]);
  const filtered = await access.get(`${base}?${attribute}=${encodeURIComponent(value)}`);
  const expected = ids(all.filter((i) => String(i[attribute]) === value));
  const selected = await access.get(`${base}?fields=${attribute}`);
  const wrong = items(selected).find(
    (i) => Object.keys(i).some((k) => !ALWAYS.has(k) && k !== attribute) || all.find((a) => a.id === i.id)?.[attribute] !== i[attribute],
  );
  return [
    {
      exchange: filtered,
      ok: same(ids(items(filtered)), expected),
      rule: COLLECTION_RULES.filter,
      message: `${attribute}=${value} → [${ids(items(filtered))}], expected [${expected}] of ${n}`,
    },
    {
      exchange: selected,
      ok: items(selected).length === n && !wrong,
      rule: COLLECTION_RULES.fields,
      message: wrong
        ? `fields=${attribute} → item ${String(wrong.id)} has ${Object.keys(wrong).join(', ')}`
        : `fields=${attribute} → ${items(selected).length} of ${n} items`,
    },
  ];
}

/** Creates (by POST) the entities the list lacks to hold three, each marked with its own value; how many were created. */
async function fillUp(access: CollectionAccess, api: ApiId, resource: string, full: Exchange, verdicts: ProbeVerdict[]): Promise<number> {
  if (!access.post) return 0;
  const all = items(full);
  let created = 0;
  for (let index = all.length; index < PROBE_ENTITIES; index++) {
    const built = probeEntityBody(api, resource, all[0], index);
    if ('why' in built) {
      verdicts.push({ exchange: full, ok: 'not probed', rule: COLLECTION_RULES.create, message: `${resource}: ${built.why}` });
      return created;
    }
    const e = await access.post(`${basePath(api)}/${resource}`, built.body);
    const body = (e.response.body ?? {}) as Item;
    const accepted = e.status === 201 && body.id !== undefined;
    // A 4xx may be the provider's business refusing what the official schema allows (an order for an
    // offering it does not sell): the collection is then reported not probed, with the provider's reason.
    const ok = accepted || (e.status >= 400 && e.status < 500 ? 'not probed' : false);
    verdicts.push({
      exchange: e,
      ok,
      rule: COLLECTION_RULES.create,
      message: `POST ${resource} → ${e.status} ${accepted ? String(body.id) : String(body.message ?? body.reason ?? '')}`.trim(),
    });
    if (!accepted) return created;
    created++;
  }
  return created;
}

/**
 * Windows of the full list, each compared with the same slice of it (order included): the first item
 * alone, the first two, offset 1 without a limit, one item at offset 1, and the last window past the end.
 * Every answer's X-Total-Count is the unpaged count.
 */
async function windows(access: CollectionAccess, base: string, all: readonly Item[]): Promise<ProbeVerdict[]> {
  const n = all.length;
  const verdicts: ProbeVerdict[] = [];
  const asked: { query: string; offset: number; limit?: number }[] = [
    { query: 'limit=1', offset: 0, limit: 1 },
    { query: 'limit=2', offset: 0, limit: 2 },
    { query: 'offset=1', offset: 1 },
    { query: 'offset=1&limit=1', offset: 1, limit: 1 },
    { query: `offset=${n - 1}&limit=2`, offset: n - 1, limit: 2 },
  ];
  for (const { query, offset, limit } of asked) {
    const e = await access.get(`${base}?${query}`);
    const expected = ids(all.slice(offset, limit === undefined ? undefined : offset + limit));
    const got = ids(items(e));
    const rule = offset === 0 ? COLLECTION_RULES.page : COLLECTION_RULES.window;
    verdicts.push(totalIs(e, n), {
      exchange: e,
      ok: inOrder(got, expected),
      rule,
      message: `${query} of ${n} → [${got}], the full list has [${expected}] there`,
    });
  }
  return verdicts;
}

/** The marker attribute and the value of one entity the probes created: a filter on it selects that one and excludes the rest. */
function markedIn(all: readonly Item[], api: ApiId, resource: string): { attribute: string; value: string } | undefined {
  const attribute = markerOf(api, resource);
  const value = attribute && all.map((i) => i[attribute]).find(isMarker);
  return attribute && typeof value === 'string' && all.some((i) => i[attribute] !== value) ? { attribute, value } : undefined;
}

const inOrder = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function totalIs(e: Exchange, n: number): ProbeVerdict {
  const total = header(e, 'x-total-count');
  return { exchange: e, ok: Number(total) === n, rule: COLLECTION_RULES.total, message: `X-Total-Count ${total ?? 'absent'}, the unpaged list has ${n}` };
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);
}

/** A top-level string attribute some entities share and others do not: a filter on it must tell them apart. */
function discriminating(all: readonly Item[]): string | undefined {
  const first = all[0];
  if (!first) return undefined;
  // A comma in a value would read as "any of" (TMF630), so such attributes are not used.
  return Object.keys(first)
    .filter((k) => !ALWAYS.has(k) && typeof first[k] === 'string')
    .sort()
    .find((k) => all.some((i) => i[k] !== first[k]) && all.every((i) => typeof i[k] === 'string' && !(i[k] as string).includes(',')));
}
