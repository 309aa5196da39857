/** Who may call what, and the keys that say so: no HTTP here (the middleware is in auth.ts). */
import { createHash } from 'node:crypto';
import type { ApiId } from './apis.ts';

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
    key = `cch_${createHash('sha256').update(input).digest('hex').slice(0, 32)}`;
    derived.set(input, key);
  }
  return key;
}

/** The key `caller` presents to `callee` before any onboarding. */
export const bootstrapKey = (secret: string, caller: string, callee: string) => deriveKey(secret, 'bootstrap', caller, callee);
export const harnessKey = (secret: string, actor: string) => deriveKey(secret, 'harness', actor);
/** What the wire shows `actor` so the actor trusts its forwarded headers; one per actor, so a partner learns only its own. */
export const wireKey = (secret: string, actor: string) => deriveKey(secret, 'wire', actor);
