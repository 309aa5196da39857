/** The run summary page: every scenario with its counts, linking its sequence page. */
import { html, page, table, type TableRow } from './html.ts';
import { sequencePagePath, type RunSummary, type ScenarioSummary } from './run-summary.ts';
import { uniqueSlugs } from './slug.ts';

function scenarioRow(scenario: ScenarioSummary, slug: string): TableRow {
  const bad = scenario.status !== 'passed' || scenario.invalid > 0 || !scenario.flowsOk;
  return {
    className: bad ? 'bad' : undefined,
    cells: [
      html`<a href="${sequencePagePath(slug)}">${scenario.name}</a>`,
      scenario.status,
      scenario.exchanges,
      scenario.invalid,
      scenario.flowsOk ? html`<span class="ok">ok</span>` : html`<span class="ko">not ok</span>`,
    ],
  };
}

/** The complete HTML of the run index. */
export function indexPage(summary: RunSummary): string {
  const slugs = uniqueSlugs(summary.scenarios.map((s) => s.name));
  const passed = summary.scenarios.filter((s) => s.status === 'passed').length;
  const body = html`<h1>Run summary</h1>
<p>${passed} of ${summary.scenarios.length} scenarios passed ·
<a href="trace.json">trace.json</a> (every exchange) · <a href="flows.json">flows.json</a> (flow verdicts)</p>
${table(['scenario', 'status', 'exchanges', 'invalid', 'flows'], summary.scenarios.map((s, i) => scenarioRow(s, slugs[i])))}`;
  return page({ title: 'Run summary', body });
}
