import type { ActorId } from '../../core/actor-ids.ts';
import type { ApiId } from '../../tmf/apis.ts';
import type { BaseData } from '../../tmf/data.ts';
import type { CreateBody, Resource, ResourceName } from '../../tmf/resources.ts';
import type { ActorRuntime } from './runtime.ts';

/** Data of a party that marks the creates it started at its peers (see createAtPeerOnce). */
export interface PeerCreateMarks {
  peerCreatesStarted?: string[];
}

/** One create at a peer, and how to find what it created there. */
export interface PeerCreate<A extends ApiId, R extends ResourceName<A>> {
  /** Names this create among the party's own (e.g. `csp-order:<own order id>`). */
  readonly key: string;
  readonly peer: ActorId;
  readonly api: A;
  readonly resource: R;
  readonly body: CreateBody<A, R>;
  /** The list query and the test that find the entity at the peer, had an earlier try created it. */
  readonly find: { readonly query: Record<string, string>; readonly matches: (entity: Resource<A, R>) => boolean };
}

/**
 * A create at a peer whose API has no idempotency key, made once across crashes. The party marks the
 * create in its own store before the call; a try that finds the mark follows one a kill cut off (perhaps
 * after the peer took it, before the party recorded the answer), so it looks the entity up at the peer
 * first and creates it only if it is not there. A first try costs one store write and no extra call on
 * the wire. `settled` removes the mark: commit it with the record of the answer (the effect's done
 * commit).
 */
export async function createAtPeerOnce<D extends BaseData & PeerCreateMarks, A extends ApiId, R extends ResourceName<A>>(
  runtime: ActorRuntime<D>,
  create: PeerCreate<A, R>,
): Promise<{ entity: Resource<A, R>; settled: (draft: D) => void }> {
  const client = runtime.client(create.peer);
  const settled = (draft: D) => {
    draft.peerCreatesStarted = (draft.peerCreatesStarted ?? []).filter((key) => key !== create.key);
  };
  if (runtime.store.data.peerCreatesStarted?.includes(create.key)) {
    const { items } = await client.list(create.api, create.resource, create.find.query);
    const earlier = items.find(create.find.matches);
    if (earlier) return { entity: earlier, settled };
  } else {
    await runtime.store.update((draft) => {
      (draft.peerCreatesStarted ??= []).push(create.key);
    });
  }
  return { entity: await client.create(create.api, create.resource, create.body), settled };
}
