import type { ActorId } from '../../core/actor-ids.ts';
import { COLLECTION_RULES } from '../../harness/conformance/collection-probes.ts';
import { BILL_AMOUNTS } from '../../harness/conformance/bill-amounts.ts';
import { LATENCY } from '../../harness/conformance/exchange-checks.ts';
import { EVENT_ONCE } from '../../harness/conformance/step-rules.ts';
import type { Answer, PlantedFault } from './fault-proxy.ts';

/** A fault planted in one party, and the rule whose finding must name it. */
export interface PartnerFault {
  readonly name: string;
  readonly party: ActorId;
  readonly rule: string;
  /** The fault is in what the party sends: it shows when the party's figure is driven, not in the probes. */
  readonly inFlow?: boolean;
  /** A fresh fault each run (some keep a count). */
  readonly plant: () => PlantedFault;
}

type Entity = Record<string, unknown>;

/**
 * The latency budget the mutation suite probes with: above what a busy shared machine needs for an honest
 * answer (so the faithful parties raise no alarm), and what the latency fault overruns.
 */
export const PROBE_LATENCY_BUDGET_MS = 2000;
const RESERVED = new Set(['fields', 'offset', 'limit', 'sort']);
const isList = (a: Answer) => a.method === 'GET' && Array.isArray(a.body);
/** The top-level entities of a successful answer. */
export const entities = (a: Answer): Entity[] => (a.status < 300 && a.body && typeof a.body === 'object' ? ([a.body].flat() as Entity[]) : []);

/** The path with some query parameters dropped. */
function without(path: string, drop: (name: string) => boolean): string {
  const [bare, query = ''] = path.split('?');
  const params = new URLSearchParams(query);
  for (const name of [...params.keys()]) if (drop(name)) params.delete(name);
  const rest = params.toString();
  return rest ? `${bare}?${rest}` : bare;
}

const onGets = (drop: (name: string) => boolean) => (path: string, method: string) => (method === 'GET' ? without(path, drop) : path);

/** Faults any TMF provider can have in what it serves (TMF630 paging, filters, identity, speed). */
const GENERIC: readonly Omit<PartnerFault, 'party'>[] = [
  {
    name: 'X-Total-Count is the page size',
    rule: COLLECTION_RULES.total,
    plant: () => ({
      answer: (a) => {
        if (isList(a)) a.headers['x-total-count'] = String((a.body as unknown[]).length);
      },
    }),
  },
  {
    name: 'X-Total-Count one too many',
    rule: COLLECTION_RULES.total,
    plant: () => ({
      answer: (a) => {
        if (isList(a)) a.headers['x-total-count'] = String(Number(a.headers['x-total-count']) + 1);
      },
    }),
  },
  {
    name: 'X-Result-Count one too many',
    rule: 'X-Result-Count = items returned',
    plant: () => ({
      answer: (a) => {
        if (isList(a)) a.headers['x-result-count'] = String((a.body as unknown[]).length + 1);
      },
    }),
  },
  { name: 'offset ignored', rule: COLLECTION_RULES.window, plant: () => ({ upstream: onGets((n) => n === 'offset') }) },
  { name: 'limit ignored', rule: COLLECTION_RULES.page, plant: () => ({ upstream: onGets((n) => n === 'limit') }) },
  {
    name: 'limit ignored on every collection but the first',
    rule: COLLECTION_RULES.page,
    plant: () => {
      let honoured: string | undefined;
      return {
        upstream: (path: string, method: string) =>
          (honoured ??= path.split('?')[0]) === path.split('?')[0] ? path : onGets((n) => n === 'limit')(path, method),
      };
    },
  },
  {
    name: 'offset ignored without a limit',
    rule: COLLECTION_RULES.window,
    plant: () => ({ upstream: (path: string, method: string) => (/[?&]limit=/.test(path) ? path : onGets((n) => n === 'offset')(path, method)) }),
  },
  { name: 'attribute filters ignored', rule: COLLECTION_RULES.filter, plant: () => ({ upstream: onGets((n) => !RESERVED.has(n)) }) },
  { name: 'fields ignored', rule: COLLECTION_RULES.fields, plant: () => ({ upstream: onGets((n) => n === 'fields') }) },
  {
    name: 'a wrong @type excused by @baseType',
    rule: "an entity's @type is its resource type, or a subtype naming @baseType and @schemaLocation",
    plant: () => ({
      answer: (a) => {
        for (const e of entities(a)) if (typeof e['@type'] === 'string') Object.assign(e, { '@baseType': e['@type'], '@type': `${e['@type']}Variant` });
      },
    }),
  },
  {
    name: 'hrefs built from its own address',
    rule: COLLECTION_RULES.href,
    plant: () => ({
      answer: (a, own) => {
        for (const e of entities(a)) if (typeof e.href === 'string') e.href = e.href.replace(/^https?:\/\/[^/]+\/wire\/[^/]+\/[^/]+/, own);
      },
    }),
  },
  {
    name: 'hrefs of a list swapped between entities',
    rule: COLLECTION_RULES.href,
    plant: () => ({
      answer: (a) => {
        const [x, y] = entities(a);
        if (isList(a) && x && y) [x.href, y.href] = [y.href, x.href];
      },
    }),
  },
  {
    name: 'an unknown id answered 200',
    rule: 'an unknown id is answered 404 with a TMF error',
    plant: () => ({
      answer: (a) => {
        if (a.method === 'GET' && a.status === 404) Object.assign(a, { status: 200, body: {} });
      },
    }),
  },
  {
    name: 'one answer over the latency budget',
    rule: LATENCY,
    plant: () => {
      let delayed = false;
      return {
        delayMs: (path: string) => {
          if (delayed || !/[?&]limit=1$/.test(path)) return 0;
          delayed = true;
          return PROBE_LATENCY_BUDGET_MS + 100;
        },
      };
    },
  },
];

const money = (m: unknown, plus: number) => ({ ...(m as object), value: Math.round(((m as { value: number }).value + plus) * 100) / 100 });

/** Faults of a party that issues customer bills. */
const BILLS: readonly Omit<PartnerFault, 'party'>[] = [
  {
    name: 'amountDue 0.01 off the bill total',
    rule: BILL_AMOUNTS,
    plant: () => ({
      answer: (a) => {
        for (const b of entities(a)) if (b.amountDue && b.taxIncludedAmount) b.amountDue = money(b.amountDue, 0.01);
      },
    }),
  },
  {
    name: 'remainingAmount above amountDue',
    rule: BILL_AMOUNTS,
    plant: () => ({
      answer: (a) => {
        for (const b of entities(a)) if (b.remainingAmount && b.amountDue) b.remainingAmount = money(b.amountDue, 1);
      },
    }),
  },
];

/** Faults of a party that notifies subscribers. */
const EVENTS: readonly Omit<PartnerFault, 'party'>[] = [
  {
    name: 'an event sent twice under two eventIds',
    rule: EVENT_ONCE,
    inFlow: true,
    plant: () => ({
      outbound: (path, method, body) =>
        method === 'POST' && path.startsWith('/listener/') && body && typeof body === 'object'
          ? [{ ...body, eventId: `${String((body as Entity).eventId)}-again` }]
          : [],
    }),
  },
];

/** Faults of the CSP that only a schema finds: what a projection keeps, and what the official entity definition requires. */
const SCHEMA: readonly Omit<PartnerFault, 'party'>[] = [
  {
    name: 'a fields= projection whose kept attribute is a number',
    rule: 'schema ProductOffering: type',
    plant: () => ({
      answer: (a) => {
        const kept = new URLSearchParams(a.path.split('?')[1] ?? '').get('fields');
        if (!kept || !/\/productOffering(\?|$)/.test(a.path)) return;
        for (const e of entities(a)) if (typeof e[kept] === 'string') e[kept] = 12345;
      },
    }),
  },
  {
    name: 'orders served without their items (TMF622 requires them)',
    rule: 'schema ProductOrder: required',
    plant: () => ({
      answer: (a) => {
        if (!/\/productOrder(\/|\?|$)/.test(a.path) || /[?&]fields=/.test(a.path)) return;
        for (const e of entities(a)) delete e.productOrderItem;
      },
    }),
  },
];

/** The mutation suite: every generic fault in three parties, the bill faults of the two that bill, the event and schema faults of the CSP. */
export const PARTNER_FAULTS: readonly PartnerFault[] = [
  ...(['csp', 'car-manufacturer', 'call-center'] as const).flatMap((party) => GENERIC.map((f) => ({ ...f, party }))),
  ...(['csp', 'car-manufacturer'] as const).flatMap((party) => BILLS.map((f) => ({ ...f, party }))),
  ...EVENTS.map((f) => ({ ...f, party: 'csp' as const })),
  ...SCHEMA.map((f) => ({ ...f, party: 'csp' as const })),
];
