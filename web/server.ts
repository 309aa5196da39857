import express, { type Request, type Response } from 'express';
import { fileURLToPath } from 'node:url';
import { isActorId } from '../core/actor-ids.ts';
import type { Ecosystem } from '../harness/ecosystem.ts';
import type { Exchange } from '../harness/exchange.ts';
import { isFigure, stepsOf } from '../harness/flows/catalogue.ts';
import { matchScenario, stepsBySeq } from '../harness/flows/match.ts';
import { TmfCallError } from '../tmf/client.ts';
import { conflict, notFound, TmfError } from '../tmf/errors.ts';
import { FIGURE_RUNS, journals, runFigure } from './figure-runs.ts';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** A comment line now and then keeps proxies and browsers from closing an idle event stream. */
const KEEP_ALIVE_MS = 15_000;

/**
 * The live dashboard on the harness's server: the page and its assets, a server-sent event stream of
 * the wire, the parties' state, the flow catalogue, and a button's worth of API to drive a figure.
 */
export function mountDashboard(app: express.Express, ecosystem: Ecosystem): void {
  app.get('/', (_req, res) => res.sendFile('index.html', { root: PUBLIC_DIR }));
  app.get('/dashboard/events', (req, res) => streamExchanges(ecosystem, req, res));
  app.get('/dashboard/exchanges', (_req, res) => {
    res.json(ecosystem.recorder.exchanges);
  });
  app.get('/dashboard/state/:actor', (req, res) => proxyState(ecosystem, String(req.params.actor), res));
  app.get('/dashboard/flows/:figure', (req, res) => {
    res.json(stepsOf(figureOf(String(req.params.figure))).map(({ id, title, rule, from, to, branch }) => ({ id, title, rule, from, to, branch })));
  });
  app.post('/dashboard/run/:figure', figureRunner(ecosystem));
  app.use(express.static(PUBLIC_DIR, { index: false }));
}

function streamExchanges(ecosystem: Ecosystem, req: Request, res: Response): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const send = (exchange: Exchange) => res.write(`event: exchange\ndata: ${JSON.stringify(exchange)}\n\n`);
  const unsubscribe = ecosystem.recorder.subscribe(send);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  req.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}

async function proxyState(ecosystem: Ecosystem, actor: string, res: Response): Promise<void> {
  if (!isActorId(actor)) throw notFound('party', actor);
  try {
    const { body } = await ecosystem.control(actor).request('GET', '/control/state');
    res.json(body);
  } catch (error) {
    if (!(error instanceof TmfCallError)) throw error;
    res.status(error.status).json(error.body ?? {});
  }
}

function figureOf(text: string) {
  const figure = Number(text);
  if (!isFigure(figure)) throw notFound('figure', text);
  return figure;
}

/** Runs one figure at a time: two runs would reset each other's parties halfway through. */
function figureRunner(ecosystem: Ecosystem) {
  let running = false;
  let runs = 0;
  return async (req: Request, res: Response) => {
    const figure = figureOf(String(req.params.figure));
    const run = FIGURE_RUNS[figure];
    if (!run) {
      throw new TmfError(501, 'NOT_IMPLEMENTED', 'Figure not implemented yet', `The dashboard cannot drive figure ${figure} yet`);
    }
    if (running) throw conflict('A figure is already running', 'Wait for the running figure to finish before starting another');
    running = true;
    try {
      const scenario = `dashboard: figure ${figure} (run ${++runs})`;
      ecosystem.recorder.startScenario(scenario);
      await runFigure(ecosystem, run);
      const verdict = matchScenario({ scenario, figures: [figure], branches: run.branches, setup: run.setup, exchanges: ecosystem.recorder.exchanges, journal: await journals(ecosystem) });
      const [result] = verdict.figures;
      res.json({
        figure,
        scenario,
        ok: verdict.ok,
        expected: result.expected,
        seen: result.seen.map((s) => s.step),
        stepsBySeq: stepsBySeq(result.seen),
        missing: result.missing,
        outOfOrder: result.outOfOrder.map((o) => ({ step: o.step, mustFollow: o.mustFollow })),
        unexpected: verdict.unexpected,
      });
    } finally {
      running = false;
    }
  };
}

