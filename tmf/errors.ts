import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { DomainError, type Refusal } from '../core/domain-error.ts';

/** The TMF error body (TMF630): every failure of every actor is answered with it. */
export interface TmfErrorBody {
  code: string;
  reason: string;
  message: string;
  status: string;
  '@type': 'Error';
  referenceError?: string;
}

/** A failure with its HTTP status and TMF error code, thrown by routers (domain code throws a DomainError). */
export class TmfError extends Error {
  readonly status: number;
  readonly code: string;
  readonly reason: string;

  constructor(status: number, code: string, reason: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.reason = reason;
  }

  toBody(): TmfErrorBody {
    return { code: this.code, reason: this.reason, message: this.message, status: String(this.status), '@type': 'Error' };
  }
}

export const badRequest = (reason: string, message: string, code = 'INVALID_REQUEST') => new TmfError(400, code, reason, message);
export const unauthorized = (message: string) => new TmfError(401, 'UNAUTHENTICATED', 'Missing or unknown credentials', message);
export const forbidden = (message: string) => new TmfError(403, 'OUTSIDE_API_BUNDLE', 'Not allowed for this partner', message);
export const notFound = (what: string, id: string) => new TmfError(404, 'NOT_FOUND', `${what} not found`, `No ${what} with id ${id}`);
export const methodNotAllowed = (method: string, path: string) =>
  new TmfError(405, 'METHOD_NOT_ALLOWED', 'Method not allowed', `${method} is not supported on ${path}`);
export const conflict = (reason: string, message: string, code = 'CONFLICT') => new TmfError(409, code, reason, message);

/** Express error handler: TMF errors as they are, malformed JSON as 400, anything else as 500. */
export const tmfErrorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  const failure = toTmfError(error);
  res.status(failure.status).type('application/json;charset=utf-8').json(failure.toBody());
};

/** The HTTP status of each kind of domain refusal. */
const STATUS_OF: Record<Refusal, number> = { invalid: 400, forbidden: 403, 'not-found': 404, conflict: 409 };

export function toTmfError(error: unknown): TmfError {
  if (error instanceof TmfError) return error;
  if (error instanceof DomainError) return new TmfError(STATUS_OF[error.refusal], error.code, error.reason, error.message);
  const e = error as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.parse.failed') return badRequest('Malformed JSON', `The request body is not valid JSON: ${e.message}`, 'MALFORMED_JSON');
  if (e?.type === 'entity.too.large') return new TmfError(413, 'TOO_LARGE', 'Payload too large', e.message ?? 'too large');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return badRequest('Bad request', e.message ?? 'bad request');
  return new TmfError(500, 'INTERNAL', 'Internal error', e?.message ?? String(error));
}

/** Last route of an app: any path nobody serves is a TMF 404. */
export const notFoundRoute: RequestHandler = (req, _res, next) => next(notFound('resource', req.path));

/**
 * A request Node's HTTP parser refuses before any handler sees it gets a TMF error too, not Node's bare
 * status line: a head over its 16 KB limit (a query naming too many ids) is 431, a request that timed
 * out 408, any other malformed request 400. The connection closes after it, as Node's own answer does.
 */
export function answerUnparsableRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const refusal =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? new TmfError(431, 'HEADERS_TOO_LARGE', 'Request header fields too large', 'The request line and headers together may hold at most 16 KB')
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? new TmfError(408, 'REQUEST_TIMEOUT', 'Request timeout', 'The request did not arrive whole in time')
          : badRequest('Malformed request', `The request is not valid HTTP/1.1: ${error.code ?? error.message}`, 'MALFORMED_REQUEST');
    const body = JSON.stringify(refusal.toBody());
    socket.end(
      `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
