import type { Router } from 'express';
import { harnessOnly } from '../../../tmf/auth.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { ticketControl } from '../../trouble-tickets/api/control.ts';
import { followCspTickets, settlementRun, ticketInvoiceRun } from '../processes/ticket-settlement.ts';
import type { OemData } from '../store.ts';

/** Figure 9 triggers at the OEM: its resolution team, its ticket follow-up, settlement and ticket invoice. */
export function oemFigure9Control(runtime: ActorRuntime<OemData>): Router {
  const router = ticketControl(runtime);
  router.post('/follow-csp-tickets', harnessOnly, async (_req, res) => {
    res.status(201).json({ subscription: await followCspTickets(runtime) });
  });
  /** `{period: "2026-03"}`: the end of the call center's settlement period (9.10–9.11). */
  router.post('/settlement-run', harnessOnly, async (req, res) => {
    res.status(201).json(await settlementRun(runtime, req.body?.period));
  });
  /** `{period: "2026-03"}`: the OEM invoices the CSP for the period's connectivity tickets (9.14). */
  router.post('/ticket-invoice', harnessOnly, async (req, res) => {
    const bill = await ticketInvoiceRun(runtime, req.body?.period);
    res.status(bill ? 201 : 200).json({ bill: bill ?? null });
  });
  return router;
}
