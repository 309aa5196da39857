import { http, HttpResponse, type HttpHandler, type JsonBodyType } from 'msw';
import { PARTY_API } from '../core/party-api.ts';
import { basePath } from '../tmf/apis.ts';
import { hrefOf } from '../tmf/resource.ts';
import { RequestLog } from './request-log.ts';

/** The parties the driver calls. */
export type DriverPeer = 'car-manufacturer' | 'call-center' | 'content-provider' | 'csp';

/** What each mocked peer was asked by the driver. Empty them with `resetDriverPeerRequests`. */
export const driverPeerRequests: Record<DriverPeer, RequestLog> = {
  'car-manufacturer': new RequestLog(),
  'call-center': new RequestLog(),
  'content-provider': new RequestLog(),
  csp: new RequestLog(),
};

export function resetDriverPeerRequests(): void {
  for (const log of Object.values(driverPeerRequests)) log.reset();
}

export const USAGES = `${basePath('TMF635')}/usage`;

/** A party-API endpoint of one peer that logs the request and answers `status` with `answer(body)`. */
function partyApi(peer: DriverPeer, url: string, path: string, status: number, answer: (body: Record<string, unknown>) => JsonBodyType): HttpHandler {
  return http.post(`${url}${path}`, async ({ request }) => {
    const { body } = await driverPeerRequests[peer].record(request);
    return HttpResponse.json(answer(body as Record<string, unknown>), { status });
  });
}

const channelOrder = (body: Record<string, unknown>) => ({
  id: 'productOrder-0001',
  href: hrefOf('TMF622', 'productOrder', 'productOrder-0001'),
  '@type': 'ProductOrder',
  state: 'acknowledged',
  externalId: body.customerId,
});

/**
 * The driver's peers at their `urls`, each accepting what the driver sends in the flows: the OEM its
 * service selection (8.2), portal order (11.1) and channel order; the call center a support request
 * (9.1); the content provider an activation request (11.6) and channel order; the CSP a channel order
 * and the car's usage records (8.9, rated). Override single routes per test with `server.use`.
 */
export function driverPeersHandlers(urls: Record<DriverPeer, string>): HttpHandler[] {
  const oem = urls['car-manufacturer'];
  const cp = urls['content-provider'];
  return [
    partyApi('car-manufacturer', oem, PARTY_API.serviceSelection, 202, () => ({ accepted: true })),
    partyApi('car-manufacturer', oem, PARTY_API.portalOrder, 201, channelOrder),
    partyApi('car-manufacturer', oem, PARTY_API.channelOrder, 201, channelOrder),
    partyApi('call-center', urls['call-center'], PARTY_API.supportRequest, 201, () => ({
      ticket: 'troubleTicket-0001',
      nature: 'connectivity',
      routedTo: 'csp',
    })),
    partyApi('content-provider', cp, PARTY_API.activationRequest, 202, () => ({ product: 'product-0001', cspOrder: 'productOrder-0001' })),
    partyApi('content-provider', cp, PARTY_API.channelOrder, 201, channelOrder),
    partyApi('csp', urls.csp, PARTY_API.channelOrder, 201, channelOrder),
    http.post(`${urls.csp}${USAGES}`, async ({ request }) => {
      const { body } = await driverPeerRequests.csp.record(request);
      const id = `usage-${driverPeerRequests.csp.to(USAGES).length}`;
      return HttpResponse.json({ ...(body as object), id, href: hrefOf('TMF635', 'usage', id), '@type': 'Usage', status: 'rated' }, { status: 201 });
    }),
  ];
}

/** The content provider refuses an activation (the customer owns no converged service): a 409 to pass on. */
export function refusedActivation(cpUrl: string): HttpHandler {
  return http.post(`${cpUrl}${PARTY_API.activationRequest}`, async ({ request }) => {
    await driverPeerRequests['content-provider'].record(request);
    return HttpResponse.json(
      { code: 'NOT_OWNED', reason: 'Service not owned', message: 'customer-1 has not bought a converged offer of this provider' },
      { status: 409 },
    );
  });
}
