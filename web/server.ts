import express, { type Request, type Response } from 'express';
import { fileURLToPath } from 'node:url';
import { isActorId } from '../core/actor-ids.ts';
import type { Ecosystem } from '../harness/ecosystem.ts';
import { dashboardScript } from './dashboard-script.ts';
import { isFigure, stepsOf } from '../harness/flows/catalogue.ts';
import { matchScenario, stepsBySeq } from '../harness/flows/match.ts';
import { FIGURE_NAMES, stepParties, stepSentence } from '../harness/flows/plain-words.ts';
import { FIGURES, type Figure } from '../harness/flows/types.ts';
import { exchangeChunks } from '../harness/recorded-message.ts';
import { labelledTrace } from '../harness/reports/trace.ts';
import { TmfCallError } from '../tmf/client.ts';
import { badRequest, conflict, notFound, TmfError } from '../tmf/errors.ts';
import { mountFaults } from './faults.ts';
import { FIGURE_RUNS, journals, runFigure } from './figure-runs.ts';
import { streamJsonArray } from './json-array-stream.ts';
import { LiveFeed } from './live-feed.ts';

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** A comment line now and then keeps proxies and browsers from closing an idle event stream. */
const KEEP_ALIVE_MS = 15_000;

/** What the dashboard remembers of a figure run: enough to head its exchanges and label them again. */
export interface DashboardRun {
  readonly scenario: string;
  readonly figure: Figure;
  readonly name: string;
  readonly startedAt: string;
  /** Unset while the run is going. */
  readonly ok?: boolean;
  readonly seen?: readonly string[];
  readonly missing?: readonly string[];
  readonly stepsBySeq?: Record<number, string[]>;
}

/**
 * The live dashboard on the harness's server: the page and its assets, a server-sent event stream of
 * the wire, the parties' state, the flow catalogue in plain words, and a button's worth of API to
 * drive a figure.
 */
export function mountDashboard(app: express.Express, ecosystem: Ecosystem): void {
  const runs: DashboardRun[] = [];
  app.get('/', (_req, res) => res.sendFile('index.html', { root: PUBLIC_DIR }));
  app.get('/app.js', (_req, res) => res.type('text/javascript').send(dashboardScript()));
  app.get('/dashboard/ping', (_req, res) => res.status(204).end());
  app.get('/dashboard/events', (req, res) => streamExchanges(ecosystem, req, res));
  // Streamed: the retained record can be hundreds of MB (web/json-array-stream.ts).
  app.get('/dashboard/exchanges', (req, res) => {
    const last = lastOption(req.query.last);
    const exchanges = ecosystem.recorder.exchanges;
    return streamJsonArray(res, exchanges.slice(last === undefined ? 0 : Math.max(0, exchanges.length - last)), (e) => exchangeChunks(e));
  });
  app.get('/dashboard/trace.json', (_req, res) => {
    const steps = Object.assign({}, ...runs.map((r) => r.stepsBySeq ?? {})) as Record<number, string[]>;
    return streamJsonArray(res, labelledTrace(ecosystem.recorder.exchanges, steps), (e) => exchangeChunks(e));
  });
  app.get('/dashboard/runs', (_req, res) => res.json(runs));
  app.get('/dashboard/state/:actor', (req, res) => proxyState(ecosystem, String(req.params.actor), res));
  app.get('/dashboard/figures', (_req, res) => {
    res.json(FIGURES.map((figure) => ({ figure, name: FIGURE_NAMES[figure], runnable: FIGURE_RUNS[figure] !== undefined })));
  });
  app.get('/dashboard/flows/:figure', (req, res) => {
    const figure = figureOf(String(req.params.figure));
    res.json(
      stepsOf(figure).map((s) => ({ id: s.id, api: s.title, sentence: stepSentence(s), parties: stepParties(s), from: s.from, to: s.to, branch: s.branch })),
    );
  });
  app.post('/dashboard/run/:figure', figureRunner(ecosystem, runs));
  mountFaults(app, ecosystem);
  app.use(express.static(PUBLIC_DIR, { index: false }));
}

function streamExchanges(ecosystem: Ecosystem, req: Request, res: Response): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const feed = new LiveFeed(res);
  const unsubscribe = ecosystem.recorder.subscribe((exchange) => feed.send(exchange));
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

/** `?last=N`: only the latest N exchanges (a page that keeps N asks for no more). */
function lastOption(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,8}$/.test(raw)) throw badRequest('Invalid query', `'last' must be a positive whole number, got '${String(raw)}'`);
  return Number(raw);
}

function figureOf(text: string): Figure {
  const figure = Number(text);
  if (!isFigure(figure)) throw notFound('figure', text);
  return figure;
}

/** Runs one figure at a time: two runs would reset each other's parties halfway through. */
function figureRunner(ecosystem: Ecosystem, runs: DashboardRun[]) {
  let running = false;
  return async (req: Request, res: Response) => {
    const figure = figureOf(String(req.params.figure));
    const run = FIGURE_RUNS[figure];
    if (!run) {
      throw new TmfError(501, 'NOT_IMPLEMENTED', 'Figure not implemented yet', `The dashboard cannot drive figure ${figure} yet`);
    }
    if (running) throw conflict('A figure is already running', 'Wait for the running figure to finish before starting another');
    running = true;
    const scenario = `dashboard: figure ${figure} (run ${runs.length + 1})`;
    const started: DashboardRun = { scenario, figure, name: FIGURE_NAMES[figure], startedAt: new Date().toISOString() };
    runs.push(started);
    try {
      ecosystem.recorder.startScenario(scenario);
      await runFigure(ecosystem, run);
      const verdict = matchScenario({
        scenario,
        figures: [figure],
        branches: run.branches,
        setup: run.setup,
        exchanges: ecosystem.recorder.exchanges,
        journal: await journals(ecosystem),
      });
      const [result] = verdict.figures;
      const seen = result.seen.map((s) => s.step);
      const done: DashboardRun = { ...started, ok: verdict.ok, seen, missing: result.missing, stepsBySeq: stepsBySeq(result.seen) };
      runs[runs.indexOf(started)] = done;
      res.json({
        ...done,
        expected: result.expected,
        outOfOrder: result.outOfOrder.map((o) => ({ step: o.step, mustFollow: o.mustFollow })),
        unexpected: verdict.unexpected,
      });
    } catch (error) {
      runs[runs.indexOf(started)] = { ...started, ok: false };
      throw error;
    } finally {
      // Traffic after the run (a partner's own calls, a test's) is not the run's.
      ecosystem.recorder.startScenario('');
      running = false;
    }
  };
}
