import { conformanceOptions } from '../conformance/options.ts';
import { runConformance } from '../conformance/run.ts';
import type { Args } from './args.ts';

/** `cch conformance`: judge partners' systems bound by URL; exit 1 on any failure. */
export async function conformance(args: Args): Promise<number> {
  const options = conformanceOptions(args);
  const report = await runConformance(options, (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`\n${report.summary.line}\n`);
  return report.summary.ok ? 0 : 1;
}
