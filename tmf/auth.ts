import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { ApiId } from './apis.ts';
import { forbidden, unauthorized } from './errors.ts';

/** One API of a bundle: `read` allows GET, `write` allows every method. */
export interface ApiGrant {
  readonly api: ApiId;
  readonly access: 'read' | 'write';
}

/** An API bundle (step 7.2): the named set of APIs a partner may call. */
export interface Bundle {
  readonly name: string;
  readonly grants: readonly ApiGrant[];
}

/** A credential a provider has issued: who holds it and which bundle it opens. */
export interface Credential {
  readonly apiKey: string;
  readonly party: string;
  readonly bundle: string;
}

/** The authenticated caller of a request. The harness drives scenarios with its own key. */
export interface Caller {
  readonly party: string;
  readonly bundle: string;
}

export const HARNESS_PARTY = 'harness';
/** The harness's bundle opens every API (it drives scenarios and reads state). */
export const HARNESS_BUNDLE = 'harness';

/** Keys already derived: the credential look-ups derive the same few keys on every request. */
const derived = new Map<string, string>();

/**
 * A key derived from a shared secret, so that two processes configured with the same secret agree on
 * the bootstrap credentials without exchanging them (a remote partner is told its keys by `cch`).
 */
export function deriveKey(secret: string, ...parts: string[]): string {
  const input = [secret, ...parts].join('\u0000');
  let key = derived.get(input);
  if (key === undefined) {
    key = 'cch_' + createHash('sha256').update(input).digest('hex').slice(0, 32);
    derived.set(input, key);
  }
  return key;
}

/** The key `caller` presents to `callee` before any onboarding. */
export const bootstrapKey = (secret: string, caller: string, callee: string) => deriveKey(secret, 'bootstrap', caller, callee);
export const harnessKey = (secret: string, actor: string) => deriveKey(secret, 'harness', actor);
/** What the wire shows `actor` so the actor trusts its forwarded headers; one per actor, so a partner learns only its own. */
export const wireKey = (secret: string, actor: string) => deriveKey(secret, 'wire', actor);

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
