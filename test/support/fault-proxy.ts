import express, { type Request, type Response } from 'express';
import type { ActorId } from '../../core/actor-ids.ts';
import { startActor, type RunningActor } from '../../actors/index.ts';
import { DEFAULT_SECRET, DEFAULT_SEED } from '../../actors/kit/config.ts';
import { startApp, type RunningApp } from './http-app.ts';

/** What a fault sees of an answer, and may change before the caller gets it. */
export interface Answer {
  /** The request as the caller sent it: method and path with its query. */
  readonly method: string;
  readonly path: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * One partner fault: it may change the request on its way to the real party (`upstream`), delay the
 * answer, and change the answer. The rest of the party's behaviour stays the real one.
 */
export interface PlantedFault {
  readonly upstream?: (path: string, method: string) => string;
  /** How long to hold the answer to this request back. */
  readonly delayMs?: (path: string, method: string) => number;
  readonly answer?: (a: Answer, proxyUrl: string) => void;
}

/** A real simulated party behind a proxy whose fault can be switched between runs (none: faithful). */
export interface FaultProxy extends RunningApp {
  readonly party: ActorId;
  plant(fault: PlantedFault | undefined): void;
}

const PASSED_HEADERS = ['content-type', 'x-total-count', 'x-result-count', 'location'];

/**
 * Starts the simulated `party` and a proxy in front of it. Bind the proxy's URL as the party: every
 * request goes through it (the forwarded headers included, so the party builds its hrefs as usual).
 */
export async function startFaultProxy(party: ActorId): Promise<FaultProxy> {
  const actor: RunningActor = await startActor(party, { storage: { kind: 'memory' }, secret: DEFAULT_SECRET, peers: {}, callbacks: {}, seed: DEFAULT_SEED });
  let fault: PlantedFault | undefined;
  const app = express();
  app.use(express.raw({ type: () => true, limit: '10mb' }));
  let self = '';
  app.use(async (req: Request, res: Response) => {
    const path = fault?.upstream ? fault.upstream(req.originalUrl, req.method) : req.originalUrl;
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k, v]) => k !== 'host' && k !== 'content-length' && typeof v === 'string'),
    ) as Record<string, string>;
    const body = Buffer.isBuffer(req.body) && req.body.length > 0 ? req.body.toString('utf8') : undefined;
    const upstream = await fetch(actor.url + path, { method: req.method, headers, body });
    const text = await upstream.text();
    const answer: Answer = {
      method: req.method,
      path: req.originalUrl,
      status: upstream.status,
      body: text ? JSON.parse(text) : undefined,
      headers: Object.fromEntries(PASSED_HEADERS.flatMap((h) => (upstream.headers.get(h) ? [[h, upstream.headers.get(h)!]] : []))),
    };
    const delay = fault?.delayMs?.(req.originalUrl, req.method) ?? 0;
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    fault?.answer?.(answer, self);
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    res.status(answer.status).send(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  const running = await startApp(app);
  self = running.baseUrl;
  return {
    party,
    baseUrl: running.baseUrl,
    plant(next) {
      fault = next;
    },
    async close() {
      await running.close();
      await actor.stop();
    },
  };
}
