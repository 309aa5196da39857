import type { ActorId } from '../../core/actor-ids.ts';
import { fromTmf, sum } from '../../core/money.ts';
import { parseTmfPath, resourceOf } from '../../tmf/apis.ts';
import { lifecycleEventType, listenerName } from '../../tmf/events.ts';
import { classify } from '../classify.ts';
import type { Exchange } from '../exchange.ts';
import { judge } from '../judge.ts';
import type { Figure } from '../flows/types.ts';
import { succeeded } from '../flows/wire-match.ts';
import { cellOf, refOf } from './attribution.ts';
import type { Finding } from './types.ts';

/**
 * Business rules of the documented steps that no schema can express, judged on what one scenario put on
 * the wire. Each rule is general (any bill, any subscribed resource), so the steps of later figures that
 * carry the same rule are judged without a change here.
 */
export type StepRule = (exchanges: readonly Exchange[], party: ActorId, figures: readonly Figure[]) => Finding[];

/** 7.9 (and every bill read with its items): the sum of the items equals the bill amount. */
export const billEqualsItems: StepRule = (exchanges, party, figures) => {
  const bills = exchanges.filter((e) => e.to === party && succeeded(e) && e.method === 'GET' && isResource(e, 'customerBill', true));
  return bills.flatMap((billRead) => {
    const bill = billRead.response.body as Record<string, unknown>;
    const items = exchanges.find(
      (e) =>
        e.to === party &&
        succeeded(e) &&
        e.method === 'GET' &&
        isResource(e, 'appliedCustomerBillingRate', false) &&
        new URLSearchParams(e.path.split('?')[1] ?? '').get('bill.id') === bill.id,
    );
    if (!items || !Array.isArray(items.response.body)) return [];
    const rates = items.response.body as Record<string, unknown>[];
    const cell = cellOf(billRead, party, figures);
    return (['taxIncludedAmount', 'taxExcludedAmount'] as const).map((field): Finding => {
      const { ok, message } = compareSum(bill, rates, field);
      return {
        ...cell,
        verdict: ok ? 'pass' : 'fail',
        source: 'rule',
        rule: `the sum of the bill items equals the bill amount (${field})`,
        path: `response/${field}/value`,
        message,
        scenario: billRead.scenario,
        exchange: refOf(billRead, !ok),
      };
    });
  });
};

function compareSum(bill: Record<string, unknown>, rates: readonly Record<string, unknown>[], field: string): { ok: boolean; message: string } {
  try {
    const amount = fromTmf(bill[field] as { unit: string; value: number });
    const total = sum(
      rates.map((r) => fromTmf(r[field] as { unit: string; value: number })),
      amount.currency,
    );
    return { ok: total.equals(amount), message: `bill ${String(bill.id)} ${field} ${amount.toString()}, its ${rates.length} items sum to ${total.toString()}` };
  } catch (error) {
    return { ok: false, message: `bill ${String(bill.id)}: ${(error as Error).message}` };
  }
}

/**
 * A party that subscribed to the state changes of a resource it then created hears of them: the
 * provider notifies its lifecycle change event to its listener (e.g. 7.1: the partner order's
 * `productOrderStateChangeEvent`; TMF621 says `troubleTicketStatusChangeEvent`).
 */
export const subscribedChangesNotified: StepRule = (exchanges, party, figures) => {
  const created = exchanges.filter((e) => e.to === party && e.from !== 'harness' && e.method === 'POST' && e.status === 201 && !hubPath(e));
  return created.flatMap((post): Finding[] => {
    const info = parseTmfPath(post.path.split('?')[0]);
    const resource = info?.resource;
    if (!info || !resource) return [];
    const event = listenerName(lifecycleEventType(info.api, resourceOf(info.api, resource).type));
    const subscribed = exchanges.some(
      (e) =>
        e.from === post.from &&
        e.to === party &&
        e.method === 'POST' &&
        succeeded(e) &&
        hubPath(e) === post.api &&
        listensTo(String((e.request.body as { query?: string } | undefined)?.query ?? ''), event),
    );
    if (!subscribed || !lifecycleMoved(post, resource, exchanges, party)) return [];
    const heard = exchanges.some(
      (e) => e.from === party && e.to === post.from && e.kind === 'notification' && e.path.split('?')[0].endsWith(`/listener/${event}`) && e.seq > post.seq,
    );
    const cell = { ...cellOf(post, party, figures), operation: `event ${event}` };
    return [
      {
        ...cell,
        verdict: heard ? 'pass' : 'fail',
        source: 'rule',
        rule: 'a subscriber hears of the state changes of what it created',
        message: heard
          ? `${post.from} was notified ${event}`
          : `${post.from} subscribed to ${post.api} ${event[0].toUpperCase() + event.slice(1)} and created ${resource} #${post.seq}, but ${party} never notified a state change`,
        scenario: post.scenario,
        exchange: refOf(post, !heard),
      },
    ];
  });
};

/**
 * Whether the wire shows the created entity's state or status moving on: a later answer of the party
 * shows it with another value. An order is the provider's to fulfil (acknowledged never stays), so an
 * order always counts as moving; a ticket moves only when somebody works on it in the scenario.
 */
function lifecycleMoved(post: Exchange, resource: string, exchanges: readonly Exchange[], party: ActorId): boolean {
  if (post.api === 'TMF622') return true;
  const created = post.response.body as Record<string, unknown> | undefined;
  const lifecycle = (e: Record<string, unknown>) => e.state ?? e.status;
  if (!created?.id || lifecycle(created) === undefined) return false;
  return exchanges.some(
    (e) =>
      e.seq > post.seq &&
      e.to === party &&
      succeeded(e) &&
      parseTmfPath(e.path.split('?')[0])?.resource === resource &&
      [e.response.body]
        .flat()
        .some((b) => (b as Record<string, unknown> | undefined)?.id === created.id && lifecycle(b as Record<string, unknown>) !== lifecycle(created)),
  );
}

/**
 * What the flows need of a payload beyond the official files (a recurring price's amount and period, a
 * bundle's members, ISO currencies, the lifecycle values partners filter on), judged on what the
 * partner sent and answered. The wire's schema verdict holds partners to the standard only; these are
 * reported apart, as flow rules, one finding per payload that misses one.
 */
export const flowRulesOfPayloads: StepRule = (exchanges, party, figures) =>
  exchanges
    .filter((e) => (e.kind === 'call' || e.kind === 'notification') && (e.from === party || e.to === party))
    .flatMap((e): Finding[] => {
      const issues = judge(classify(e.from, e.method, e.path), e.method, e.path, e.status, e.request.body, e.response.body, 'flow').filter(
        (i) => (i.where === 'request' ? e.from === party : e.to === party) && i.rule !== 'no-schema' && i.rule !== 'unjudged',
      );
      if (issues.length === 0) return [];
      const first = issues[0];
      return [
        {
          ...cellOf(e, party, figures),
          verdict: 'fail',
          source: 'rule',
          rule: `flow rule ${first.schema.replace(/^flow:/, '')}: ${first.rule}`,
          path: `${first.where}${first.path}`,
          message: issues.map((i) => `${i.where}${i.path} ${i.rule}: ${i.message}`).join('; '),
          scenario: e.scenario,
          exchange: refOf(e, true),
        },
      ];
    });

export const EVENT_ONCE = 'each change is notified once per subscription (one eventId)';

/**
 * Each change reaches a subscriber once: the same event (same type, same content, same time) under a
 * second eventId is a duplicate the subscriber would process twice. A retry keeps its eventId.
 */
export const eventsOnce: StepRule = (exchanges, party, figures) => {
  const seen = new Map<string, { id: string; e: Exchange }>();
  const findings: Finding[] = [];
  for (const e of exchanges.filter((x) => x.from === party && x.kind === 'notification')) {
    const { eventId, ...content } = (e.request.body ?? {}) as Record<string, unknown>;
    const key = `${e.to} ${e.path} ${JSON.stringify(content)}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, { id: String(eventId), e });
      continue;
    }
    if (first.id === String(eventId)) continue;
    const cell = { ...cellOf(e, party, figures), operation: `event ${e.operation}` };
    findings.push({
      ...cell,
      verdict: 'fail',
      source: 'rule',
      rule: EVENT_ONCE,
      message: `${e.operation} to ${e.to} sent again as ${String(eventId)} (#${e.seq}), first as ${first.id} (#${first.e.seq})`,
      scenario: e.scenario,
      exchange: refOf(e, true),
    });
  }
  return findings;
};

/** Every step rule the conformance run applies to each scenario. */
export const STEP_RULES: readonly StepRule[] = [billEqualsItems, subscribedChangesNotified, flowRulesOfPayloads, eventsOnce];

function isResource(e: Exchange, resource: string, byId: boolean): boolean {
  const info = parseTmfPath(e.path.split('?')[0]);
  return info?.resource === resource && !info.hub && Boolean(info.id) === byId;
}

/** The API of a hub path, if it is one. */
function hubPath(e: Exchange): string | undefined {
  const info = parseTmfPath(e.path.split('?')[0]);
  return info?.hub ? info.api : undefined;
}

/** Does a hub query (`eventType=A,B`, or nothing: every event) let `event` through? */
function listensTo(query: string, event: string): boolean {
  const params = new URLSearchParams(query);
  // A condition on the event's content (`event.productOrder.state=failed`) makes what the subscriber must
  // hear depend on values the wire may never show: such a subscription is owed nothing here.
  if ([...params.keys()].some((key) => key !== 'eventType')) return false;
  // A repeated parameter is any of its values, as the hubs read it (tmf/notifier.ts).
  const types = params.getAll('eventType').flatMap((value) => value.split(','));
  return types.length === 0 || types.map((t) => listenerName(t.trim())).includes(event);
}
