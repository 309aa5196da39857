import { obj, text } from '../../kit/control-contract.ts';
import { controlRoute, type ControlRoute } from '../../kit/control-router.ts';
import { callerOf } from '../../../tmf/auth.ts';
import { type EventHandler, eventResource } from '../../../tmf/hub.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { ticketControl } from '../../trouble-tickets/api/control.ts';
import { followPartnerBills, followSettlementsToPay, PARTNER_BILL_CHECK, PAY_ON_ACCEPTANCE, paySettlement } from '../processes/ticket-settlement-payment.ts';
import type { CspData } from '../store.ts';

/** Figure 9 triggers at the CSP: its resolution team, the settlement payment and the OEM's bills. */
export function cspFigure9Control(runtime: ActorRuntime<CspData>): ControlRoute[] {
  return [
    ...ticketControl(runtime),
    controlRoute(
      {
        method: 'post',
        path: '/control/settlement-payment',
        summary: "Accounts payable pays the call center's settlement note advice",
        caller: 'harness',
        steps: ['9.13'],
        body: obj({ note: text }, ['note']),
        response: { status: 201, description: 'the TMF676 payment' },
      },
      async (req, res) => {
        res.status(201).json(await paySettlement(runtime, req.body.note));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/follow-partner-bills',
        summary: "Subscribe to the OEM's bills and to the settlement notes to pay",
        caller: 'harness',
        steps: ['9.14'],
        response: { status: 201, description: 'the hub subscriptions' },
      },
      async (_req, res) => {
        res.status(201).json({ subscription: await followPartnerBills(runtime), settlements: await followSettlementsToPay(runtime) });
      },
    ),
  ];
}

/** What the CSP does when the OEM tells it of a bill (9.14). */
export function cspFigure9Listeners(runtime: ActorRuntime<CspData>): Record<string, EventHandler> {
  return {
    CustomerBillCreateEvent: (event, req) => {
      if (req.res && callerOf(req.res).party !== 'car-manufacturer') return;
      const bill = eventResource(event, 'TMF678', 'customerBill');
      if (!bill) return;
      return PARTNER_BILL_CHECK.owing(runtime, { billId: bill.id }, { key: `${PARTNER_BILL_CHECK}:${bill.id}` });
    },
    /** 9.12 → 9.13: the call center accepted an advice the CSP pays; the payment is owed with the event's receipt. */
    SettlementNoteAdviceStateChangeEvent: (event, req) => {
      if (req.res && callerOf(req.res).party !== 'car-manufacturer') return;
      const note = eventResource(event, 'BillingV2', 'settlementNoteAdvice');
      if (note?.state !== 'accepted') return;
      return PAY_ON_ACCEPTANCE.owing(
        runtime,
        { note },
        { key: `${PAY_ON_ACCEPTANCE}:${String(note.id)}:${String(note.state)}`, lane: `${PAY_ON_ACCEPTANCE}:${String(note.id)}` },
      );
    },
  };
}
