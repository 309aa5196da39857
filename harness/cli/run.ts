import { loadConfiguration, runCucumber } from '@cucumber/cucumber/api';
import { resolve } from 'node:path';
import { type Args, one } from './args.ts';

/** `cch run`: the features against a fresh ecosystem, reports in the report folder. */
export async function runFeatures(args: Args): Promise<number> {
  const reportDir = resolve(one(args, 'report-dir') ?? 'reports/latest');
  process.env.CCH_REPORT_DIR = reportDir; // read by cucumber.mjs and the hooks
  const tags = one(args, 'tags');
  const { runConfiguration } = await loadConfiguration({ provided: tags ? { tags } : {} });
  const { success } = await runCucumber(runConfiguration);
  process.stdout.write(`\nReports: ${reportDir}/index.html (cucumber.html, junit.xml, trace.json, flows.json, sequence/)\n`);
  return success ? 0 : 1;
}
