import { http, passthrough, type HttpHandler } from 'msw';

/**
 * The actor under test runs in the test's process and is called for real: with msw intercepting every
 * fetch and refusing unhandled requests, its own URL must be let through explicitly.
 */
export const passThroughTo = (actorUrl: string): HttpHandler => http.all(`${actorUrl}/*`, () => passthrough());
