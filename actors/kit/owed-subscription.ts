import type { ActorId } from '../../core/actor-ids.ts';
import type { ApiId } from '../../tmf/apis.ts';
import type { BaseData } from '../../tmf/data.ts';
import type { EffectHandler } from '../../tmf/owed-effects.ts';
import { EffectKind } from './effect-kind.ts';
import type { ActorRuntime } from './runtime.ts';

/** The owed effect by which any party joins a peer's hub that a change of its own calls for. */
export const JOIN_HUB = new EffectKind<{ peer: ActorId; api: ApiId; query: string }>('join-hub');

/** Records, in the update that calls for it, that this party owes joining `peer`'s hub for `api` (once). */
export function oweSubscription<D extends BaseData>(runtime: ActorRuntime<D>, draft: D, peer: ActorId, api: ApiId, query = ''): void {
  JOIN_HUB.owe(runtime, draft, { peer, api, query }, { key: `${JOIN_HUB}:${peer}:${api}:${query}` });
}

/**
 * Carries out one owed subscription (every actor registers it). Retry-safe: a hub already joined is not
 * joined again, and the hub answers a repeated subscription with the one it holds.
 */
export function joinHubEffect<D extends BaseData>(runtime: ActorRuntime<D>): EffectHandler<D> {
  return JOIN_HUB.handler(async ({ peer, api, query }) => {
    await runtime.subscribe(peer, api, query);
  });
}
