import type { WireParty } from '../core/actor-ids.ts';
import { unitOfPath, type PartyUnit } from '../core/party-api.ts';
import { parseTmfPath } from '../tmf/apis.ts';
import { eventSubject, eventTypeOf } from '../tmf/events.ts';
import type { ExchangeKind, WireApi } from './exchange.ts';

/** What an HTTP exchange is, from who sent it and the path it hit. */
export interface Classification {
  readonly kind: ExchangeKind;
  readonly api: WireApi;
  readonly operation: string;
  /** For TMF calls: the resource and whether an id was named. */
  readonly resource?: string;
  readonly byId?: boolean;
  readonly hub?: boolean;
  /** For notifications: the event type. */
  readonly eventType?: string;
  /** The unit of the callee the path addresses (its resolution team), when not the party itself. */
  readonly unit?: PartyUnit;
}

export function classify(from: WireParty, method: string, path: string): Classification {
  const { unit, rest } = unitOfPath(path.split('?')[0]);
  const c = classifyPath(from, method, rest);
  return unit ? { ...c, unit } : c;
}

function classifyPath(from: WireParty, method: string, bare: string): Classification {
  const tmf = parseTmfPath(bare);
  if (tmf) {
    if (tmf.hub) return { kind: kindFor(from, 'call'), api: tmf.api, operation: `${method} hub`, hub: true };
    const target = tmf.resource ? `${tmf.resource}${tmf.id ? '/{id}' : ''}` : '';
    return { kind: kindFor(from, 'call'), api: tmf.api, operation: `${method} ${target}`.trim(), resource: tmf.resource, byId: Boolean(tmf.id) };
  }
  const listener = /^\/listener\/([^/]+)$/.exec(bare);
  if (listener) {
    const eventType = eventTypeOf(listener[1]);
    return { kind: kindFor(from, 'notification'), api: eventSubject(eventType)?.api ?? 'listener', operation: eventType, eventType };
  }
  if (bare === '/inbox' || bare.startsWith('/inbox/')) return { kind: kindFor(from, 'party-api'), api: 'inbox', operation: `${method} inbox` };
  if (bare.startsWith('/control'))
    return { kind: kindFor(from, 'party-api'), api: 'control', operation: `${method} ${bare.slice('/control/'.length) || 'control'}` };
  return { kind: kindFor(from, 'call'), api: 'unknown', operation: `${method} ${bare}` };
}

/** Whatever the harness sends is driving, never a flow step. */
const kindFor = (from: WireParty, kind: ExchangeKind): ExchangeKind => (from === 'harness' ? 'harness' : kind);
