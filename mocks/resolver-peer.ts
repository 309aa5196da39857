import { http, HttpResponse, type HttpHandler } from 'msw';
import type { Resolver } from '../actors/trouble-tickets/domain/redirect.ts';
import { basePath } from '../tmf/apis.ts';
import { hrefOf } from '../tmf/resource.ts';
import { hubSubscription } from './hub-subscription.ts';
import { RequestLog } from './request-log.ts';

/** What each mocked resolver was asked by the call center. Empty them with `resetResolverRequests`. */
export const resolverRequests: Record<Resolver, RequestLog> = { csp: new RequestLog(), 'car-manufacturer': new RequestLog() };

/** The tickets each mocked resolver holds, by id: what it answers reads with. */
const held: Record<Resolver, Map<string, Record<string, unknown>>> = { csp: new Map(), 'car-manufacturer': new Map() };

export function resetResolverRequests(): void {
  for (const log of Object.values(resolverRequests)) log.reset();
  for (const tickets of Object.values(held)) tickets.clear();
}

export const TICKETS = `${basePath('TMF621')}/troubleTicket`;

/** The id the mocked resolver gives the n-th ticket it receives, e.g. `tt-csp-1`. */
export const resolverTicketId = (party: Resolver, n: number) => `tt-${party}-${n}`;

/**
 * A resolution team (the CSP or the OEM) as the call center's peer at `baseUrl`: its TMF621 hub, and
 * trouble tickets it acknowledges on creation and accepts changes of, and reads of those tickets (a
 * list filtered by `externalId`, one by id). Each change is logged in `resolverRequests[party]`; reads
 * change nothing and are not logged.
 */
export function resolverHandlers(party: Resolver, baseUrl: string): HttpHandler[] {
  const log = resolverRequests[party];
  return [
    hubSubscription(baseUrl, 'TMF621', log, `hub-${party}`),
    http.post(`${baseUrl}${TICKETS}`, async ({ request }) => {
      const { body } = await log.record(request);
      const id = resolverTicketId(party, log.to(TICKETS).length);
      const ticket = { ...(body as object), id, href: hrefOf('TMF621', 'troubleTicket', id), '@type': 'TroubleTicket', status: 'acknowledged' };
      held[party].set(id, ticket);
      return HttpResponse.json(ticket, { status: 201 });
    }),
    http.patch(`${baseUrl}${TICKETS}/:id`, async ({ request, params }) => {
      const { body } = await log.record(request);
      const id = String(params.id);
      const ticket = {
        ticketType: 'connectivity',
        severity: 'minor',
        description: 'mocked',
        ...held[party].get(id),
        ...(body as object),
        id,
        href: hrefOf('TMF621', 'troubleTicket', id),
        '@type': 'TroubleTicket',
      };
      held[party].set(id, ticket);
      return HttpResponse.json(ticket);
    }),
    http.get(`${baseUrl}${TICKETS}`, ({ request }) => {
      const externalId = new URL(request.url).searchParams.get('externalId');
      return HttpResponse.json([...held[party].values()].filter((t) => externalId === null || t.externalId === externalId));
    }),
    http.get(`${baseUrl}${TICKETS}/:id`, ({ params }) => {
      const ticket = held[party].get(String(params.id));
      return ticket ? HttpResponse.json(ticket) : HttpResponse.json({ code: 'NOT_FOUND', reason: 'troubleTicket not found', status: '404' }, { status: 404 });
    }),
  ];
}
