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
    if (at < 0 || !isActorId(id)) throw new Error(`'${pair}': expected <actor>=<url> with actor one of csp, car-manufacturer, content-provider, call-center, driver`);
    if (!/^https?:\/\/[^\s]+$/.test(url)) throw new Error(`'${pair}': '${url}' is not an http(s) URL`);
    bindings[id] = { kind: 'remote', url };
  }
  return bindings;
}

export function bindingsFromEnv(env: NodeJS.ProcessEnv): Partial<Record<ActorId, Binding>> {
  const raw = env.CCH_ACTORS?.trim();
  return raw ? parseBindings(raw.split(',')) : {};
}
