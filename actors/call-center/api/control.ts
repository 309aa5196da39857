import { Router } from 'express';
import { callerOf, harnessOnly, HARNESS_PARTY } from '../../../tmf/auth.ts';
import { forbidden } from '../../../tmf/errors.ts';
import { validateBody } from '../../../tmf/validation.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { SupportRequest } from '../domain/master-ticket.ts';
import { followSettlements } from '../processes/ticket-settlement.ts';
import { followSlaViolations } from '../processes/sla.ts';
import { openSupportTicket } from '../processes/tickets.ts';
import type { CallCenterData } from '../store.ts';

/** The call center's phone line (the driver calls it) and its agents' triggers. */
export function callCenterControl(runtime: ActorRuntime<CallCenterData>): Router {
  const router = Router();
  /** Step 9.1: the driver calls for support. */
  router.post('/support-request', async (req, res) => {
    const caller = callerOf(res).party;
    if (caller !== 'driver' && caller !== HARNESS_PARTY) throw forbidden('Only the driver calls for support');
    validateBody('SupportRequest', req.body);
    const { ticket, resolver } = await openSupportTicket(runtime, req.body as SupportRequest);
    res.status(201).json({ ticket: ticket.id, nature: ticket.ticketType, routedTo: resolver });
  });
  router.post('/follow-settlements', harnessOnly, async (_req, res) => {
    res.status(201).json({ subscription: await followSettlements(runtime) });
  });
  /** Step 9.20. */
  router.post('/follow-sla-violations', harnessOnly, async (_req, res) => {
    res.status(201).json({ subscriptions: await followSlaViolations(runtime) });
  });
  return router;
}
