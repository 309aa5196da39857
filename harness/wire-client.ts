import { Agent, errors } from 'undici';
import type { HttpBytesAnswer, HttpCall } from '../core/http-call.ts';
import { HttpTimeoutError, HttpUnreachableError } from '../core/http-call.ts';

/**
 * The wire's calls to the callees. The wire forwards every exchange of the ecosystem, so its client is
 * the cheapest one measured here: undici's (Node's own fetch is built on it), which forwards a call for
 * about two thirds of the CPU of `node:http`'s client (docs/PERFORMANCE.md). Its connections are kept
 * alive per callee; a connection is dropped before the callee's announced keep-alive timeout, so a call
 * does not go out on a connection the callee is closing. Failures are the errors of `core/http-call.ts`:
 * a timeout (`name` TimeoutError) or the callee unreachable (`cause.code`).
 */
const AGENT = new Agent({ keepAliveTimeout: 60_000, connections: 256 });

export async function wireCall(url: string, call: HttpCall): Promise<HttpBytesAnswer> {
  const pathAt = url.indexOf('/', url.indexOf('//') + 2);
  try {
    const answer = await AGENT.request({
      origin: pathAt === -1 ? url : url.slice(0, pathAt),
      path: pathAt === -1 ? '/' : url.slice(pathAt),
      method: call.method,
      headers: call.headers,
      body: call.body,
      headersTimeout: call.timeoutMs,
      bodyTimeout: call.timeoutMs,
    });
    const bytes = Buffer.from(await answer.body.arrayBuffer());
    return { status: answer.statusCode, headers: answer.headers, bytes };
  } catch (error) {
    if (error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError)
      throw new HttpTimeoutError(`no answer from ${url} within ${call.timeoutMs} ms`);
    throw new HttpUnreachableError(causeOf(error));
  }
}

/** The system error behind an undici failure (ECONNREFUSED, ENOTFOUND, …), or one naming its code. */
function causeOf(error: unknown): NodeJS.ErrnoException {
  const e = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  if (e.cause?.code) return e.cause;
  return Object.assign(new Error(e.message), { code: e.code });
}
