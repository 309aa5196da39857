import { html, page, table, type Html } from '../reports/html.ts';
import type { ConformanceReport } from './report.ts';
import type { Finding } from './types.ts';

const STYLE = `
td.pass { color: #1a7f37; font-weight: 600; } td.fail { color: #c62828; font-weight: 600; } td.not-exercised { color: #6e7781; }
details { margin: 0.25rem 0; } summary { cursor: pointer; }
.failure { border-left: 4px solid #c62828; padding: 0.25rem 0.75rem; margin: 0.75rem 0; }
`;

/** Longest body excerpt shown per failure; the JSON report has the rest. */
const BODY_CHARS = 4000;

/** `conformance.html`: the verdict a person reads, matrix first, then every failure with its evidence. */
export function conformancePage(report: ConformanceReport): string {
  const { summary } = report;
  const body = html`<h1>Conformance ${summary.ok ? html`<span class="ok">PASS</span>` : html`<span class="ko">FAIL</span>`}</h1>
<p>${summary.line}</p>
<p>Generated ${report.generatedAt}; harness ${report.harnessUrl}; wire time-out ${report.timeoutMs} ms.</p>
<h2>Partners</h2>
${table(
  ['party', 'URL', 'mode', 'why', 'takes part in figures', 'figures with scenarios', 'figures run'],
  report.partners.map((p) => {
    const figs = report.figures.find((f) => f.party === p.party);
    return {
      cells: [p.party, p.url, p.mode, p.reason, figs?.takesPart.join(', '), figs?.withScenarios.join(', '), figs?.run.join(', ')],
      className: p.mode === 'full' ? undefined : 'bad',
    };
  }),
)}
<h2>Peer URLs the partner must use</h2>
${report.peerUrls.map(
  (p) =>
    html`<h3>${p.party}</h3>${table(
      ['peer', 'call it at', 'callback URL to give it'],
      Object.keys(p.peers).map((peer) => ({ cells: [peer, p.peers[peer], p.callbacks[peer]] })),
    )}`,
)}
<h2>Matrix: party × API × operation × flow step</h2>
${table(
  ['party', 'API', 'operation', 'step', 'verdict', 'checks passed', 'checks failed', 'note'],
  report.matrix.map((r) => ({
    cells: [r.party, r.api, r.operation, r.step, html`<span class="${r.verdict.replace(' ', '-')}">${r.verdict}</span>`, r.passed, r.failed, r.reason],
    className: r.verdict === 'fail' ? 'bad' : undefined,
  })),
)}
<h2>Failures (${report.failures.length})</h2>
${report.failures.map(failureBlock)}
<h2>Not probed (${report.notProbed.length})</h2>
${
  report.notProbed.length
    ? html`<p>Checks the harness could not make, so they are neither passed nor failed: a collection with too few entities to page or filter, a create the partner refused.</p>${table(
        ['party', 'API', 'operation', 'rule', 'why'],
        report.notProbed.map((f) => ({ cells: [f.party, f.api, f.operation, f.rule, f.message] })),
      )}`
    : html`<p>Every collection could be probed in full.</p>`
}
<h2>Scenarios</h2>
${
  report.scenarios.length
    ? table(
        ['scenario', 'result'],
        report.scenarios.map((s) => ({ cells: [s.name, s.passed ? 'passed' : 'failed'], className: s.passed ? undefined : 'bad' })),
      )
    : html`<p>No scenario ran.</p>`
}
<h2>Checks that rest on the partner's own state</h2>
${
  report.selfReported.length
    ? html`<p>These scenarios could check some facts only through the partner's GET /control/state (no TMF API it serves shows them): there the verdict rests on what the partner says about itself.</p>${table(
        ['scenario', 'party', 'state reads'],
        report.selfReported.map((r) => ({ cells: [r.scenario, r.party, String(r.reads)] })),
      )}`
    : html`<p>Every scenario check read what the partner serves over TMF.</p>`
}
<h2>Second opinion: official TMF specifications</h2>
${officialBlock(report)}`;
  return page({ title: `Conformance ${summary.ok ? 'PASS' : 'FAIL'}`, body, style: STYLE });
}

function failureBlock(f: Finding): Html {
  const e = f.exchange;
  return html`<div class="failure">
<p><strong>${f.party} · ${f.api} · ${f.operation} · step ${f.step}</strong> — ${f.source}: <strong>${f.rule}</strong></p>
<p>${f.message}</p>
${f.path ? html`<p>JSON path: <code>${f.path}</code></p>` : ''}
${f.scenario ? html`<p>Scenario: ${f.scenario}</p>` : ''}
${
  e
    ? html`<p>Exchange #${e.seq}: ${e.from} → ${e.to} <code>${e.method} ${e.path}</code> → ${e.status}${e.failure ? html` — <strong>${e.failure}</strong>` : ''}</p>
${e.request !== undefined ? html`<details><summary>request body</summary><pre>${excerpt(e.request)}</pre></details>` : ''}
${e.response !== undefined ? html`<details><summary>response body</summary><pre>${excerpt(e.response)}</pre></details>` : ''}`
    : ''
}
</div>`;
}

function officialBlock(report: ConformanceReport): Html {
  const o = report.official;
  if (o.unavailable) return html`<p>Not available (${o.dir}): ${o.unavailable}</p>`;
  return html`<p>${o.dir}: ${o.checked} exchange(s) checked, ${o.notCovered} without an official definition, ${o.issues.length} issue(s). Each fails the row of its exchange too (source official): a payload the official file refuses breaks the standard.</p>
${
  o.issues.length
    ? table(
        ['party', 'scenario', 'exchange', 'spec', 'definition', 'path', 'rule', 'message'],
        o.issues.map((i) => ({ cells: [i.party, i.scenario, `#${i.seq}`, i.spec, i.definition, `${i.where}${i.path}`, i.rule, i.message], className: 'bad' })),
      )
    : ''
}`;
}

function excerpt(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  return text.length > BODY_CHARS ? `${text.slice(0, BODY_CHARS)}\n… (${text.length - BODY_CHARS} more characters in conformance.json)` : text;
}
