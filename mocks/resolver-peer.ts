import { http, HttpResponse, type HttpHandler } from 'msw';
import type { Resolver } from '../actors/trouble-tickets/domain/redirect.ts';
import { basePath } from '../tmf/apis.ts';
import { hrefOf } from '../tmf/resource.ts';
import { hubSubscription } from './hub-subscription.ts';
import { RequestLog } from './request-log.ts';

/** What each mocked resolver was asked by the call center. Empty them with `resetResolverRequests`. */
export const resolverRequests: Record<Resolver, RequestLog> = { csp: new RequestLog(), 'car-manufacturer': new RequestLog() };

export function resetResolverRequests(): void {
  for (const log of Object.values(resolverRequests)) log.reset();
}

export const TICKETS = `${basePath('TMF621')}/troubleTicket`;

/** The id the mocked resolver gives the n-th ticket it receives, e.g. `tt-csp-1`. */
export const resolverTicketId = (party: Resolver, n: number) => `tt-${party}-${n}`;

/**
 * A resolution team (the CSP or the OEM) as the call center's peer at `baseUrl`: its TMF621 hub, and
 * trouble tickets it acknowledges on creation and accepts changes of. Each request is logged in
 * `resolverRequests[party]`.
 */
export function resolverHandlers(party: Resolver, baseUrl: string): HttpHandler[] {
  const log = resolverRequests[party];
  return [
    hubSubscription(baseUrl, 'TMF621', log, `hub-${party}`),
    http.post(`${baseUrl}${TICKETS}`, async ({ request }) => {
      const { body } = await log.record(request);
      const id = resolverTicketId(party, log.to(TICKETS).length);
      return HttpResponse.json({ ...(body as object), id, href: hrefOf('TMF621', 'troubleTicket', id), '@type': 'TroubleTicket', status: 'acknowledged' }, { status: 201 });
    }),
    http.patch(`${baseUrl}${TICKETS}/:id`, async ({ request, params }) => {
      const { body } = await log.record(request);
      const id = String(params.id);
      return HttpResponse.json({ ticketType: 'connectivity', severity: 'minor', description: 'mocked', ...(body as object), id, href: hrefOf('TMF621', 'troubleTicket', id), '@type': 'TroubleTicket' });
    }),
  ];
}
