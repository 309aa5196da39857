import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SECRET } from '../actors/kit/config.ts';

/**
 * The secret every key of an ecosystem derives from. `CCH_SECRET` wins; otherwise `cch up` draws a
 * random one per data folder (kept there, so a restart accepts the keys it issued) — the fixed dev
 * secret is public, so with it anyone could derive the harness's keys.
 */
export function ecosystemSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env.CCH_SECRET) return env.CCH_SECRET;
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** A warning when a host other parties can reach is bound with the public dev secret. */
export function publicSecretWarning(secret: string, host: string | undefined): string | undefined {
  const loopback = host === undefined || host === 'localhost' || host.startsWith('127.') || host === '::1';
  return secret === DEFAULT_SECRET && !loopback
    ? `Warning: ${host} is reachable from other hosts and the keys derive from the public default secret; set CCH_SECRET.\n`
    : undefined;
}
