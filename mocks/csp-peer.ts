import { http, HttpResponse, type HttpHandler } from 'msw';
import { basePath } from '../tmf/apis.ts';
import { hrefOf } from '../tmf/resource.ts';
import { CSP_BILL, CSP_BILL_RATES, CSP_OFFERS } from './csp-fixtures.ts';
import { recordOf, type RecordedRequest } from './recorded-request.ts';

/** Every request the mocked CSP answered, oldest first. Empty it with `resetCspRequests` between tests. */
export const cspRequests: RecordedRequest[] = [];

export function resetCspRequests(): void {
  cspRequests.length = 0;
}

/** Requests the mocked CSP received on one path (the query string aside). */
export const cspRequestsTo = (path: string): RecordedRequest[] => cspRequests.filter((r) => r.path === path);

const notFound = (what: string) => HttpResponse.json({ code: '404', reason: 'Not found', message: `${what} not found` }, { status: 404 });

/**
 * The CSP as the OEM's peer at `baseUrl` (e.g. http://csp.test): the TMF622 and TMF678 hubs, product
 * orders (acknowledged), the infotainment offers of CSP_OFFERS, and the bill CSP_BILL with its items.
 * Each answered request is recorded in `cspRequests`. Override single routes per test with `server.use`.
 */
export function cspHandlers(baseUrl: string): HttpHandler[] {
  const at = (path: string) => `${baseUrl}${path}`;
  const recorded = async (request: Request) => {
    const record = await recordOf(request);
    cspRequests.push(record);
    return record;
  };
  const hub = (api: 'TMF622' | 'TMF678') =>
    http.post(at(`${basePath(api)}/hub`), async ({ request }) => {
      const { body } = await recorded(request);
      const { callback, query } = body as { callback: string; query?: string };
      const id = `hub-${api}-${cspRequestsTo(`${basePath(api)}/hub`).length}`;
      return HttpResponse.json({ id, callback, query: query ?? '' }, { status: 201 });
    });
  return [
    hub('TMF622'),
    hub('TMF678'),
    http.post(at(`${basePath('TMF622')}/productOrder`), async ({ request }) => {
      const { body } = await recorded(request);
      const id = `productOrder-mock-${cspRequestsTo(`${basePath('TMF622')}/productOrder`).length}`;
      const order = { ...(body as object), id, href: hrefOf('TMF622', 'productOrder', id), '@type': 'ProductOrder', state: 'acknowledged' };
      return HttpResponse.json(order, { status: 201, headers: { location: order.href } });
    }),
    http.get(at(`${basePath('TMF620')}/productOffering`), async ({ request }) => {
      await recorded(request);
      return HttpResponse.json(CSP_OFFERS, { headers: { 'x-total-count': String(CSP_OFFERS.length) } });
    }),
    http.get(at(`${basePath('TMF678')}/customerBill/:id`), async ({ request, params }) => {
      await recorded(request);
      return params.id === CSP_BILL.id ? HttpResponse.json(CSP_BILL) : notFound(`customerBill ${String(params.id)}`);
    }),
    http.get(at(`${basePath('TMF678')}/appliedCustomerBillingRate`), async ({ request }) => {
      const { query } = await recorded(request);
      const rates = CSP_BILL_RATES.filter((r) => (r.bill as { id: string }).id === query.get('bill.id'));
      return HttpResponse.json(rates, { headers: { 'x-total-count': String(rates.length) } });
    }),
  ];
}
