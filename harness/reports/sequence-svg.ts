/**
 * A sequence diagram drawn as inline SVG, so a report page shows it offline with no script.
 * Pure and deterministic: the same exchanges always give the same markup.
 */
import type { WireParty } from '../../core/actor-ids.ts';
import type { Exchange } from '../exchange.ts';
import { html, type Html } from './html.ts';
import { partyTitle, sequenceModel, type DiagramOptions, type Message } from './sequence-model.ts';

const MARGIN = 20;
const BOX_WIDTH = 180;
const BOX_HEIGHT = 44;
const COLUMN = 220;
const ROW = 38;
/** Where the first message sits below the lifeline heads. */
const FIRST_ROW = MARGIN + BOX_HEIGHT + 30;
/** Approximate width of one character at the label font size, to keep labels within their span. */
const CHAR_WIDTH = 6.4;
/** Longest lifeline title line, in characters, that fits in a box. */
const TITLE_LINE = 24;
const SELF_LOOP = 36;

const INK = '#24292f';
const RED = '#c62828';

function centerOf(index: number): number {
  return MARGIN + BOX_WIDTH / 2 + index * COLUMN;
}

/** Splits a title into at most two lines of about `TITLE_LINE` characters, at spaces. */
function titleLines(title: string): string[] {
  const lines: string[] = [];
  for (const word of title.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && (lines[last] + ' ' + word).length <= TITLE_LINE) lines[last] += ' ' + word;
    else lines.push(word);
  }
  return lines.length <= 2 ? lines : [lines[0], lines.slice(1).join(' ')];
}

/** The arrow's label, fitted to `maxChars` by shortening the operation: the status always shows. */
function fittedLabel(message: Message, maxChars: number): string {
  const prefix = `${message.exchange.seq}. `;
  const suffix = `: ${message.outcome}`;
  const room = Math.max(maxChars - prefix.length - suffix.length, 4);
  const { operation } = message.exchange;
  const shown = operation.length <= room ? operation : `${operation.slice(0, room - 1)}…`;
  return prefix + shown + suffix;
}

function lifeline(party: WireParty, index: number, bottom: number): Html {
  const x = centerOf(index);
  const lines = titleLines(partyTitle(party));
  const firstBaseline = MARGIN + BOX_HEIGHT / 2 + 4 - ((lines.length - 1) * 14) / 2;
  return html`<g class="lifeline" data-party="${party}">
<rect x="${x - BOX_WIDTH / 2}" y="${MARGIN}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="4" fill="#eef2f7" stroke="${INK}"/>
${lines.map((line, i) => html`<text x="${x}" y="${firstBaseline + i * 14}" text-anchor="middle" font-size="12">${line}</text>`)}
<line x1="${x}" y1="${MARGIN + BOX_HEIGHT}" x2="${x}" y2="${bottom}" stroke="#8c959f" stroke-dasharray="2 4"/>
</g>
`;
}

/** The drawn path of one message: a straight arrow, or a loop when a party calls itself. */
function arrowPath(fromX: number, toX: number, y: number): string {
  return fromX === toX
    ? `M ${fromX} ${y - 8} h ${SELF_LOOP} v 16 h ${-SELF_LOOP}`
    : `M ${fromX} ${y} H ${toX}`;
}

function arrow(message: Message, row: number, indexOf: (p: WireParty) => number): Html {
  const { exchange } = message;
  const fromX = centerOf(indexOf(exchange.from));
  const toX = centerOf(indexOf(exchange.to));
  const y = FIRST_ROW + row * ROW;
  const colour = message.flagged ? RED : INK;
  const dash = message.line === 'dashed' ? '6 4' : null;
  const path = arrowPath(fromX, toX, y);
  const span = Math.max(Math.abs(toX - fromX), COLUMN);
  const label = fittedLabel(message, Math.floor(span / CHAR_WIDTH));
  const labelX = fromX === toX ? fromX + SELF_LOOP + 4 : (fromX + toX) / 2;
  const anchor = fromX === toX ? 'start' : 'middle';
  return html`<g class="message${message.flagged ? ' flagged' : ''}" data-seq="${exchange.seq}" data-kind="${exchange.kind}">
<title>${message.details}</title>
<path d="${path}" fill="none" stroke="transparent" stroke-width="12"/>
<path class="arrow" d="${path}" fill="none" stroke="${colour}" stroke-width="1.5"${dash ? html` stroke-dasharray="${dash}"` : ''} marker-end="url(#${message.flagged ? 'head-red' : 'head'})"/>
<text x="${labelX}" y="${y - 6}" text-anchor="${anchor}" font-size="11" fill="${colour}">${label}</text>
</g>
`;
}

function arrowHead(id: string, colour: string): Html {
  return html`<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" fill="${colour}"/></marker>`;
}

/** The SVG markup of the exchanges: lifelines, then one arrow per exchange in wire order. */
export function toSequenceSvg(exchanges: readonly Exchange[], options: DiagramOptions = {}): string {
  const { lifelines, messages } = sequenceModel(exchanges, options);
  const indexOf = (party: WireParty): number => lifelines.indexOf(party);
  const width = 2 * MARGIN + BOX_WIDTH + (lifelines.length - 1) * COLUMN + SELF_LOOP;
  const bottom = FIRST_ROW + Math.max(messages.length - 1, 0) * ROW + ROW / 2;
  const height = bottom + MARGIN;
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="sequence" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" role="img" aria-label="Sequence diagram of ${messages.length} exchanges">
<defs>${arrowHead('head', INK)}${arrowHead('head-red', RED)}</defs>
${lifelines.map((party, i) => lifeline(party, i, bottom))}${messages.map((m, row) => arrow(m, row, indexOf))}</svg>
`.markup;
}
