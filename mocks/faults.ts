import { http, HttpResponse, type HttpHandler } from 'msw';
import { basePath } from '../tmf/apis.ts';
import { CSP_BILL } from './csp-fixtures.ts';
import { cspRequests } from './csp-peer.ts';
import { recordOf } from './recorded-request.ts';

/**
 * Per-test overrides of the mocked peers, for `server.use(...)`: each replaces one route of
 * `oemHandlers` / `cspHandlers` and is dropped again by `server.resetHandlers()`.
 */

/** The CSP's bill CSP_BILL, one cent more than its items add up to (step 7.9 must notice). */
export function billNotMatchingItems(cspBaseUrl: string): HttpHandler {
  return http.get(`${cspBaseUrl}${basePath('TMF678')}/customerBill/:id`, async ({ request }) => {
    cspRequests.push(await recordOf(request));
    const wrong = { unit: 'EUR', value: 1812.31 };
    return HttpResponse.json({ ...CSP_BILL, taxIncludedAmount: wrong, amountDue: wrong });
  });
}

/**
 * The OEM's listener answers `status` to its first `failures` calls, then lets calls through to the
 * regular mock (which records them): what a sender's retry must get past.
 */
export function failingListener(oemBaseUrl: string, failures: number, status = 500): HttpHandler {
  let calls = 0;
  return http.post(`${oemBaseUrl}/listener/:eventName`, () => {
    calls += 1;
    if (calls > failures) return undefined;
    return HttpResponse.json({ code: String(status), reason: 'Injected fault', message: `failure ${calls} of ${failures}` }, { status });
  });
}
