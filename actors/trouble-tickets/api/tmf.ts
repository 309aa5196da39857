import type { Router } from 'express';
import type { ApiId } from '../../../tmf/apis.ts';
import { items, setOwner } from '../../../tmf/data.ts';
import { resourceRouter, type ResourceHooks } from '../../../tmf/resource.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { TicketData } from '../data.ts';
import { ALARM, alarmMetric, correlate, violationMetric } from '../domain/alarm.ts';
import { originatorOf, REDIRECTED_FROM, refusePingPong, relationshipsOf, ticketReaders } from '../domain/redirect.ts';
import { openTicket, patchedTicket } from '../domain/ticket-status.ts';
import { teamTakesAlarm } from '../processes/resolution-team.ts';
import { RETRIEVE_SLA_INFORMATION } from '../processes/sla.ts';

/**
 * TMF621 troubleTicket and TMF623 sla / slaViolation of a party with a resolution team (the CSP and the
 * OEM): the same rules at both, so the code is shared and each actor registers it with one line.
 */
export function ticketTmfApis<D extends TicketData>(runtime: ActorRuntime<D>): { api: ApiId; router: Router }[] {
  const base = { store: runtime.store, clock: runtime.clock, notifier: runtime.notifier };
  const sla = resourceRouter({ ...base, api: 'TMF623', resource: 'sla', methods: ['GET'] });
  sla.use(resourceRouter({ ...base, api: 'TMF623', resource: 'slaViolation', methods: ['GET', 'POST'], hooks: violationHooks(runtime) }));
  return [
    {
      api: 'TMF621',
      router: resourceRouter({ ...base, api: 'TMF621', resource: 'troubleTicket', methods: ['GET', 'POST', 'PATCH'], hooks: ticketHooks(runtime) }),
    },
    { api: 'TMF623', router: sla },
  ];
}

function ticketHooks<D extends TicketData>(runtime: ActorRuntime<D>): ResourceHooks<D, 'TMF621', 'troubleTicket'> {
  return {
    create(input, { draft, now }) {
      refusePingPong(items(draft, 'TMF621', 'troubleTicket'), input, runtime.id);
      const ticket = openTicket(input, now);
      // A redirected ticket belongs to the trouble's originator, who follows it here; not to the redirecting team.
      const originator = originatorOf(ticket);
      if (originator && relationshipsOf(ticket).some((r) => r.relationshipType === REDIRECTED_FROM)) setOwner(draft, ticket.href, originator);
      const readers = ticketReaders(runtime.id);
      if (readers.length > 0) draft.readers[ticket.href] = readers;
      if (ticket.ticketType !== ALARM) return ticket;
      // The party takes an alarm only about a violation of its own (9.25); its team correlates it (9.26).
      correlate(ticket, items(draft, 'TMF623', 'slaViolation'));
      return teamTakesAlarm(runtime, draft, ticket);
    },
    afterCreate(ticket, { draft }) {
      // 9.24: the team handling the alarm retrieves the call center's information on the violation.
      const metric = ticket.ticketType === ALARM ? alarmMetric(ticket) : undefined;
      if (metric) oweSlaInformation(runtime, draft, metric, ticket.href);
    },
    patch(current, next, { draft, now }) {
      const patched = patchedTicket(current, next, now);
      const handling = draft.alarms?.find((a) => a.ticket === current.id);
      // Closing the alarm ticket ends the violation's handling (9.27).
      if (handling && patched.status === 'closed') handling.state = 'closed';
      return patched;
    },
  };
}

function violationHooks<D extends TicketData>(runtime: ActorRuntime<D>): ResourceHooks<D, 'TMF623', 'slaViolation'> {
  return {
    // A violation told by another party (9.23) is kept as it was reported, dated on arrival when undated.
    create: (input, { now }) => ({ ...input, date: input.date ?? now.toISOString() }),
    // 9.24: told of another party's violation, it retrieves the call center's information on it.
    afterCreate(violation, { draft }) {
      const metric = violationMetric(violation);
      if (metric) oweSlaInformation(runtime, draft, metric, violation.href);
    },
  };
}

/** 9.24 owed in the update that stores its cause (`cause`: the alarm ticket or the violation told). */
function oweSlaInformation<D extends TicketData>(runtime: ActorRuntime<D>, draft: D, metric: string, cause: string): void {
  runtime.owe(draft, RETRIEVE_SLA_INFORMATION, { metric }, { key: `${RETRIEVE_SLA_INFORMATION}:${cause}` });
}
