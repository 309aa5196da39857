import type { Router } from 'express';
import { callerOf, harnessOnly } from '../../../tmf/auth.ts';
import { badRequest } from '../../../tmf/errors.ts';
import type { EventHandler } from '../../../tmf/hub.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { ticketControl } from '../../trouble-tickets/api/control.ts';
import { followPartnerBills, followSettlementsToPay, payOnAcceptance, paySettlement, retrievePartnerBill } from '../processes/ticket-settlement-payment.ts';
import type { Entity } from '../../../tmf/data.ts';
import type { CspData } from '../store.ts';

/** Figure 9 triggers at the CSP: its resolution team, the settlement payment and the OEM's bills. */
export function cspFigure9Control(runtime: ActorRuntime<CspData>): Router {
  const router = ticketControl(runtime);
  /** `{note}`: accounts payable pays the call center's settlement note advice (9.13). */
  router.post('/settlement-payment', harnessOnly, async (req, res) => {
    if (typeof req.body?.note !== 'string') throw badRequest('Missing note', "The request needs 'note', the settlement note advice id");
    res.status(201).json(await paySettlement(runtime, req.body.note));
  });
  router.post('/follow-partner-bills', harnessOnly, async (_req, res) => {
    res.status(201).json({ subscription: await followPartnerBills(runtime), settlements: await followSettlementsToPay(runtime) });
  });
  return router;
}

/** What the CSP does when the OEM tells it of a bill (9.14). */
export function cspFigure9Listeners(runtime: ActorRuntime<CspData>): Record<string, EventHandler> {
  return {
    CustomerBillCreateEvent: (event, req) => {
      if (req.res && callerOf(req.res).party !== 'car-manufacturer') return;
      const bill = event.event.customerBill as { id: string };
      runtime.background(() => retrievePartnerBill(runtime, bill.id));
    },
    /** 9.12 → 9.13: the call center accepted an advice the CSP pays. */
    SettlementNoteAdviceStateChangeEvent: (event, req) => {
      if (req.res && callerOf(req.res).party !== 'car-manufacturer') return;
      runtime.background(() => payOnAcceptance(runtime, event.event.settlementNoteAdvice as Entity));
    },
  };
}
