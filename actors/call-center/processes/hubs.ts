import type { ActorId } from '../../../core/actor-ids.ts';
import type { ApiId } from '../../../tmf/apis.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { CallCenterData } from '../store.ts';

/** Subscribes to a partner's events of one API, once: a second call finds the subscription made. */
export function joinHub(runtime: ActorRuntime<CallCenterData>, party: ActorId, api: ApiId, query = ''): Promise<string> {
  return runtime.subscribe(party, api, query);
}
