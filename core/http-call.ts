import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

/**
 * One HTTP call over keep-alive connections: what the wire, the actors' clients and their event
 * deliveries use. Node's fetch costs several times a plain request on this path (streams, Request and
 * Response objects, an abort signal per call); the calls here are small JSON bodies read whole.
 */
export interface HttpCall {
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array;
  readonly timeoutMs: number;
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** An answer as the bytes that came (the wire passes them on as they are, without decoding them). */
export interface HttpBytesAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly bytes: Buffer;
}

/** The callee did not answer in time (`name` as fetch's AbortSignal.timeout uses). */
export class HttpTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** The callee could not be reached; `cause.code` says why (ECONNREFUSED, ENOTFOUND, …). */
export class HttpUnreachableError extends Error {
  /** `staleSocket`: the call went out on a kept-alive connection the callee had already closed. */
  constructor(
    override readonly cause: NodeJS.ErrnoException,
    readonly staleSocket = false,
  ) {
    super(`unreachable: ${cause.code ?? cause.message}`);
  }
}

/**
 * With a `timeout`, Node's agent drops an idle kept-alive socket a second before the server's announced
 * `Keep-Alive: timeout=` (5 s for Node servers); without one it ignores the hint, and a call that reuses
 * the socket just as the server closes it fails with ECONNRESET (seen on a loaded machine). Calls time
 * out by their own timer (`timeoutMs`); the socket timeout only ends idle sockets.
 */
const IDLE_SOCKET_MS = 60_000;
const AGENTS = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 256, timeout: IDLE_SOCKET_MS }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 256, timeout: IDLE_SOCKET_MS }),
};

/**
 * Makes the call; once more, on a fresh connection, when it went out on a kept-alive connection that the
 * callee closed as idle at that very moment (a reset before any answer: the callee never read it). Node's
 * documented remedy for that race, without which a quiet peer's next call fails now and then.
 */
export async function httpCall(url: string, call: HttpCall): Promise<HttpAnswer> {
  const { status, headers, bytes } = await httpBytesCall(url, call);
  return { status, headers, text: bytes.toString('utf8') };
}

/** `httpCall`, answering with the bytes as they came. */
export function httpBytesCall(url: string, call: HttpCall): Promise<HttpBytesAnswer> {
  return onceMoreIfStale(() => callOnce(url, call));
}

/** Makes a call; once more when it failed on a stale kept-alive connection (`HttpUnreachableError.staleSocket`). */
export async function onceMoreIfStale<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HttpUnreachableError && error.staleSocket) return call();
    throw error;
  }
}

function callOnce(url: string, call: HttpCall): Promise<HttpBytesAnswer> {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const request = secure ? https.request : http.request;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(target, { method: call.method, headers: call.headers, agent: AGENTS[secure ? 'https:' : 'http:'] }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
      });
      res.on('error', fail);
    });
    const timer = setTimeout(() => req.destroy(new HttpTimeoutError(`no answer from ${url} within ${call.timeoutMs} ms`)), call.timeoutMs);
    function fail(cause: NodeJS.ErrnoException): void {
      clearTimeout(timer);
      const error = cause;
      reject(error instanceof HttpTimeoutError ? error : new HttpUnreachableError(cause, !answered && req.reusedSocket && cause.code === 'ECONNRESET'));
    }
    req.on('error', fail);
    req.end(call.body);
  });
}

/** One header of an answer as a single string (Node gives arrays for repeated ones). */
export function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
