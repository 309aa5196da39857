import type { Router } from 'express';
import type { Entity } from '../../tmf/data.ts';
import { baseData, type BaseData } from '../../tmf/data.ts';
import { resourceRouter } from '../../tmf/resource.ts';
import type { ActorConfig } from '../kit/config.ts';
import { actorApp } from '../kit/app.ts';
import { ActorRuntime } from '../kit/runtime.ts';
import { serve, type RunningActor } from '../kit/serve.ts';

/** The infotainment content provider: its own catalog and an ordering channel for converged offers. */
export async function startContentProvider(config: ActorConfig, port = 0): Promise<RunningActor> {
  const runtime = await ActorRuntime.start<BaseData>('content-provider', config, baseData, [
    { name: 'cp-channel-partner', grants: [{ api: 'TMF620', access: 'write' }, { api: 'TMF622', access: 'write' }] },
  ], { 'car-manufacturer': 'cp-channel-partner', csp: 'cp-channel-partner' });
  const collectionOf = (api: 'TMF620' | 'TMF622', resource: string): Router =>
    resourceRouter<BaseData, Entity>({ api, resource, store: runtime.store, clock: runtime.clock, notifier: runtime.notifier });
  const app = actorApp(runtime, { tmf: [{ api: 'TMF620', router: collectionOf('TMF620', 'productOffering') }, { api: 'TMF622', router: collectionOf('TMF622', 'productOrder') }] });
  return serve(runtime, app, port);
}
