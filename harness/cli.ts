import { parseArgs } from './cli/args.ts';
import { HELP } from './cli/help.ts';
import type { HarnessMount } from './ecosystem.ts';

/** What the composition root (bin/cch.mjs) plugs in from the floors above the harness. */
export interface CliPlugins {
  /** Served by `cch up` beside the wire unless `--no-dashboard`. */
  readonly dashboard?: HarnessMount;
}

/**
 * The `cch` command. Returns the process exit code. Each command's modules are loaded when it runs:
 * a party alone (`cch up --only`) does not pay for loading Cucumber or the conformance checks.
 */
export async function main(argv: readonly string[], plugins: CliPlugins = {}): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.flags.has('help') || !args.command || args.command === 'help') {
      process.stdout.write(HELP);
      return args.command || args.flags.has('help') ? 0 : 1;
    }
    switch (args.command) {
      case 'up':
        return await (await import('./cli/up.ts')).up(args, plugins.dashboard);
      case 'run':
        return await (await import('./cli/run.ts')).runFeatures(args);
      case 'conformance':
        return await (await import('./cli/conformance.ts')).conformance(args);
      case 'fleet':
        return await (await import('./cli/fleet.ts')).fleet(args);
      case 'trace':
        return await (await import('./cli/trace.ts')).trace(args);
      default:
        process.stderr.write(`cch: unknown command '${args.command}'. Try 'cch --help'.\n`);
        return 2;
    }
  } catch (error) {
    process.stderr.write(`cch: ${(error as Error).message}\n`);
    return 2;
  }
}
