import express, { type Request, type Response } from 'express';
import { startCsp } from '../../actors/csp/index.ts';
import { DEFAULT_SECRET, DEFAULT_SEED } from '../../actors/kit/config.ts';
import { headerOf, httpCall } from '../../core/http-call.ts';
import { basePath } from '../../tmf/apis.ts';
import { harnessKey } from '../../tmf/auth.ts';
import { FORWARDED, WIRE_KEY_HEADER } from '../../tmf/href.ts';
import { startApp, type RunningApp } from './http-app.ts';

/** The faults a deliberately broken CSP can be given: each one a rule of FLOWS.md or TMF630 it breaks. */
export interface CspFaults {
  /** Every bill's tax-included amount and amount due are one unit more than its items add up to (7.9). */
  readonly billsDontSum?: boolean;
  /** Lists come back whole, whatever `limit` asks (TMF630 paging). */
  readonly ignoresLimit?: boolean;
  /** Error bodies lack `code` (TMF error body). */
  readonly errorsWithoutCode?: boolean;
  /** A call its bundle does not open is served anyway (7.2). */
  readonly acceptsOutsideBundle?: boolean;
  /** Subscribers of TMF622 never hear of their orders (7.1: no ProductOrderStateChangeEvent). */
  readonly noOrderStateNotification?: boolean;
  /**
   * Product offerings name a `serviceCandidate` whose `id` is a number: the official TMF620 file types it
   * as a string, and the project's schemas do not model the attribute at all.
   */
  readonly offTypeAttribute?: boolean;
  /** No control contract: /control is not served at all (provider-only checks). */
  readonly hideControl?: boolean;
}

const CALL_TIMEOUT_MS = 60_000;
const ORDER_HUB = `${basePath('TMF622')}/hub`;

/**
 * The real simulated CSP behind a proxy that plants faults in what it serves. The conformance run binds
 * the proxy's URL as the CSP: everything the real CSP does right still happens, except the planted faults.
 */
export async function startFaultyCsp(faults: CspFaults): Promise<RunningApp> {
  const csp = await startCsp({ storage: { kind: 'memory' }, secret: DEFAULT_SECRET, peers: {}, callbacks: {}, seed: DEFAULT_SEED });
  const app = express();
  app.use(express.raw({ type: () => true, limit: '10mb' }));
  let self = '';
  /** Where the order events of a diverted subscription go: nowhere. */
  app.post('/sink/*rest', (_req, res) => {
    res.status(204).end();
  });
  app.use(async (req: Request, res: Response) => {
    if (faults.hideControl && req.path.startsWith('/control')) {
      res.status(404).json({ code: 'NOT_FOUND', reason: 'Not found', message: 'no control here', status: '404' });
      return;
    }
    const path = faults.ignoresLimit && req.method === 'GET' ? withoutPaging(req.originalUrl) : req.originalUrl;
    let body = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body.toString('utf8') : undefined;
    const divert = faults.noOrderStateNotification && req.method === 'POST' && req.path === ORDER_HUB && body;
    const callback = divert ? (JSON.parse(body!) as { callback: string }).callback : undefined;
    if (divert) body = JSON.stringify({ ...JSON.parse(body!), callback: `${self}/sink` });
    // node:http with keep-alive, as the wire calls: fetch costs several times a plain request.
    const send = (authorization: string | undefined) =>
      httpCall(csp.url + path, {
        method: req.method,
        // The forwarded headers pass on, so the CSP builds its hrefs from the URL its caller reached it at.
        headers: {
          ...forwarded(req),
          ...(req.get('content-type') ? { 'content-type': req.get('content-type')! } : {}),
          ...(authorization ? { authorization } : {}),
        },
        body,
        timeoutMs: CALL_TIMEOUT_MS,
      });
    let upstream = await send(req.get('authorization'));
    if (faults.acceptsOutsideBundle && upstream.status === 403) upstream = await send(`Bearer ${harnessKey(DEFAULT_SECRET, 'csp')}`);
    const text = upstream.text;
    let out: unknown = text ? JSON.parse(text) : undefined;
    if (faults.billsDontSum && req.method === 'GET' && /\/customerBill(\/|\?|$)/.test(`${req.path}?`))
      out = Array.isArray(out) ? out.map(inflate) : inflate(out);
    if (faults.offTypeAttribute && req.method === 'GET' && /\/productOffering(\/|\?|$)/.test(`${req.path}?`))
      out = Array.isArray(out) ? out.map(withOffTypeCandidate) : withOffTypeCandidate(out);
    if (faults.errorsWithoutCode && upstream.status >= 400 && out && typeof out === 'object') delete (out as Record<string, unknown>).code;
    if (callback && out && typeof out === 'object') (out as Record<string, unknown>).callback = callback;
    for (const name of ['content-type', 'x-total-count', 'x-result-count', 'location']) {
      const value = headerOf(upstream.headers, name);
      if (value) res.setHeader(name, value);
    }
    res.status(upstream.status).send(out === undefined ? '' : JSON.stringify(out));
  });
  const running = await startApp(app);
  self = running.baseUrl;
  return {
    baseUrl: running.baseUrl,
    async close() {
      await running.close();
      await csp.stop();
    },
  };
}

/** The wire's forwarded headers, with the key that proves they come from the wire. */
function forwarded(req: Request): Record<string, string> {
  return Object.fromEntries([...Object.values(FORWARDED), WIRE_KEY_HEADER].flatMap((h) => (req.get(h) ? [[h, req.get(h)!]] : [])));
}

function withoutPaging(url: string): string {
  const [path, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  params.delete('limit');
  params.delete('offset');
  const rest = params.toString();
  return rest ? `${path}?${rest}` : path;
}

/** One more unit on the bill than on its items. */
function inflate(bill: unknown): unknown {
  const b = bill as Record<string, { unit: string; value: number } | undefined>;
  if (!b?.taxIncludedAmount) return bill;
  const plus = (m: { unit: string; value: number }) => ({ ...m, value: m.value + 1 });
  return { ...b, taxIncludedAmount: plus(b.taxIncludedAmount), ...(b.amountDue ? { amountDue: plus(b.amountDue) } : {}) };
}

/** An offering with a service candidate whose id is no string. */
function withOffTypeCandidate(offering: unknown): unknown {
  return offering && typeof offering === 'object' ? { ...offering, serviceCandidate: { id: 12345 } } : offering;
}
