import { Router } from 'express';
import { harnessOnly } from '../../../tmf/auth.ts';
import { badRequest } from '../../../tmf/errors.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { TicketData } from '../data.ts';
import { reportMeasurement } from '../processes/sla.ts';
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
  /** `{metric, value, subject, customer?}`: monitoring reports a measurement (9.21). */
  router.post('/sla-measurement', harnessOnly, async (req, res) => {
    const body = req.body ?? {};
    if (typeof body.value !== 'string' && typeof body.value !== 'number') throw badRequest('Missing value', "The request needs 'value'");
    const violations = await reportMeasurement(runtime, { metric: text(body.metric, 'metric'), value: body.value, subject: text(body.subject, 'subject'), customer: body.customer });
    res.status(201).json({ violations });
  });
  return router;
}
