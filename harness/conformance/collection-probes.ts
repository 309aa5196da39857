import type { Exchange } from '../exchange.ts';

/** Sends one GET through the wire (as the harness) at a path under the provider; the recorded exchange. */
export type Get = (path: string) => Promise<Exchange>;

/** A probe's verdict on one exchange: the rule it checks and what it saw. */
export interface ProbeVerdict {
  readonly exchange: Exchange;
  readonly ok: boolean;
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
} as const;

type Item = Record<string, unknown>;

const items = (e: Exchange): Item[] => (Array.isArray(e.response.body) ? (e.response.body as Item[]) : []);
const ids = (list: readonly Item[]) => list.map((i) => String(i.id));
const header = (e: Exchange, name: string) => e.response.headers[name];
/** Attributes every entity may carry whatever `fields` asks (TMF630). */
const ALWAYS = new Set(['id', 'href', '@type', '@baseType', '@schemaLocation', '@referredType']);

/**
 * The TMF630 behaviour of one collection, against its own full list: counts of a page, an offset window,
 * an attribute filter that some entities match and some do not, a fields selection, and every href of
 * the list followed back through the wire. `base` is the collection path; `hrefBase` the URL the harness
 * reached the provider at (every href must be under it).
 */
export async function probeCollection(get: Get, base: string, hrefBase: string): Promise<ProbeVerdict[]> {
  const verdicts: ProbeVerdict[] = [];
  const full = await get(base);
  if (full.status !== 200) return verdicts;
  const all = items(full);
  const n = all.length;
  verdicts.push(totalIs(full, n));
  if (n >= 2) {
    const page = await get(`${base}?limit=1`);
    verdicts.push(totalIs(page, n), {
      exchange: page,
      ok: items(page).length === 1,
      rule: COLLECTION_RULES.page,
      message: `limit=1 of ${n} → ${items(page).length} items`,
    });
    const offset = Math.min(2, n - 1);
    const window = await get(`${base}?offset=${offset}&limit=1`);
    const expected = ids(all.slice(offset, offset + 1));
    verdicts.push(totalIs(window, n), {
      exchange: window,
      ok: same(ids(items(window)), expected),
      rule: COLLECTION_RULES.window,
      message: `offset=${offset}&limit=1 → [${ids(items(window))}], the full list has [${expected}] there`,
    });
  }
  const attribute = discriminating(all);
  if (attribute) {
    const value = String(all[0][attribute]);
    const filtered = await get(`${base}?${attribute}=${encodeURIComponent(value)}`);
    const expected = ids(all.filter((i) => String(i[attribute]) === value));
    verdicts.push({
      exchange: filtered,
      ok: same(ids(items(filtered)), expected),
      rule: COLLECTION_RULES.filter,
      message: `${attribute}=${value} → [${ids(items(filtered))}], expected [${expected}] of ${n}`,
    });
    const selected = await get(`${base}?fields=${attribute}`);
    const wrong = items(selected).find(
      (i) => Object.keys(i).some((k) => !ALWAYS.has(k) && k !== attribute) || all.find((a) => a.id === i.id)?.[attribute] !== i[attribute],
    );
    verdicts.push({
      exchange: selected,
      ok: items(selected).length === n && !wrong,
      rule: COLLECTION_RULES.fields,
      message: wrong
        ? `fields=${attribute} → item ${String(wrong.id)} has ${Object.keys(wrong).join(', ')}`
        : `fields=${attribute} → ${items(selected).length} of ${n} items`,
    });
  }
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
    const one = await get(href.slice(hrefBase.length));
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
