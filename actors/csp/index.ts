import { VERIFY_CONVERGED_OFFERING, verifyConvergedOfferingEffect } from './processes/converged-offer.ts';
import { ANSWER_PARTNER_NOTE, answerPartnerNoteEffect } from '../kit/partner-note.ts';
import { cspPayeeRecords } from './domain/partner-settlement.ts';
import { RETRIEVE_SLA_INFORMATION, retrieveSlaInformationEffect } from '../trouble-tickets/processes/sla.ts';
import type { ActorConfig } from '../kit/config.ts';
import { actorApp } from '../kit/app.ts';
import { ActorRuntime } from '../kit/runtime.ts';
import { serve, type RunningActor } from '../kit/serve.ts';
import { mergeHandlers } from '../../tmf/hub.ts';
import { cspControl } from './api/control.ts';
import { cspFigure9Listeners } from './api/tickets.ts';
import { cspTmfApis } from './api/tmf.ts';
import { usageBatchRouter } from './api/usage-batch.ts';
import { convergedOfferListeners } from './api/converged-offer.ts';
import { cspBootstrap, cspBundles } from './bundles.ts';
import { INVOICE_NOTICE, invoiceNoticeEffect } from './processes/invoice-notice.ts';
import { cspDefaults } from './store.ts';
import { USAGE_BOOK, UsageBook } from './usage-book/book.ts';
import { moveUsageIntoBook } from './usage-book/from-document.ts';
import { resolutionTeamUnit } from '../trouble-tickets/processes/resolution-team.ts';
import { mediatePending } from './processes/mediation.ts';
import { figure9Effects } from './processes/ticket-settlement-payment.ts';
import { FULFIL_ORDER, fulfilOrderEffect } from './processes/fulfilment.ts';

/** The CSP (telecom operator): catalog, ordering, parties, accounts, inventory, billing. */
export async function startCsp(config: ActorConfig, port = 0): Promise<RunningActor> {
  const runtime = await ActorRuntime.start('csp', config, cspDefaults, cspBundles, cspBootstrap);
  const book = UsageBook.open(config.storage, runtime.store.data.usageLedger.log);
  runtime.store.attach(book);
  await moveUsageIntoBook(runtime.store, book);
  runtime.keepOutside(USAGE_BOOK, book);
  runtime.atStop(() => book.close());
  // Records received before a restart and not yet mediated are mediated now, in their order. Safe as
  // background work: the queue is in the store, each step its own update, so a kill loses no record.
  if (runtime.store.data.usageLedger.pending?.length) runtime.background(() => mediatePending(runtime, book));
  const listeners = mergeHandlers(convergedOfferListeners(runtime), cspFigure9Listeners(runtime));
  const app = actorApp(runtime, {
    tmf: cspTmfApis(runtime, book),
    control: cspControl(runtime, book),
    partyApi: usageBatchRouter(runtime, book),
    listeners,
    units: resolutionTeamUnit(runtime),
    effects: {
      [INVOICE_NOTICE]: invoiceNoticeEffect(runtime),
      [FULFIL_ORDER]: fulfilOrderEffect(runtime),
      [RETRIEVE_SLA_INFORMATION]: retrieveSlaInformationEffect(runtime),
      [VERIFY_CONVERGED_OFFERING]: verifyConvergedOfferingEffect(runtime),
      [ANSWER_PARTNER_NOTE]: answerPartnerNoteEffect(runtime, cspPayeeRecords),
      ...figure9Effects(runtime),
    },
  });
  return serve(runtime, app, port);
}
