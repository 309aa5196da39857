import type { Router } from 'express';
import type { Entity } from '../../tmf/data.ts';
import { baseData, type BaseData } from '../../tmf/data.ts';
import { resourceRouter } from '../../tmf/resource.ts';
import type { ActorConfig } from '../kit/config.ts';
import { actorApp } from '../kit/app.ts';
import { ActorRuntime } from '../kit/runtime.ts';
import { serve, type RunningActor } from '../kit/serve.ts';

/** The call center: master trouble tickets, and the payments of its settlements. */
export async function startCallCenter(config: ActorConfig, port = 0): Promise<RunningActor> {
  const runtime = await ActorRuntime.start<BaseData>('call-center', config, baseData, [
    { name: 'cc-resolver', grants: [{ api: 'TMF621', access: 'write' }] },
    { name: 'cc-payer', grants: [{ api: 'TMF621', access: 'write' }, { api: 'TMF676', access: 'write' }] },
  ], { csp: 'cc-payer', 'car-manufacturer': 'cc-resolver' });
  const collectionOf = (api: 'TMF621' | 'TMF676', resource: string): Router =>
    resourceRouter<BaseData, Entity>({ api, resource, store: runtime.store, clock: runtime.clock, notifier: runtime.notifier });
  const app = actorApp(runtime, { tmf: [{ api: 'TMF621', router: collectionOf('TMF621', 'troubleTicket') }, { api: 'TMF676', router: collectionOf('TMF676', 'payment') }] });
  return serve(runtime, app, port);
}
