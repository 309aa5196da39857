import { ANSWER_PARTNER_NOTE, answerPartnerNoteEffect } from '../kit/partner-note.ts';
import { cpPayeeRecords } from './domain/partner-settlement.ts';
import type { ActorConfig } from '../kit/config.ts';
import { actorApp } from '../kit/app.ts';
import { ActorRuntime } from '../kit/runtime.ts';
import { serve, type RunningActor } from '../kit/serve.ts';
import { cpControl } from './api/control.ts';
import { cpListeners } from './api/listeners.ts';
import { cpTmfApis } from './api/tmf.ts';
import { cpBootstrap, cpBundles } from './bundles.ts';
import { cpDefaults } from './store.ts';
import { COMPLETE_ACTIVATION, completeActivationEffect } from './processes/converged-offer.ts';

/** The infotainment content provider: its own catalog, converged offers with the CSP, activation, a sales channel. */
export async function startContentProvider(config: ActorConfig, port = 0): Promise<RunningActor> {
  const runtime = await ActorRuntime.start('content-provider', config, cpDefaults, cpBundles, cpBootstrap);
  const app = actorApp(runtime, {
    tmf: cpTmfApis(runtime),
    control: cpControl(runtime),
    listeners: cpListeners(runtime),
    effects: { [COMPLETE_ACTIVATION.name]: completeActivationEffect(runtime), [ANSWER_PARTNER_NOTE]: answerPartnerNoteEffect(runtime, cpPayeeRecords) },
  });
  return serve(runtime, app, port);
}
