import type { Exchange } from '../exchange.ts';
import { parseTmfPath } from '../../tmf/apis.ts';
import { valuesAt } from '../../tmf/query.ts';
import { leavesOf } from './observe.ts';
import type { BodyPredicate, CallMatcher, FlowStep, NotificationMatcher, PartyApiMatcher, WireMatcher } from './types.ts';

/** Does the exchange have the shape the matcher describes? (Whether it succeeded is another question.) */
export function matchesWire(m: WireMatcher, e: Exchange): boolean {
  if (e.kind !== m.kind || e.api !== m.api) return false;
  if (!(m.from as readonly string[]).includes(e.from) || !m.to.includes(e.to)) return false;
  if (m.ownUnit !== e.unit || (m.ownUnit && e.from !== e.to)) return false;
  switch (m.kind) {
    case 'call':
      return matchesCall(m, e);
    case 'notification':
      return matchesNotification(m, e);
    case 'party-api':
      return matchesPartyApi(m, e);
  }
}

/** An exchange proves a step only when it went through: answered with a 2xx. */
export function succeeded(e: Exchange): boolean {
  return e.failure === undefined && e.status >= 200 && e.status < 300;
}

/** Every wire matcher a step names: what proves it and the traffic related to it. */
export function wireMatchersOf(s: FlowStep): WireMatcher[] {
  const proving = leavesOf(s.observe).filter((m): m is WireMatcher => m.kind !== 'journal');
  return [...proving, ...(s.related ?? [])];
}

function matchesCall(m: CallMatcher, e: Exchange): boolean {
  if (e.method.toUpperCase() !== m.method) return false;
  const info = parseTmfPath(e.path);
  if (!info || info.api !== m.api) return false;
  const resourceOk = m.resource === 'hub' ? info.hub === true : !info.hub && info.resource === m.resource;
  return resourceOk && hasQuery(e.path, m.query ?? []) && bodyHolds(e.request.body, m.body ?? []);
}

function matchesNotification(m: NotificationMatcher, e: Exchange): boolean {
  const event = /\/listener\/([^/?]+)/.exec(e.path)?.[1];
  if (e.method.toUpperCase() !== 'POST' || event === undefined || !m.events.includes(event)) return false;
  const eventType = (e.request.body as { eventType?: unknown } | null)?.eventType;
  return typeof eventType === 'string' && eventType.toLowerCase() === event.toLowerCase() && bodyHolds(e.request.body, m.body ?? []);
}

function matchesPartyApi(m: PartyApiMatcher, e: Exchange): boolean {
  return pathname(e.path).endsWith(m.path) && bodyHolds(e.request.body, m.body ?? []);
}

function pathname(path: string): string {
  const q = path.indexOf('?');
  return q < 0 ? path : path.slice(0, q);
}

function hasQuery(path: string, names: readonly string[]): boolean {
  const q = path.indexOf('?');
  const params = new URLSearchParams(q < 0 ? '' : path.slice(q + 1));
  return names.every((n) => params.has(n));
}

function bodyHolds(body: unknown, predicates: readonly BodyPredicate[]): boolean {
  return predicates.every((p) => {
    const values = valuesAt(body, p.field);
    if (p.op === 'present') return values.some((v) => v !== undefined && v !== null && v !== '');
    const found = values.some((v) => p.values.includes(v as string | boolean));
    return p.op === 'equals' ? found : !found;
  });
}
