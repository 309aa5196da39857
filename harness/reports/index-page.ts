/**
 * The run summary page: the scenarios grouped by the figure of FLOWS.md they play, in figure order and
 * under the figure's name, each linking its sequence page; the run's other files linked at the top;
 * every column explained.
 */
import { figureHeading } from '../flows/plain-words.ts';
import { FIGURES } from '../flows/types.ts';
import { html, page, table, type Html, type TableRow } from './html.ts';
import { sequencePagePath, type RunSummary, type ScenarioSummary } from './run-summary.ts';
import { uniqueSlugs } from './slug.ts';

const COLUMNS = ['scenario', 'result', 'exchanges', 'invalid', 'dead letters', 'documented steps'];

const LEGEND = html`<dl class="legend">
<dt>scenario</dt><dd>A Cucumber scenario; its link opens the sequence diagram of every message it put on the wire.</dd>
<dt>result</dt><dd>Cucumber's verdict: <em>passed</em> when every step of the scenario held.</dd>
<dt>exchanges</dt><dd>Messages between the parties (calls, notifications, the parties' own APIs); the harness's own driving is not counted.</dd>
<dt>invalid</dt><dd>Of those, how many broke their TM Forum schema or failed (server error, no answer).</dd>
<dt>dead letters</dt><dd>Events and owed effects a party gave up delivering after retrying over its whole horizon (listed below the tables with the last error; <code>POST /control/redeliver</code> sends them again).</dd>
<dt>documented steps</dt><dd><em>as documented</em> when every step of the figure was seen on the wire or in a party's journal, in the documented order; <em>not as documented</em> otherwise (the scenario page lists what is missing); <em>—</em> for a scenario that plays no figure.</dd>
</dl>`;

const RUN_FILES = html`<ul class="files">
<li><a class="run-file" href="cucumber.html">cucumber.html</a>: Cucumber's own report, every Gherkin step</li>
<li><a class="run-file" href="junit.xml">junit.xml</a>: the same results for a CI server</li>
<li><a class="run-file" href="trace.json">trace.json</a>: every exchange, labelled with the documented step it fulfils (the dashboard replays it)</li>
<li><a class="run-file" href="flows.json">flows.json</a>: the flow verdicts, step by step</li>
</ul>`;

function scenarioRow(scenario: ScenarioSummary, slug: string): TableRow {
  const dead = scenario.deadLetters?.length ?? 0;
  const bad = scenario.status !== 'passed' || scenario.invalid > 0 || !scenario.flowsOk || dead > 0;
  const steps =
    (scenario.figures ?? []).length === 0
      ? '—'
      : scenario.flowsOk
        ? html`<span class="ok">as documented</span>`
        : html`<span class="ko">not as documented</span>`;
  return {
    className: bad ? 'bad' : undefined,
    cells: [html`<a href="${sequencePagePath(slug)}">${scenario.name}</a>`, scenario.status, scenario.exchanges, scenario.invalid, dead, steps],
  };
}

interface Listed {
  readonly scenario: ScenarioSummary;
  readonly slug: string;
}

function section(title: string, listed: readonly Listed[]): Html | null {
  if (listed.length === 0) return null;
  const passed = listed.filter((l) => l.scenario.status === 'passed').length;
  return html`<h2>${title}</h2>
<p>${passed} of ${listed.length} passed</p>
${table(
  COLUMNS,
  listed.map((l) => scenarioRow(l.scenario, l.slug)),
)}`;
}

/** The complete HTML of the run index. */
export function indexPage(summary: RunSummary): string {
  const slugs = uniqueSlugs(summary.scenarios.map((s) => s.name));
  const listed = summary.scenarios.map((scenario, i) => ({ scenario, slug: slugs[i] }));
  const passed = summary.scenarios.filter((s) => s.status === 'passed').length;
  // A scenario playing two figures is listed under each.
  const byFigure = FIGURES.map((figure) =>
    section(
      figureHeading(figure),
      listed.filter((l) => l.scenario.figures?.includes(figure)),
    ),
  );
  const others = section(
    'Other scenarios (no documented figure)',
    listed.filter((l) => (l.scenario.figures ?? []).length === 0),
  );
  const body = html`<h1>Run summary</h1>
<p>${passed} of ${summary.scenarios.length} scenarios passed.</p>
${RUN_FILES}
<h2>What the columns mean</h2>
${LEGEND}
${byFigure}${others}
${deadLetterSection(summary.scenarios)}`;
  return page({ title: 'Run summary', body, style: LEGEND_STYLE });
}

const DEAD_COLUMNS = ['scenario', 'party', 'kind', 'what', 'id', 'owed at', 'attempts', 'last error'];

/** Every dead letter of the run, by scenario: what was not delivered, where it was going and why it failed last. */
function deadLetterSection(scenarios: readonly ScenarioSummary[]): Html {
  const rows: TableRow[] = scenarios.flatMap((s) =>
    (s.deadLetters ?? []).map((d) => ({
      className: 'bad',
      cells: [s.name, d.party, d.kind, d.what, d.id, d.owedAt, d.attempts, d.lastError ?? ''],
    })),
  );
  return html`<h2 id="dead-letters">Dead letters</h2>
${rows.length === 0 ? html`<p>No party gave up on an event or an owed effect.</p>` : table(DEAD_COLUMNS, rows)}`;
}

const LEGEND_STYLE = `
dl.legend { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; font-size: 0.85rem; max-width: 60rem; }
dl.legend dt { font-weight: 600; } dl.legend dd { margin: 0; }
ul.files { font-size: 0.9rem; }
`;
