import type { ActorId } from '../../../core/actor-ids.ts';
import type { ApiId } from '../../../tmf/apis.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { CallCenterData } from '../store.ts';

/** Subscribes to a partner's events of one API, once: a second call finds the subscription made. */
export async function joinHub(runtime: ActorRuntime<CallCenterData>, party: ActorId, api: ApiId, query = ''): Promise<string> {
  const key = `${party} ${api}`;
  const known = runtime.store.data.hubs[key];
  if (known) return known;
  const id = await runtime.client(party).subscribe(api, runtime.callbackFor(party), query);
  await runtime.store.update((draft) => {
    draft.hubs[key] = id;
  });
  return id;
}
