import { RETRIEVE_SLA_INFORMATION, retrieveSlaInformationEffect } from '../trouble-tickets/processes/sla.ts';
import { oemEffects } from './processes/effects.ts';
import type { ActorConfig } from '../kit/config.ts';
import { actorApp } from '../kit/app.ts';
import { ActorRuntime } from '../kit/runtime.ts';
import { serve, type RunningActor } from '../kit/serve.ts';
import { oemControl } from './api/control.ts';
import { oemListeners } from './api/listeners.ts';
import { oemTmfApis } from './api/tmf.ts';
import { oemBootstrap, oemBundles } from './bundles.ts';
import { INVOICE_CONTROL, invoiceControlEffect } from './processes/partner-setup.ts';
import { oemDefaults } from './store.ts';
import { resolutionTeamUnit } from '../trouble-tickets/processes/resolution-team.ts';

/** The car manufacturer (OEM): partner of the CSP, seller of infotainment services, central catalog. */
export async function startCarManufacturer(config: ActorConfig, port = 0): Promise<RunningActor> {
  const runtime = await ActorRuntime.start('car-manufacturer', config, oemDefaults, oemBundles, oemBootstrap);
  const app = actorApp(runtime, {
    tmf: oemTmfApis(runtime),
    control: oemControl(runtime),
    listeners: oemListeners(runtime),
    units: resolutionTeamUnit(runtime),
    effects: {
      [INVOICE_CONTROL.name]: invoiceControlEffect(runtime),
      ...oemEffects(runtime),
      [RETRIEVE_SLA_INFORMATION]: retrieveSlaInformationEffect(runtime),
    },
  });
  return serve(runtime, app, port);
}
