import { http, HttpResponse, type HttpHandler } from 'msw';
import { basePath, type ApiId } from '../tmf/apis.ts';
import type { RequestLog } from './request-log.ts';

/** A mocked peer's TMF hub of one API at `baseUrl`: every subscription is accepted (201) and logged. */
export function hubSubscription(baseUrl: string, api: ApiId, log: RequestLog, idPrefix = 'hub'): HttpHandler {
  const path = `${basePath(api)}/hub`;
  return http.post(`${baseUrl}${path}`, async ({ request }) => {
    const { body } = await log.record(request);
    const { callback, query } = body as { callback: string; query?: string };
    return HttpResponse.json({ id: `${idPrefix}-${api}-${log.to(path).length}`, callback, query: query ?? '' }, { status: 201 });
  });
}
