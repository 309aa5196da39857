/** Parsed command line: the command, its `--name value` options (repeatable) and `--flag`s. */
export interface Args {
  readonly command: string | undefined;
  readonly options: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
}

const FLAGS = new Set(['help', 'h', 'no-dashboard', 'in-process']);

export function parseArgs(argv: readonly string[]): Args {
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--') || arg === '-h') {
      const [name, inline] = arg.replace(/^-+/, '').split(/=(.*)/s, 2);
      if (FLAGS.has(name)) {
        flags.add(name === 'h' ? 'help' : name);
        continue;
      }
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      options.set(name, [...(options.get(name) ?? []), value]);
    } else if (!command) {
      command = arg;
    } else {
      throw new Error(`unexpected argument '${arg}'`);
    }
  }
  return { command, options, flags };
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
