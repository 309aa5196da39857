import type { Request, RequestHandler } from 'express';
import type { ApiId } from './apis.ts';
import { type Bundle, type Caller, type Credential, HARNESS_BUNDLE, HARNESS_PARTY } from './credentials.ts';
import { forbidden, unauthorized } from './errors.ts';

// Kept importable from here: the routers and the harness use them alongside the middleware.
export * from './credentials.ts';

export function bearer(req: Request): string | undefined {
  const header = req.get('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m?.[1];
}

/** Looks the bearer key up and puts the caller on `res.locals.caller`; 401 when absent or unknown. */
export function authenticate(lookup: (apiKey: string) => Credential | undefined): RequestHandler {
  return (req, res, next) => {
    const key = bearer(req);
    if (!key) return next(unauthorized('This API needs a bearer credential (Authorization: Bearer <key>)'));
    const credential = lookup(key);
    if (!credential) return next(unauthorized('The credential presented is not known to this party'));
    res.locals.caller = { party: credential.party, bundle: credential.bundle } satisfies Caller;
    next();
  };
}

export function callerOf(res: { locals: Record<string, unknown> }): Caller {
  const caller = res.locals.caller as Caller | undefined;
  if (!caller) throw unauthorized('not authenticated');
  return caller;
}

/** 403 unless the caller's bundle grants this API for this method. */
export function requireGrant(bundles: ReadonlyMap<string, Bundle>, api: ApiId): RequestHandler {
  return (req, res, next) => {
    const caller = callerOf(res);
    if (caller.bundle === HARNESS_BUNDLE) return next();
    const bundle = bundles.get(caller.bundle);
    const grant = bundle?.grants.find((g) => g.api === api);
    // Subscribing to an API's events is a way of reading it.
    const reads = req.method === 'GET' || req.method === 'HEAD' || req.path.startsWith('/hub');
    const needs = reads ? 'read' : 'write';
    if (!grant || (needs === 'write' && grant.access !== 'write')) {
      return next(forbidden(`${caller.party}'s API bundle '${caller.bundle}' does not allow ${needs} access to ${api}`));
    }
    next();
  };
}

/** Operations only the harness may call (reset, clock, state dumps), never a peer. */
export const harnessOnly: RequestHandler = (_req, res, next) => {
  next(callerOf(res).party === HARNESS_PARTY ? undefined : forbidden('Only the harness may call this control operation'));
};
