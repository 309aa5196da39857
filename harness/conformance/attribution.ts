import type { ActorId } from '../../core/actor-ids.ts';
import { parseTmfPath } from '../../tmf/apis.ts';
import type { Exchange } from '../exchange.ts';
import type { Figure, WireMatcher } from '../flows/types.ts';
import { matchesWire } from '../flows/wire-match.ts';
import { labelOf, wireLeaves } from './selection.ts';
import type { Cell, ExchangeRef } from './types.ts';

/**
 * The cell of the matrix an exchange of `party` belongs to: the first documented step of `figures`
 * whose matcher it meets. Traffic between parties must meet the matcher exactly; the harness's own
 * probes of a provider only need the same API, method and resource on the same provider, since they
 * play no caller. Without a step, the cell is the exchange's own operation, step `—`.
 */
export function cellOf(e: Exchange, party: ActorId, figures: readonly Figure[]): Cell {
  const found = wireLeaves(figures).find(({ matcher }) => (e.from === 'harness' ? probes(matcher, e) : matchesWire(matcher, e)));
  return found ? { party, ...labelOf(found.matcher), step: found.step.id } : { party, api: e.api, operation: e.operation, step: '—' };
}

function probes(m: WireMatcher, e: Exchange): boolean {
  if (m.kind !== 'call' || !m.to.includes(e.to) || m.api !== e.api || m.method !== e.method.toUpperCase()) return false;
  const info = parseTmfPath(e.path.split('?')[0]);
  return m.resource === 'hub' ? info?.hub === true : info?.resource === m.resource && !info.hub;
}

/** What a report needs of an exchange; bodies are kept for failures only. */
export function refOf(e: Exchange, withBodies = false): ExchangeRef {
  return {
    seq: e.seq,
    scenario: e.scenario,
    from: e.from,
    to: e.to,
    method: e.method,
    path: e.path,
    status: e.status,
    ...(e.failure ? { failure: e.failure } : {}),
    ...(withBodies ? { request: e.request.body, response: e.response.body } : {}),
  };
}
