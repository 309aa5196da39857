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
/** Approximate width of one character at the label font size, to wrap labels within their span. */
const CHAR_WIDTH = 6.4;
/** Height of one more line of a wrapped label. */
const LINE = 13;
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
    if (last >= 0 && `${lines[last]} ${word}`.length <= TITLE_LINE) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.length <= 2 ? lines : [lines[0], lines.slice(1).join(' ')];
}

/** The arrow's label: its number in the diagram, the steps it fulfils, the operation and outcome. */
function labelOf(message: Message, steps: readonly string[]): string {
  const badge = steps.length > 0 ? `[${steps.join(' ')}] ` : '';
  const unit = message.exchange.unit ? ` → its ${message.exchange.unit.replace('-', ' ')}` : '';
  return `${message.number}. ${badge}${message.exchange.operation}${unit}: ${message.outcome}`;
}

/** Splits a label into lines of at most `maxChars`, at spaces or slashes where it can: nothing is cut off. */
export function wrapLabel(label: string, maxChars: number): string[] {
  const lines: string[] = [];
  let rest = label;
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars + 1);
    const at = Math.max(window.lastIndexOf(' '), window.lastIndexOf('/') + 1);
    const cut = at > maxChars / 3 ? at : maxChars;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  lines.push(rest);
  return lines;
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
  return fromX === toX ? `M ${fromX} ${y - 8} h ${SELF_LOOP} v 16 h ${-SELF_LOOP}` : `M ${fromX} ${y} H ${toX}`;
}

/** One arrow and its label lines, placed at height `y`. */
interface Placed {
  readonly message: Message;
  readonly lines: readonly string[];
  readonly y: number;
}

function arrow({ message, lines, y }: Placed, indexOf: (p: WireParty) => number): Html {
  const { exchange } = message;
  const fromX = centerOf(indexOf(exchange.from));
  const toX = centerOf(indexOf(exchange.to));
  const colour = message.flagged ? RED : INK;
  const dash = message.line === 'dashed' ? '6 4' : null;
  const path = arrowPath(fromX, toX, y);
  const labelX = fromX === toX ? fromX + SELF_LOOP + 4 : (fromX + toX) / 2;
  const anchor = fromX === toX ? 'start' : 'middle';
  return html`<g class="message${message.flagged ? ' flagged' : ''}" data-seq="${exchange.seq}" data-kind="${exchange.kind}">
<title>${message.details}</title>
<path d="${path}" fill="none" stroke="transparent" stroke-width="12"/>
<path class="arrow" d="${path}" fill="none" stroke="${colour}" stroke-width="1.5"${dash ? html` stroke-dasharray="${dash}"` : ''} marker-end="url(#${message.flagged ? 'head-red' : 'head'})"/>
<text x="${labelX}" y="${y - 6 - (lines.length - 1) * LINE}" text-anchor="${anchor}" font-size="11" fill="${colour}">${lines.map((line, i) => html`<tspan x="${labelX}"${i > 0 ? html` dy="${LINE}"` : ''}>${line}</tspan>`)}</text>
</g>
`;
}

function arrowHead(id: string, colour: string): Html {
  return html`<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M 0 0 L 10 5 L 0 10 z" fill="${colour}"/></marker>`;
}

/** Each message below the previous one, lower still when its label takes several lines. */
function place(messages: readonly Message[], indexOf: (p: WireParty) => number, steps: Readonly<Record<number, readonly string[]>>): Placed[] {
  let y = FIRST_ROW - ROW;
  return messages.map((message) => {
    const span = Math.abs(indexOf(message.exchange.to) - indexOf(message.exchange.from)) * COLUMN;
    // A label may reach a little past its lifelines before it wraps: neighbours leave that room free.
    const lines = wrapLabel(labelOf(message, steps[message.exchange.seq] ?? []), Math.floor((Math.max(span, COLUMN) + COLUMN * 0.4) / CHAR_WIDTH));
    y += ROW + (lines.length - 1) * LINE;
    return { message, lines, y };
  });
}

/**
 * The SVG markup of the exchanges: lifelines, then one arrow per exchange in wire order, numbered from
 * 1 and labelled with the documented steps it fulfils (`steps`, by wire sequence number).
 */
export function toSequenceSvg(exchanges: readonly Exchange[], options: DiagramOptions = {}, steps: Readonly<Record<number, readonly string[]>> = {}): string {
  const { lifelines, messages } = sequenceModel(exchanges, options);
  const indexOf = (party: WireParty): number => lifelines.indexOf(party);
  const placed = place(messages, indexOf, steps);
  // Room on the right for the label of a party calling itself on the last lifeline.
  const width = 2 * MARGIN + BOX_WIDTH + (lifelines.length - 1) * COLUMN + SELF_LOOP + COLUMN;
  const bottom = (placed.at(-1)?.y ?? FIRST_ROW) + ROW / 2;
  const height = bottom + MARGIN;
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="sequence" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" role="img" aria-label="Sequence diagram of ${messages.length} exchanges">
<defs>${arrowHead('head', INK)}${arrowHead('head-red', RED)}</defs>
${lifelines.map((party, i) => lifeline(party, i, bottom))}${placed.map((p) => arrow(p, indexOf))}</svg>
`.markup;
}
