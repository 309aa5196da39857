import type { IncomingHttpHeaders } from 'node:http';
import { Agent, type Dispatcher, errors } from 'undici';
import type { HttpBytesAnswer, HttpCall } from '../core/http-call.ts';
import { HttpTimeoutError, HttpUnreachableError, onceMoreIfStale } from '../core/http-call.ts';

/**
 * The wire's calls to the callees. The wire forwards every exchange of the ecosystem, so its client is
 * the cheapest one measured here: undici's (Node's own fetch is built on it), which forwards a call for
 * about two thirds of the CPU of `node:http`'s client (docs/PERFORMANCE.md). Its connections are kept
 * alive per callee: dropped before the callee's announced keep-alive timeout, and after 4 s idle when the
 * callee announces none (most servers close idle connections after 5 s or more), so that a call rarely
 * goes out on a connection the callee is closing. Failures are the errors of `core/http-call.ts`: a
 * timeout (`name` TimeoutError) or the callee unreachable (`cause.code`).
 */
const AGENT = new Agent({ keepAliveTimeout: 4_000, connections: 256 });

/** Methods a client may send again after a failed connection (RFC 9110, 9.2.2): idempotent ones. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** A connection ended under the call: reset, or closed by the other side. */
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/**
 * Makes the call; an idempotent one once more when its connection was lost before any answer came. A
 * callee that closes an idle kept-alive connection just as the wire reuses it would otherwise fail a
 * call it never read (a server closing idle connections without announcing when: 19 calls in 400 on
 * this machine, every one ECONNRESET). The partner would be reported unreachable for the wire's own race.
 * Any other method fails as it came: the callee may have acted on it.
 */
export function wireCall(url: string, call: HttpCall): Promise<HttpBytesAnswer> {
  return onceMoreIfStale(() => callOnce(url, call));
}

function callOnce(url: string, call: HttpCall): Promise<HttpBytesAnswer> {
  const pathAt = url.indexOf('/', url.indexOf('//') + 2);
  return new Promise((resolve, reject) => {
    let answered = false;
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let size = 0;
    // undici's dispatch, not its `request`: the answer's chunks come to these callbacks, without the
    // Readable stream, its consumer and their promises in between (about a fifth of the client's CPU).
    AGENT.dispatch(
      {
        origin: pathAt === -1 ? url : url.slice(0, pathAt),
        path: pathAt === -1 ? '/' : url.slice(pathAt),
        method: call.method as Dispatcher.HttpMethod,
        headers: call.headers,
        body: call.body,
        headersTimeout: call.timeoutMs,
        bodyTimeout: call.timeoutMs,
      },
      {
        // Nothing to do here; undici knows this kind of handler by it.
        onRequestStart() {},
        onResponseStart(_controller, statusCode, responseHeaders) {
          answered = true;
          status = statusCode;
          headers = responseHeaders;
        },
        onResponseData(_controller, chunk) {
          chunks.push(chunk);
          size += chunk.length;
        },
        onResponseEnd() {
          resolve({ status, headers, bytes: ownCopy(chunks, size) });
        },
        onResponseError(_controller, error) {
          reject(
            error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError
              ? new HttpTimeoutError(`no answer from ${url} within ${call.timeoutMs} ms`)
              : lost(error, causeOf(error), !answered && IDEMPOTENT.has(call.method)),
          );
        },
      },
    );
  });
}

/**
 * The body in a buffer of its own. The chunks are views of the socket's reads (headers and all): the
 * record may keep a body for the whole run, and must not keep a read's whole buffer behind it.
 */
function ownCopy(chunks: readonly Buffer[], size: number): Buffer {
  const bytes = Buffer.allocUnsafeSlow(size);
  let at = 0;
  for (const chunk of chunks) at += chunk.copy(bytes, at);
  return bytes;
}

/** The callee unreachable; `again` when the call may be made once more (its connection lost, nothing answered). */
function lost(error: Error, cause: NodeJS.ErrnoException, again: boolean): HttpUnreachableError {
  const code = (error as NodeJS.ErrnoException).code ?? cause.code ?? '';
  return new HttpUnreachableError(cause, again && CONNECTION_LOST.has(code));
}

/** The system error behind an undici failure (ECONNREFUSED, ENOTFOUND, …), or one naming its code. */
function causeOf(error: unknown): NodeJS.ErrnoException {
  const e = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  if (e.cause?.code) return e.cause;
  return Object.assign(new Error(e.message), { code: e.code });
}
