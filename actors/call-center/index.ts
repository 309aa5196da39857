import type { ActorConfig } from '../kit/config.ts';
import { actorApp } from '../kit/app.ts';
import { FETCH_NOTE, fetchNoteEffect, MARK_PAID, markPaidEffect, NOTE_CHANGED, noteChangedEffect } from './processes/ticket-settlement.ts';
import { ActorRuntime } from '../kit/runtime.ts';
import { serve, type RunningActor } from '../kit/serve.ts';
import { callCenterControl } from './api/control.ts';
import { CLOSE_TROUBLE, closeTroubleEffect, SEND_TO_RESOLVER, sendToResolverEffect } from './processes/tickets.ts';
import { HANDLE_VIOLATION, handleViolationEffect, TELL_VIOLATION, tellViolationEffect } from './processes/sla.ts';
import { callCenterListeners } from './api/listeners.ts';
import { callCenterTmfApis } from './api/tmf.ts';
import { callCenterBootstrap, callCenterBundles } from './bundles.ts';
import { callCenterDefaults } from './store.ts';

/** The call center: the driver's phone line, master trouble tickets, SLA follow-up, and its settlements. */
export async function startCallCenter(config: ActorConfig, port = 0): Promise<RunningActor> {
  const runtime = await ActorRuntime.start('call-center', config, callCenterDefaults, callCenterBundles, callCenterBootstrap);
  const app = actorApp(runtime, {
    tmf: callCenterTmfApis(runtime),
    control: callCenterControl(runtime),
    listeners: callCenterListeners(runtime),
    effects: {
      [FETCH_NOTE.name]: fetchNoteEffect(runtime),
      [MARK_PAID.name]: markPaidEffect(runtime),
      [NOTE_CHANGED.name]: noteChangedEffect(runtime),
      [SEND_TO_RESOLVER.name]: sendToResolverEffect(runtime),
      [CLOSE_TROUBLE.name]: closeTroubleEffect(runtime),
      [HANDLE_VIOLATION.name]: handleViolationEffect(runtime),
      [TELL_VIOLATION.name]: tellViolationEffect(runtime),
    },
  });
  return serve(runtime, app, port);
}
