import { http, HttpResponse, type HttpHandler } from 'msw';
import { PARTY_API } from '../core/party-api.ts';
import { RequestLog } from './request-log.ts';
import { hasBearer, unauthorized } from './unauthorized.ts';

/** The messages the mocked driver's inbox accepted, oldest first. Empty it between tests. */
export const driverInbox = new RequestLog();

/** The driver's inbox as a peer at `baseUrl`: like the real one it wants a credential, then accepts (201). */
export function inboxHandlers(baseUrl: string): HttpHandler[] {
  return [
    http.post(`${baseUrl}${PARTY_API.inbox}`, async ({ request }) => {
      if (!hasBearer(request)) return unauthorized();
      const { body } = await driverInbox.record(request);
      return HttpResponse.json(body as object, { status: 201 });
    }),
  ];
}
