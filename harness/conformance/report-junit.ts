import { escapeHtml } from '../reports/html.ts';
import type { ConformanceReport } from './report.ts';
import type { Finding, MatrixRow } from './types.ts';

const attr = (text: string | number) => escapeHtml(String(text));

/** `conformance.junit.xml`: one suite per partner, one test case per matrix row (skipped when not exercised). */
export function conformanceJunit(report: ConformanceReport): string {
  const suites = report.partners.map((p) => {
    const rows = report.matrix.filter((r) => r.party === p.party);
    const count = (v: MatrixRow['verdict']) => rows.filter((r) => r.verdict === v).length;
    const cases = rows.map((r) =>
      testCase(
        r,
        report.failures.filter((f) => f.party === r.party && f.api === r.api && f.operation === r.operation && f.step === r.step),
      ),
    );
    return `  <testsuite name="${attr(`conformance ${p.party}`)}" tests="${rows.length}" failures="${count('fail')}" skipped="${count('not exercised')}">\n${cases.join('')}  </testsuite>\n`;
  });
  const failed = report.matrix.filter((r) => r.verdict === 'fail').length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="cch conformance" tests="${report.matrix.length}" failures="${failed}">\n${suites.join('')}</testsuites>\n`;
}

function testCase(r: MatrixRow, failures: readonly Finding[]): string {
  const open = `    <testcase classname="${attr(`${r.party}.${r.api}`)}" name="${attr(`${r.step} ${r.operation}`)}"`;
  if (r.verdict === 'pass') return `${open}/>\n`;
  if (r.verdict === 'not exercised') return `${open}>\n      <skipped message="${attr(r.reason ?? 'not exercised')}"/>\n    </testcase>\n`;
  const detail = failures.map(
    (f) =>
      `${f.rule}: ${f.message}${f.path ? ` [${f.path}]` : ''}${f.exchange ? ` (#${f.exchange.seq} ${f.exchange.method} ${f.exchange.path} → ${f.exchange.status}${f.exchange.failure ? `: ${f.exchange.failure}` : ''})` : ''}`,
  );
  return `${open}>\n      <failure message="${attr(failures[0]?.rule ?? 'failed')}">${attr(detail.join('\n'))}</failure>\n    </testcase>\n`;
}
