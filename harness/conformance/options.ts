import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ActorId } from '../../core/actor-ids.ts';
import { bindingsFromEnv, parseBindings } from '../bindings.ts';
import type { Binding } from '../ecosystem.ts';
import { specsDirFromEnv } from '../official-specs/load.ts';
import { type Args, one } from '../cli/args.ts';
import { FIGURES, type Figure } from '../flows/types.ts';

/** What a conformance run needs. */
export interface ConformanceOptions {
  /** The partners' systems, by the party they play (at least one). */
  readonly bindings: Partial<Record<ActorId, Binding>>;
  /** Folder of the official TMF specification files (the second opinion). */
  readonly specDir: string;
  /** How long the wire waits for any party. */
  readonly timeoutMs: number;
  /** How long a partner may take to answer before the answer is a finding (it still counts). */
  readonly latencyBudgetMs: number;
  readonly reportDir: string;
  /** The harness's port (0: a free one); fix it when the partner must be configured before the run. */
  readonly harnessPort: number;
  /** Where the harness listens, and the host name partners reach it by (see EcosystemOptions). */
  readonly host?: string;
  readonly publicHost?: string;
  /** Secret from which the bootstrap credentials derive (CCH_SECRET). */
  readonly secret?: string;
  /** The figures to exercise (`--figure`); undefined: every figure the partners take part in. */
  readonly figures?: readonly Figure[];
}

/** A config file (`--config`): the same settings as the command line. */
interface ConfigFile {
  readonly actors?: Readonly<Record<string, string>>;
  readonly specDir?: string;
  readonly timeoutMs?: number;
  readonly latencyBudgetMs?: number;
  readonly reportDir?: string;
  readonly harnessPort?: number;
  readonly host?: string;
  readonly publicHost?: string;
  readonly figures?: readonly (number | string)[];
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_LATENCY_BUDGET_MS = 1000;

/**
 * Settings from the command line, else the config file, else the environment (CCH_ACTORS,
 * TMF_SPECS_DIR, CCH_TIMEOUT_MS, CCH_LATENCY_BUDGET_MS, CCH_CONFORMANCE_DIR, CCH_HARNESS_PORT). Bindings merge per actor in the
 * same order of precedence.
 */
export function conformanceOptions(args: Args, env: NodeJS.ProcessEnv = process.env): ConformanceOptions {
  const configPath = one(args, 'config');
  const config = configPath ? readConfig(configPath) : {};
  const bindings = {
    ...bindingsFromEnv(env),
    ...parseBindings(Object.entries(config.actors ?? {}).map(([id, url]) => `${id}=${url}`)),
    ...parseBindings(args.options.get('actor') ?? []),
  };
  if (Object.keys(bindings).length === 0) throw new Error('conformance needs at least one partner: --actor <actor>=<url> (or a config file, or CCH_ACTORS)');
  const specDir = one(args, 'spec-dir') ?? config.specDir;
  return {
    bindings,
    specDir: specDir ? resolve(specDir) : specsDirFromEnv(env),
    timeoutMs: whole('--timeout-ms', one(args, 'timeout-ms') ?? config.timeoutMs ?? env.CCH_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS, 1),
    latencyBudgetMs: whole(
      '--latency-budget-ms',
      one(args, 'latency-budget-ms') ?? config.latencyBudgetMs ?? env.CCH_LATENCY_BUDGET_MS ?? DEFAULT_LATENCY_BUDGET_MS,
      1,
    ),
    reportDir: resolve(one(args, 'report-dir') ?? config.reportDir ?? env.CCH_CONFORMANCE_DIR ?? 'reports/conformance'),
    harnessPort: whole('--harness-port', one(args, 'harness-port') ?? config.harnessPort ?? env.CCH_HARNESS_PORT ?? 0, 0, 65535),
    host: one(args, 'host') ?? config.host ?? env.CCH_HARNESS_HOST,
    publicHost: one(args, 'public-host') ?? config.publicHost ?? env.CCH_HARNESS_PUBLIC_HOST,
    secret: env.CCH_SECRET,
    figures: figuresOption(args.options.get('figure') ?? config.figures),
  };
}

/**
 * `--figure 7 --figure 9` or `--figure 7,9` (`figure7` too): the figures to exercise, in the order of
 * the use case; undefined when none is named.
 */
function figuresOption(raw: readonly (number | string)[] | undefined): Figure[] | undefined {
  if (raw === undefined || raw.length === 0) return undefined;
  const named = raw.flatMap((item) => String(item).split(',')).map((item) => item.trim().replace(/^@?figure/i, ''));
  const unknown = named.filter((n) => !FIGURES.some((f) => String(f) === n));
  if (unknown.length > 0) throw new Error(`--figure ${unknown.map((n) => `'${n}'`).join(', ')}: the figures are ${FIGURES.join(', ')}`);
  return FIGURES.filter((f) => named.includes(String(f)));
}

function readConfig(path: string): ConfigFile {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ConfigFile;
  } catch (error) {
    throw new Error(`--config ${path}: ${(error as Error).message}`);
  }
}

function whole(name: string, raw: string | number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const text = String(raw);
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got '${text}'`);
  return Number(text);
}
