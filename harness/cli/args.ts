import { parseArgs as parseNodeArgs } from 'node:util';

/** Parsed command line: the command, its `--name value` options (repeatable) and `--flag`s. */
export interface Args {
  readonly command: string | undefined;
  readonly options: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
}

type OptionSpec = { readonly type: 'string' | 'boolean'; readonly multiple?: boolean; readonly short?: string };

const HELP_OPTION: Record<string, OptionSpec> = { help: { type: 'boolean', short: 'h' } };
const text: OptionSpec = { type: 'string' };
const many: OptionSpec = { type: 'string', multiple: true };
const flag: OptionSpec = { type: 'boolean' };

/** Every command and the options it takes: anything else is an error. */
export const COMMANDS: Readonly<Record<string, Readonly<Record<string, OptionSpec>>>> = {
  up: { port: text, 'party-ports': text, host: text, 'public-host': text, data: text, 'no-dashboard': flag, 'in-process': flag, only: text, peer: many },
  run: { tags: text, 'report-dir': text, features: many, profile: text },
  conformance: {
    actor: many,
    config: text,
    'spec-dir': text,
    'timeout-ms': text,
    'latency-budget-ms': text,
    'report-dir': text,
    'harness-port': text,
    host: text,
    'public-host': text,
    figure: many,
  },
  fleet: { cars: text, month: text, actor: many, 'cars-per-batch': text, concurrency: text, 'report-dir': text, 'onboard-only': flag, 'fleet-file': text },
  trace: { file: text, out: text },
  help: {},
};

/**
 * Parses `cch <command> [options]` strictly (node:util parseArgs): an unknown command or option, a
 * missing value or a stray argument is an error that says what is wrong and what was probably meant.
 */
export function parseArgs(argv: readonly string[]): Args {
  const [first, ...rest] = argv;
  const command = first !== undefined && !first.startsWith('-') ? first : undefined;
  if (command !== undefined && !(command in COMMANDS)) {
    throw new Error(`unknown command '${command}'${suggest(command, Object.keys(COMMANDS), '')}. Try 'cch --help'.`);
  }
  const specs = { ...HELP_OPTION, ...(command ? COMMANDS[command] : {}) };
  const where = command ? `'cch ${command}'` : "'cch'";
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    ({ values } = parseNodeArgs({ args: command ? rest : argv, options: specs, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new Error(explain(error as Error & { code?: string }, where, Object.keys(specs)));
  }
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    if (typeof value === 'boolean') {
      if (value) flags.add(name);
    } else {
      options.set(name, [value].flat().map(String));
    }
  }
  return { command, options, flags };
}

function explain(error: Error & { code?: string }, where: string, known: readonly string[]): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(error.message)?.[1];
  if (unknown) return `unknown option ${unknown} for ${where}${suggest(unknown.replace(/^-+/, ''), known, '--')}. Try 'cch --help'.`;
  const positional = /Unexpected argument '([^']+)'/.exec(error.message)?.[1];
  if (positional) return `unexpected argument '${positional}' for ${where}: options are written --name value. Try 'cch --help'.`;
  const needsValue = /Option '(?:-\w, )?(--[^ ]+) <value>' argument missing/.exec(error.message)?.[1];
  if (needsValue) return `${needsValue} needs a value`;
  return `${where}: ${error.message}`;
}

/** ` (did you mean --tags?)` for the closest known name, if any is close enough. */
function suggest(given: string, known: readonly string[], prefix: string): string {
  const scored = known.map((k) => ({ k, d: distance(given, k) })).sort((a, b) => a.d - b.d)[0];
  return scored && scored.d <= Math.max(2, Math.floor(given.length / 3)) ? ` (did you mean ${prefix}${scored.k}?)` : '';
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j];
      row[j] = next;
    }
  }
  return row[b.length];
}

export function one(args: Args, name: string): string | undefined {
  return args.options.get(name)?.at(-1);
}

export function port(args: Args, fallback: number): number {
  const raw = one(args, 'port');
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new Error(`--port must be a number from 0 to 65535, got '${raw}'`);
  return Number(raw);
}
