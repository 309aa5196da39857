import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ActorId } from '../../core/actor-ids.ts';
import { parseArgs } from '../../harness/cli/args.ts';
import { startAlone } from '../../harness/cli/up.ts';
import { conformanceOptions } from '../../harness/conformance/options.ts';
import type { ConformanceReport } from '../../harness/conformance/report.ts';
import { runConformance } from '../../harness/conformance/run.ts';
import type { Finding } from '../../harness/conformance/types.ts';

// Partner conformance (issue 6) against partners bound by URL, in the test's process (what `cch
// conformance` does after parsing its command line, without paying a process start each). The
// self-tests are spread over several files so that the suite's lanes run them side by side.

export const tmp = (name: string) => mkdtempSync(join(tmpdir(), `cch-${name}-`));

/** A conformance run with these command-line arguments; checks that the report on disk is the one returned. */
export async function conformance(binding: string, extra: string[] = []) {
  const dir = tmp('conformance');
  const lines: string[] = [];
  const started = Date.now();
  const returned = await runConformance(conformanceOptions(parseArgs(['conformance', '--actor', binding, '--report-dir', dir, ...extra])), (line) =>
    lines.push(line),
  );
  const file = join(dir, 'conformance.json');
  assert.ok(existsSync(file), `a report was written: ${lines.join('\n')}`);
  const report = JSON.parse(readFileSync(file, 'utf8')) as ConformanceReport;
  assert.equal(report.summary.line, returned.summary.line, 'the report on disk is the one returned');
  return { code: report.summary.ok ? 0 : 1, output: [...lines, report.summary.line].join('\n'), ms: Date.now() - started, dir, report };
}

export const describeFinding = (f: Finding) => `${f.step} ${f.api} ${f.operation}: ${f.rule}: ${f.message}`;

/** The self-test of one simulated party: started alone, bound by URL, it passes conformance with zero failures. */
export function selfTest(actor: ActorId): void {
  test(`self-test: the simulated ${actor}, started alone and bound by URL, passes conformance with zero failures`, async () => {
    // In memory: this judges the party's answers, not its persistence (crash-restart.test.ts does that).
    const { actor: alone } = await startAlone(actor, 0, undefined);
    try {
      // The test machine is shared and busy: the self-test judges correctness, the latency test speed.
      const { code, output: out, report, dir } = await conformance(`${actor}=${alone.url}`, ['--latency-budget-ms', '5000']);
      assert.deepEqual(report.failures.map(describeFinding), []);
      assert.equal(code, 0, out);
      assert.equal(report.partners[0].mode, 'full');
      assert.ok(report.scenarios.length >= 5 && report.scenarios.every((s) => s.passed), 'the scenarios of its figures ran and passed');
      for (const [i, s] of report.scenarios.entries())
        assert.ok(out.includes(`✔ ${i + 1}/${report.scenarios.length} ${s.name}`), `the progress names "${s.name}" as it finishes`);
      const rows = report.matrix.filter((r) => r.verdict !== 'not exercised');
      assert.ok(rows.length > 10 && rows.every((r) => r.verdict === 'pass'), 'every row of its figures passed');
      assert.ok(
        report.matrix.filter((r) => r.verdict === 'not exercised').every((r) => Boolean(r.reason)),
        'a row not exercised says why',
      );
      assert.match(out, /conformance PASS/);
      assert.match(out, new RegExp(`${report.notProbed.length} check\\(s\\) not probed`), 'the summary line counts what could not be probed');
      assert.ok(
        report.notProbed.every((f) => f.verdict === 'not probed' && f.message),
        'each check not probed says why',
      );
      assert.match(out, new RegExp(`${actor} \\(http://127\\.0\\.0\\.1:\\d+\\) must call its peers at:`));
      const peers = JSON.parse(readFileSync(join(dir, 'peers.json'), 'utf8'));
      assert.match(peers[0].peers[actor === 'csp' ? 'car-manufacturer' : 'csp'], /\/wire\//);
      assert.ok(peers[0].credentials.presentsTo[actor === 'csp' ? 'car-manufacturer' : 'csp'], 'with the credentials it presents');
      assert.match(readFileSync(join(dir, 'conformance.junit.xml'), 'utf8'), /<testsuite name="conformance [^"]+" tests="\d+" failures="0"/);
      assert.match(readFileSync(join(dir, 'conformance.html'), 'utf8'), /Conformance <span class="ok">PASS/);
    } finally {
      await alone.stop();
    }
  });
}

/** The parties whose self-test has a file of its own (the longest runs); the rest share one. */
export const SELF_TESTS_ALONE: readonly ActorId[] = ['csp', 'car-manufacturer', 'driver'];
