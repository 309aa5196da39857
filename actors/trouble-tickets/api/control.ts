import { Router } from 'express';
import { harnessOnly } from '../../../tmf/auth.ts';
import { badRequest } from '../../../tmf/errors.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { TicketData } from '../data.ts';
import { followOwnSla } from '../processes/resolution-team.ts';
import { measurePeriod, scheduleFault } from '../processes/sla.ts';
import { redirectTicket, setTicketStatus } from '../processes/tickets.ts';

const text = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value === '') throw badRequest(`Missing ${name}`, `The request needs '${name}'`);
  return value;
};

/** The resolution team's levers (what its agents and its monitoring do), driven by the harness. */
export function ticketControl<D extends TicketData>(runtime: ActorRuntime<D>): Router {
  const router = Router();
  /** `{ticket, status, reason?, note?}`: the team works on a ticket (acknowledged → inProgress → resolved). */
  router.post('/ticket-status', harnessOnly, async (req, res) => {
    res.json(await setTicketStatus(runtime, text(req.body?.ticket, 'ticket'), req.body?.status, req.body?.reason, req.body?.note));
  });
  /** `{ticket, to, reason}`: a misdirected ticket is sent to the right party (9.4). */
  router.post('/redirect-ticket', harnessOnly, async (req, res) => {
    res.json(await redirectTicket(runtime, text(req.body?.ticket, 'ticket'), text(req.body?.to, 'to'), text(req.body?.reason, 'reason')));
  });
  /** `{start, durationMinutes, description}`: a fault of the service in the simulated operation (an outage). */
  router.post('/schedule-fault', harnessOnly, async (req, res) => {
    res.status(201).json(await scheduleFault(runtime, text(req.body?.start, 'start'), Number(req.body?.durationMinutes), String(req.body?.description ?? 'fault')));
  });
  /** `{period: "2026-03"}`: the end of a measurement period: monitoring measures the period's operation (9.21). */
  router.post('/sla-period-end', harnessOnly, async (req, res) => {
    res.status(201).json(await measurePeriod(runtime, text(req.body?.period, 'period')));
  });
  /** The resolution team starts listening to its own party's SLA violations (the hub, through the wire). */
  router.post('/resolution-team/follow-sla', harnessOnly, async (_req, res) => {
    res.status(201).json({ subscription: await followOwnSla(runtime) });
  });
  return router;
}
