import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../../harness/cli/args.ts';
import { conformanceOptions } from '../../harness/conformance/options.ts';
import type { ConformanceReport } from '../../harness/conformance/report.ts';
import { runConformance } from '../../harness/conformance/run.ts';
import type { Finding } from '../../harness/conformance/types.ts';

// Partner conformance (issue 6) against partners bound by URL, in the test's process (what `cch
// conformance` does after parsing its command line, without paying a process start each).

export const tmp = (name: string) => mkdtempSync(join(tmpdir(), `cch-${name}-`));

/** A conformance run of these partners (`actor=url`, one or more); checks that the report on disk is the one returned. */
export async function conformance(bindings: string | readonly string[], extra: string[] = []) {
  const actors = (typeof bindings === 'string' ? [bindings] : bindings).flatMap((b) => ['--actor', b]);
  const dir = tmp('conformance');
  const lines: string[] = [];
  const started = Date.now();
  const returned = await runConformance(conformanceOptions(parseArgs(['conformance', ...actors, '--report-dir', dir, ...extra])), (line) => lines.push(line));
  const file = join(dir, 'conformance.json');
  assert.ok(existsSync(file), `a report was written: ${lines.join('\n')}`);
  const report = JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
  assert.equal(report.summary.line, returned.summary.line, 'the report on disk is the one returned');
  return { code: report.summary.ok ? 0 : 1, output: [...lines, report.summary.line].join('\n'), ms: Date.now() - started, dir, report };
}

export const describeFinding = (f: Finding) => `${f.step} ${f.api} ${f.operation}: ${f.rule}: ${f.message}`;
