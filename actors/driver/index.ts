import type { ActorConfig } from '../kit/config.ts';
import { actorApp } from '../kit/app.ts';
import { ActorRuntime } from '../kit/runtime.ts';
import { serve, type RunningActor } from '../kit/serve.ts';
import { driverControl } from './api/control.ts';
import { inboxApi } from './api/inbox.ts';
import { convergedOfferControl } from './api/converged-offer.ts';
import { supportCall } from './api/support-call.ts';
import { driverDefaults } from './store.ts';

/** The driver and the car: no TMF API, a control API (what a person or a car does) and an inbox. */
export async function startDriver(config: ActorConfig, port = 0): Promise<RunningActor> {
  const runtime = await ActorRuntime.start('driver', config, (start) => driverDefaults(start, config.seed), [], {});
  const control = [...driverControl(runtime), ...convergedOfferControl(runtime), ...supportCall(runtime)];
  const app = actorApp(runtime, { tmf: [], partyApi: inboxApi(runtime), control });
  return serve(runtime, app, port);
}
