import type { ActorConfig } from '../kit/config.ts';
import { actorApp } from '../kit/app.ts';
import { ActorRuntime } from '../kit/runtime.ts';
import { serve, type RunningActor } from '../kit/serve.ts';
import { driverControl } from './api/control.ts';
import { inboxApi } from './api/inbox.ts';
import { driverDefaults } from './store.ts';

/** The driver and the car: no TMF API, a control API (what a person or a car does) and an inbox. */
export async function startDriver(config: ActorConfig, port = 0): Promise<RunningActor> {
  const runtime = await ActorRuntime.start('driver', config, (start) => driverDefaults(start, config.seed), [], {});
  const app = actorApp(runtime, { tmf: [], control: driverControl(runtime), partyApi: inboxApi(runtime) });
  return serve(runtime, app, port);
}
