import { dateTime, obj, period, str, text } from '../../kit/control-contract.ts';
import { controlRoute, type ControlRoute } from '../../kit/control-router.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { TicketData } from '../data.ts';
import { followOwnSla } from '../processes/resolution-team.ts';
import { measurePeriod, scheduleFault } from '../processes/sla.ts';
import { redirectTicket, setTicketStatus } from '../processes/tickets.ts';

/** The resolution team's levers (what its agents and its monitoring do), driven by the harness. */
export function ticketControl<D extends TicketData>(runtime: ActorRuntime<D>): ControlRoute[] {
  return [
    controlRoute(
      {
        method: 'post',
        path: '/control/ticket-status',
        summary: 'The team works on a ticket (acknowledged → inProgress → resolved)',
        caller: 'harness',
        steps: ['9.5', '9.6'],
        body: obj({ ticket: text, status: text, reason: str, note: str }, ['ticket', 'status']),
        response: { status: 200, description: 'the TMF621 ticket' },
      },
      async (req, res) => {
        res.json(await setTicketStatus(runtime, req.body.ticket, req.body.status, req.body.reason, req.body.note));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/redirect-ticket',
        summary: 'A misdirected ticket is sent to the right party',
        caller: 'harness',
        steps: ['9.4'],
        body: obj({ ticket: text, to: text, reason: text }, ['ticket', 'to', 'reason']),
        response: { status: 200, description: 'the redirected TMF621 ticket' },
      },
      async (req, res) => {
        res.json(await redirectTicket(runtime, req.body.ticket, req.body.to, req.body.reason));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/schedule-fault',
        summary: 'A fault of the service in the simulated operation (an outage)',
        caller: 'harness',
        body: obj({ start: dateTime, durationMinutes: { type: 'number', exclusiveMinimum: 0 }, description: str }, ['start', 'durationMinutes']),
        response: { status: 201, description: 'the fault scheduled' },
      },
      async (req, res) => {
        res.status(201).json(await scheduleFault(runtime, req.body.start, req.body.durationMinutes, String(req.body.description ?? 'fault')));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/sla-period-end',
        summary: "The end of a measurement period: monitoring measures the period's operation",
        caller: 'harness',
        steps: ['9.21'],
        body: obj({ period }, ['period']),
        response: { status: 201, description: 'the measurements and the SLA violations found' },
      },
      async (req, res) => {
        res.status(201).json(await measurePeriod(runtime, req.body.period));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/resolution-team/follow-sla',
        summary: "The resolution team listens to its own party's SLA violations (the party's TMF623 hub, through the wire)",
        caller: 'harness',
        steps: ['9.26'],
        response: { status: 201, description: 'the subscription id' },
      },
      async (_req, res) => {
        res.status(201).json({ subscription: await followOwnSla(runtime) });
      },
    ),
  ];
}
