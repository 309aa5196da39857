/**
 * What a mocked peer saw of one request: enough for a component test to assert who called, where,
 * with which credential and what body, without keeping msw's Request objects (their bodies are streams).
 */
export interface RecordedRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/tmf-api/customerBillManagement/v4/customerBill/bill-0001`. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The bearer key presented, or undefined when the request carried none. */
  readonly apiKey: string | undefined;
  /** The parsed JSON body, or undefined for a request without one. */
  readonly body: unknown;
}

/** Reads a request into a record; the caller's Request is cloned, so a handler may still read it. */
export async function recordOf(request: Request): Promise<RecordedRequest> {
  const url = new URL(request.url);
  const text = await request.clone().text();
  return {
    method: request.method,
    path: url.pathname,
    query: url.searchParams,
    apiKey: /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1],
    body: text ? JSON.parse(text) : undefined,
  };
}
