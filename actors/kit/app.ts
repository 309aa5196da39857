import { JOIN_HUB, joinHubEffect } from './owed-subscription.ts';
import express, { type Express, type RequestHandler, type Router } from 'express';
import { basePath, type ApiId } from '../../tmf/apis.ts';
import { authenticate, requireGrant } from '../../tmf/auth.ts';
import type { BaseData } from '../../tmf/data.ts';
import type { EffectHandler } from '../../tmf/owed-effects.ts';
import { badRequest, notFoundRoute, tmfErrorHandler } from '../../tmf/errors.ts';
import { absoluteHrefs, requestBase, WIRE_KEY_HEADER } from '../../tmf/href.ts';
import { hubRouter, listenerRouter, type EventHandler } from '../../tmf/hub.ts';
import { wholeApiRouter } from '../../tmf/resource.ts';
import type { PartyUnit } from '../../core/party-api.ts';
import { commonControl } from './common-control.ts';
import { controlContract } from './control-contract.ts';
import { controlRouter, type ControlRoute } from './control-router.ts';
import { DRIVER_MESSAGE, driverMessageEffect } from './driver-message.ts';
import type { ActorRuntime } from './runtime.ts';

/** The parts an actor contributes; the kit wires them with auth, validation and errors. */
export interface ActorParts<D extends BaseData = BaseData> {
  /** TMF APIs this actor provides: each router is mounted at the API's base path, with its hub. */
  readonly tmf: ReadonlyArray<{ readonly api: ApiId; readonly router: Router }>;
  /** Handlers of the events this actor listens to, by event type. */
  readonly listeners?: Readonly<Record<string, EventHandler>>;
  /** The actor's own control operations (declaration and handler, see control-router.ts), served under /control. */
  readonly control?: readonly ControlRoute[];
  /** Other non-TMF APIs peers call (e.g. the driver's /inbox). */
  readonly partyApi?: Router;
  /**
   * Units of the party that listen to its own hubs (its resolution team): their event handlers, served
   * at `/<unit>/listener/…` and accepting events from the party itself only.
   */
  readonly units?: Partial<Record<PartyUnit, Readonly<Record<string, EventHandler>>>>;
  /** How each kind of owed effect is carried out (see tmf/owed-effects.ts). */
  readonly effects?: Readonly<Record<string, EffectHandler<D>>>;
}

/** Builds an actor's Express app: JSON in, TMF errors out, every API behind credentials. */
export function actorApp<D extends BaseData>(runtime: ActorRuntime<D>, parts: ActorParts<D>): Express {
  runtime.effects.register(DRIVER_MESSAGE.name, driverMessageEffect(runtime));
  runtime.effects.register(JOIN_HUB.name, joinHubEffect(runtime));
  for (const [kind, handler] of Object.entries(parts.effects ?? {})) runtime.effects.register(kind, handler);
  const app = express();
  app.disable('x-powered-by');
  app.set('json spaces', 0);
  app.use(express.json({ type: ['application/json', 'application/*+json'], limit: BODY_LIMIT, strict: false }));
  app.use(boundedDepth);
  app.use(absoluteHrefsInAnswers(runtime.wireKey));
  app.get('/', (_req, res) => {
    res.json({
      actor: runtime.id,
      apis: parts.tmf.map((p) => ({ api: p.api, basePath: basePath(p.api) })),
      control: '/control',
      openapi: '/control/openapi.json',
    });
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'up', actor: runtime.id });
  });
  const auth = authenticate(runtime.credentialFor);
  for (const { api, router } of parts.tmf) {
    const wholeApi = wholeApiRouter(api, { store: runtime.store, clock: runtime.clock, notifier: runtime.notifier });
    app.use(basePath(api), auth, requireGrant(runtime.bundles, api), bodyRequired, router, wholeApi, hubRouter(api, runtime.store));
  }
  for (const [unit, handlers] of Object.entries(parts.units ?? {})) {
    app.use(
      `/${unit}`,
      auth,
      listenerRouter(runtime.store, handlers ?? {}, (party, api) => party === runtime.id && runtime.mayNotify(party, api)),
    );
  }
  app.use(
    auth,
    listenerRouter(runtime.store, parts.listeners ?? {}, (party, api) => runtime.mayNotify(party, api)),
  );
  const control = [...commonControl(runtime, () => contract), ...(parts.control ?? [])];
  const contract = controlContract(runtime.id, control);
  app.use('/control', auth, controlRouter(control));
  if (parts.partyApi) app.use(auth, parts.partyApi);
  app.use(notFoundRoute);
  app.use(tmfErrorHandler);
  return app;
}

/** Largest body an actor reads, and deepest nesting it accepts: what no TMF payload comes near. */
const BODY_LIMIT = '1mb';
export const MAX_BODY_DEPTH = 64;

/** The methods whose every operation in the TM Forum files takes a body the file marks required. */
const TAKES_BODY = new Set(['POST', 'PATCH', 'PUT']);

/**
 * Refuses (400) a create, patch or replace of a TMF API that comes without a body. The JSON parser reads
 * an empty body as `{}`, which a create schema without required attributes would take: the party would
 * create an entity nobody described, where every POST, PATCH and PUT of the official files requires one.
 * No body is what HTTP says it is (RFC 9112, 6.3): a zero Content-Length, or neither it nor a transfer coding.
 */
const bodyRequired: RequestHandler = (req, _res, next) => {
  if (!TAKES_BODY.has(req.method)) return next();
  const length = req.headers['content-length'];
  const none = length === undefined ? req.headers['transfer-encoding'] === undefined : Number(length) === 0;
  next(
    none ? badRequest('Missing body', `${req.method} ${req.originalUrl} takes a JSON body, which the API's specification requires`, 'MISSING_BODY') : undefined,
  );
};

/** Refuses (400) a body nested deeper than MAX_BODY_DEPTH before any recursive code walks it. */
const boundedDepth: RequestHandler = (req, _res, next) => {
  next(
    depthOf(req.body) > MAX_BODY_DEPTH ? badRequest('Body too deep', `A request body may nest at most ${MAX_BODY_DEPTH} levels`, 'BODY_TOO_DEEP') : undefined,
  );
};

/** The nesting depth of a JSON value, measured without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    if (node !== null && typeof node === 'object') for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Every TMF answer carries absolute hrefs under the URL the caller used (see tmf/href.ts). The control
 * API's state dumps stay as stored: they are the party's record (its owners index is keyed by href).
 */
const absoluteHrefsInAnswers =
  (wireKey: string): RequestHandler =>
  (req, res, next) => {
    if (req.path.startsWith('/control/')) return next();
    const json = res.json.bind(res);
    const fromWire = req.get(WIRE_KEY_HEADER) === wireKey;
    res.json = (body: unknown) =>
      json(
        absoluteHrefs(
          body,
          requestBase((h) => req.get(h), req.protocol, fromWire),
        ),
      );
    next();
  };
