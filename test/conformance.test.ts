import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfiguration } from '@cucumber/cucumber/api';
import { selectedScenarios } from '../harness/cli/run.ts';
import type { ConformanceReport } from '../harness/conformance/report.ts';
import { runCch } from './support/cch-process.ts';
import { conformance, describeFinding, tmp } from './support/conformance-run.ts';
import { startFaultyCsp, type CspFaults } from './support/faulty-csp.ts';
import { closedPort, startSlowServer } from './support/slow-server.ts';

// Partner conformance (issue 6): the negative controls and the command. The self-tests of the simulated
// parties are in conformance-self-*.test.ts (test/support/conformance-run.ts).

/** How many scenarios a tag expression selects in features/. */
async function scenariosOf(tags: string): Promise<number> {
  const { runConfiguration } = await loadConfiguration({ provided: { tags } });
  return selectedScenarios(runConfiguration.sources, tags);
}

/** The planted faults, each with the step and the rule at which the report must name it. */
const PLANTED: { fault: keyof CspFaults; step: string; rule: RegExp; path?: string }[] = [
  { fault: 'billsDontSum', step: '7.9', rule: /sum of the bill items equals the bill amount/, path: 'response/taxIncludedAmount/value' },
  { fault: 'ignoresLimit', step: '7.5', rule: /a list honours limit/ },
  { fault: 'errorsWithoutCode', step: '7.5', rule: /schema Error: required/ },
  { fault: 'acceptsOutsideBundle', step: '7.2', rule: /outside the API bundle is refused with 403/ },
  { fault: 'noOrderStateNotification', step: '7.1', rule: /subscriber hears of the state changes/ },
  // Only the official file types this attribute: its issue fails the partner too, not only the second opinion.
  { fault: 'offTypeAttribute', step: '7.5', rule: /^official ProductOffering(\[\])?: type$/ },
];

test('negative control: a faulty CSP fails conformance, and the report names each planted fault at its step (figure 7, where they are planted)', async () => {
  const csp = await startFaultyCsp(Object.fromEntries(PLANTED.map((p) => [p.fault, true])));
  try {
    const { code, report, dir, output } = await conformance(`csp=${csp.baseUrl}`, ['--figure', '7']);
    assert.equal(code, 1);
    assert.deepEqual(report.selectedFigures, [7]);
    assert.deepEqual(report.figures[0].run, [7], 'the CSP takes part in figures 7–11; only 7 was run');
    assert.equal(report.scenarios.length, await scenariosOf('@figure7'), "figure 7's scenarios ran, and no other");
    const notRun = report.matrix.filter((r) => r.step.startsWith('8.'));
    assert.ok(
      notRun.length > 0 && notRun.every((r) => r.verdict === 'not exercised' && r.reason === 'figure 8 not selected (--figure 7)'),
      'the steps of figure 8 say why they were not exercised',
    );
    assert.match(output, /conformance FAIL csp \(full\), figure 7 only:/);
    for (const planted of PLANTED) {
      const named = report.failures.filter((f) => f.step === planted.step && planted.rule.test(f.rule) && (!planted.path || f.path === planted.path));
      assert.ok(named.length > 0, `${planted.fault} is named at ${planted.step}; failures: ${report.failures.map(describeFinding).join('\n')}`);
      assert.ok(
        named.every((f) => f.exchange),
        `${planted.fault}: the failure shows its exchange`,
      );
    }
    assert.ok(report.failures.find((f) => /schema Error/.test(f.rule))?.message.includes('code'), 'the missing field is named');
    const html = readFileSync(join(dir, 'conformance.html'), 'utf8');
    for (const words of ['sum of the bill items', 'a list honours limit', 'outside the API bundle']) assert.ok(html.includes(words), words);
    assert.match(readFileSync(join(dir, 'conformance.junit.xml'), 'utf8'), /<failure message=/);
  } finally {
    await csp.close();
  }
});

test('a partner without the control contract gets provider-only checks, and the report says which steps were not exercised', async () => {
  const csp = await startFaultyCsp({ hideControl: true });
  try {
    const { code, report } = await conformance(`csp=${csp.baseUrl}`);
    assert.equal(report.partners[0].mode, 'provider-only');
    assert.match(report.partners[0].reason, /openapi\.json → 404/);
    assert.equal(report.scenarios.length, 0, 'no scenario can drive the partner');
    assert.deepEqual(report.failures.map(describeFinding), [], 'the real CSP serves its TMF APIs correctly');
    assert.equal(code, 0);
    const row = (step: string, api: string) => report.matrix.find((r) => r.step === step && r.api === api)!;
    assert.equal(row('7.5', 'TMF620').verdict, 'pass', 'the catalog list was exercised directly');
    assert.equal(row('7.2', 'TMF637').verdict, 'pass', 'the bundle refusals were exercised directly');
    assert.equal(row('7.3', 'control').verdict, 'not exercised');
    assert.match(row('7.7', 'internal').reason!, /provider-only/);
  } finally {
    await csp.close();
  }
});

test('`cch conformance` with an unreachable partner exits 1 with a clear failure naming the URL', async () => {
  const port = await closedPort();
  const dir = tmp('conformance');
  const { code, output } = await runCch(['conformance', '--actor', `csp=http://127.0.0.1:${port}`, '--timeout-ms', '2000', '--report-dir', dir], {
    CCH_ACTORS: '',
  });
  const report = JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as ConformanceReport;
  assert.equal(code, 1);
  assert.equal(report.partners[0].mode, 'unreachable');
  const failure = report.failures.find((f) => f.source === 'transport')!;
  assert.match(failure.message, new RegExp(`unreachable at http://127\\.0\\.0\\.1:${port}`));
  assert.equal(failure.exchange?.status, 502);
  assert.match(output, /conformance FAIL csp \(unreachable\)/);
});

test('a partner slower than the time-out ends in a clear failure within the time-out', async () => {
  const slow = await startSlowServer(10_000);
  try {
    const { code, report, ms } = await conformance(`csp=${slow.baseUrl}`, ['--timeout-ms', '400']);
    assert.equal(code, 1);
    const failure = report.failures.find((f) => f.source === 'transport')!;
    assert.match(failure.message, /did not answer within 400 ms/);
    assert.ok(failure.message.includes(slow.baseUrl), 'the URL is named');
    assert.equal(failure.exchange?.status, 504);
    assert.ok(ms < 10_000, `the run ended long before the partner would have answered (${ms} ms)`);
  } finally {
    await slow.close();
  }
});
