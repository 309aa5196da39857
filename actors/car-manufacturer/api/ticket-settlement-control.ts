import { obj, period } from '../../kit/control-contract.ts';
import { controlRoute, type ControlRoute } from '../../kit/control-router.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { ticketControl } from '../../trouble-tickets/api/control.ts';
import { followCspTickets, settlementRun, ticketInvoiceRun } from '../processes/ticket-settlement.ts';
import type { OemData } from '../store.ts';

/** Figure 9 triggers at the OEM: its resolution team, its ticket follow-up, settlement and ticket invoice. */
export function oemFigure9Control(runtime: ActorRuntime<OemData>): ControlRoute[] {
  return [
    ...ticketControl(runtime),
    controlRoute(
      {
        method: 'post',
        path: '/control/follow-csp-tickets',
        summary: "Subscribe to the CSP's trouble tickets",
        caller: 'harness',
        steps: ['9.9'],
        response: { status: 201, description: 'the hub subscription' },
      },
      async (_req, res) => {
        res.status(201).json({ subscription: await followCspTickets(runtime) });
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/settlement-run',
        summary: "The end of the call center's settlement period",
        caller: 'harness',
        steps: ['9.10', '9.11'],
        body: obj({ period }),
        response: { status: 201, description: 'the settlement note advice' },
      },
      async (req, res) => {
        res.status(201).json(await settlementRun(runtime, req.body?.period));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/ticket-invoice',
        summary: "The OEM invoices the CSP for the period's connectivity tickets",
        caller: 'harness',
        steps: ['9.14'],
        body: obj({ period }),
        response: { status: 201, description: 'the bill (200 with `bill: null` when there is nothing to invoice)' },
      },
      async (req, res) => {
        const bill = await ticketInvoiceRun(runtime, req.body?.period);
        res.status(bill ? 201 : 200).json({ bill: bill ?? null });
      },
    ),
  ];
}
