import { PARTY_API } from '../../../core/party-api.ts';
import { HARNESS_PARTY } from '../../../tmf/auth.ts';
import { controlRoute, type ControlRoute } from '../../kit/control-router.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { SupportRequest } from '../domain/master-ticket.ts';
import { followSettlements } from '../processes/ticket-settlement.ts';
import { followSlaViolations } from '../processes/sla.ts';
import { openSupportTicket } from '../processes/tickets.ts';
import type { CallCenterData } from '../store.ts';

/** The call center's phone line (the driver calls it) and its agents' triggers. */
export function callCenterControl(runtime: ActorRuntime<CallCenterData>): ControlRoute[] {
  return [
    controlRoute(
      {
        method: 'post',
        path: PARTY_API.supportRequest,
        summary: 'The driver calls for support',
        steps: ['9.1'],
        caller: { parties: ['driver', HARNESS_PARTY], refusal: 'Only the driver calls for support' },
        body: 'SupportRequest',
        response: { status: 201, description: 'the master ticket, its nature and the party it was routed to' },
      },
      async (req, res) => {
        const { ticket, resolver } = await openSupportTicket(runtime, req.body as SupportRequest);
        res.status(201).json({ ticket: ticket.id, nature: ticket.ticketType, routedTo: resolver });
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/follow-settlements',
        summary: "Subscribe to the OEM's settlement note advices",
        caller: 'harness',
        steps: ['9.11'],
        response: { status: 201, description: 'the hub subscription' },
      },
      async (_req, res) => {
        res.status(201).json({ subscription: await followSettlements(runtime) });
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/follow-sla-violations',
        summary: 'Subscribe to SLA violations at the CSP and the OEM',
        caller: 'harness',
        steps: ['9.20'],
        response: { status: 201, description: 'the hub subscriptions' },
      },
      async (_req, res) => {
        res.status(201).json({ subscriptions: await followSlaViolations(runtime) });
      },
    ),
  ];
}
