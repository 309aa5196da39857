/** The page of one scenario: its sequence diagram, the Mermaid source, and the table of exchanges. */
import type { Exchange } from '../exchange.ts';
import { stepsBySeq, type FlowVerdict } from '../flows/match.ts';
import { html, page, table, trusted, type Html, type TableRow } from './html.ts';
import { toMermaid } from './mermaid.ts';
import type { ScenarioSummary } from './run-summary.ts';
import { toSequenceSvg } from './sequence-svg.ts';
import { calleeTitle, partyTitle, sequenceModel, type DiagramOptions, type Message } from './sequence-model.ts';
import { figureHeading, stepWords } from '../flows/plain-words.ts';

/** How the page relates to the rest of the report. */
export interface SequencePageOptions extends DiagramOptions {
  /** Link back to the run index, relative to the page. */
  readonly indexHref: string;
  /** How many scenarios of the run carry this name (their exchanges cannot be told apart). */
  readonly sharedName: number;
  /** The scenario's comparison with the documented steps, when it claims figures. */
  readonly verdict?: FlowVerdict;
}

function firstError(exchange: Exchange): string {
  const error = exchange.errors[0];
  return error === undefined ? '' : `${error.where} ${error.path || '/'} ${error.rule}`;
}

/** Each step named with its sentence and parties, so the table reads without FLOWS.md at hand. */
function stepCell(ids: readonly string[]): Html | null {
  if (ids.length === 0) return null;
  return html`${ids.map((id) => {
    const words = stepWords(id);
    return html`<p class="step"><strong>${id}</strong> ${words.parties}: ${words.sentence}</p>`;
  })}`;
}

function exchangeRow(message: Message, steps: Record<number, string[]>): TableRow {
  const e = message.exchange;
  return {
    className: message.flagged ? 'bad' : undefined,
    cells: [
      message.number,
      stepCell(steps[e.seq] ?? []),
      partyTitle(e.from),
      calleeTitle(e),
      e.operation,
      e.failure === undefined ? e.status : `${e.status} (${e.failure})`,
      e.valid ? html`<span class="ok">yes</span>` : html`<span class="ko">no</span>`,
      firstError(e),
    ],
  };
}

/** The documented steps the scenario claims, and what the recording showed of them. */
function flowSection(verdict: FlowVerdict | undefined): Html | null {
  if (!verdict) return null;
  const figures = verdict.figures.map(
    (f) =>
      html`<li>Figure ${f.figure}: ${f.seen.length} of ${f.expected.length} steps seen${
        f.missing.length > 0 ? html`; <span class="ko">missing ${f.missing.join(', ')}</span>` : ''
      }${
        f.outOfOrder.length > 0 ? html`; <span class="ko">out of order ${f.outOfOrder.map((o) => `${o.step} (before ${o.mustFollow})`).join(', ')}</span>` : ''
      }${f.missing.length > 0 ? html`<ul>${f.missing.map((id) => html`<li class="ko">${stepCell([id])}</li>`)}</ul>` : ''}</li>`,
  );
  const unexpected = verdict.unexpected.map((u) => html`<li class="ko">#${u.seq} ${u.from} → ${u.to} ${u.operation} (${u.status}): no documented step</li>`);
  return html`<h2>Documented steps: <span class="${verdict.ok ? 'ok' : 'ko'}">${verdict.ok ? 'as documented' : 'not as documented'}</span></h2>
<ul>${figures}${unexpected}</ul>`;
}

const LEGEND = html`<p class="legend">Exchanges are numbered from 1 in the order they went on the wire. Solid arrow: TM Forum API call.
Dashed: notification or a party's own API. <span class="ko">Red</span>: invalid (schema broken) or failed (5xx, unreachable).
[7.1]: the documented step of FLOWS.md the exchange fulfils (named in full in the table). Hover an arrow for its path, wire number and errors.</p>`;

function sharedNameNote(count: number): Html | null {
  return count > 1
    ? html`<p class="ko">${count} scenarios of this run share this name: the trace cannot tell their exchanges apart, so this page shows all of them.</p>`
    : null;
}

/** The complete HTML page of one scenario. */
export function sequencePage(scenario: ScenarioSummary, exchanges: readonly Exchange[], options: SequencePageOptions): string {
  const { messages } = sequenceModel(exchanges, options);
  const steps = options.verdict ? stepsBySeq(options.verdict.figures.flatMap((f) => f.seen)) : {};
  const figures = (scenario.figures ?? []).map(figureHeading);
  const body = html`<p><a href="${options.indexHref}">← run summary</a></p>
<h1>${scenario.name}</h1>
${figures.length > 0 ? html`<p class="figures">${figures.join(' · ')}</p>` : null}
<p>Status: <strong>${scenario.status}</strong> · ${messages.length} exchanges shown · ${messages.filter((m) => m.flagged).length} invalid or failed</p>
${sharedNameNote(options.sharedName)}
${LEGEND}
<div class="diagram">${trusted(toSequenceSvg(exchanges, options, steps))}</div>
${flowSection(options.verdict)}
<h2>Exchanges</h2>
${table(
  ['#', 'documented step', 'from', 'to', 'operation', 'status', 'valid', 'first error'],
  messages.map((m) => exchangeRow(m, steps)),
)}
<h2>Mermaid source</h2>
<pre>${toMermaid(exchanges, options)}</pre>`;
  return page({ title: `Sequence — ${scenario.name}`, body, style: '.diagram { overflow-x: auto; } p.step { margin: 0; } .figures { font-weight: 600; }' });
}
