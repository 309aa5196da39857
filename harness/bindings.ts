import { isActorId, type ActorId } from '../core/actor-ids.ts';
import type { Binding } from './ecosystem.ts';

/**
 * Remote bindings from `actor=url` pairs (the CLI's `--actor`, or CCH_ACTORS="csp=http://…,driver=http://…").
 * Unknown actor ids and malformed URLs are refused with a message that says which and why.
 */
export function parseBindings(pairs: readonly string[]): Partial<Record<ActorId, Binding>> {
  const bindings: Partial<Record<ActorId, Binding>> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const id = pair.slice(0, at).trim();
    const url = pair.slice(at + 1).trim();
    if (at < 0 || !isActorId(id))
      throw new Error(`'${pair}': expected <actor>=<url> with actor one of csp, car-manufacturer, content-provider, call-center, driver`);
    if (!/^https?:\/\/[^\s]+$/.test(url)) throw new Error(`'${pair}': '${url}' is not an http(s) URL`);
    bindings[id] = { kind: 'remote', url };
  }
  return bindings;
}

export function bindingsFromEnv(env: NodeJS.ProcessEnv): Partial<Record<ActorId, Binding>> {
  const raw = env.CCH_ACTORS?.trim();
  return raw ? parseBindings(raw.split(',')) : {};
}

/**
 * The ecosystem options a run takes from the environment: the remote bindings (CCH_ACTORS), the
 * harness's port (CCH_HARNESS_PORT, so that a partner can be told its peers' URLs before the run) and
 * the wire's time-out (CCH_TIMEOUT_MS) and the shared secret (CCH_SECRET). `cch conformance` sets them for the scenarios it runs.
 */
export function ecosystemOptionsFromEnv(env: NodeJS.ProcessEnv): {
  bindings: Partial<Record<ActorId, Binding>>;
  port?: number;
  host?: string;
  publicHost?: string;
  timeoutMs?: number;
  secret?: string;
} {
  const number = (name: string) => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number, got '${raw}'`);
    return Number(raw);
  };
  const text = (name: string) => env[name]?.trim() || undefined;
  return {
    bindings: bindingsFromEnv(env),
    port: number('CCH_HARNESS_PORT'),
    host: text('CCH_HARNESS_HOST'),
    publicHost: text('CCH_HARNESS_PUBLIC_HOST'),
    timeoutMs: number('CCH_TIMEOUT_MS'),
    secret: env.CCH_SECRET,
  };
}
