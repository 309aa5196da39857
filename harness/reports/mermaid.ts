/** The Mermaid source of a sequence diagram: what really happened on the wire, readable as text. */
import type { WireParty } from '../../core/actor-ids.ts';
import type { Exchange } from '../exchange.ts';
import { partyTitle, sequenceModel, type DiagramOptions, type Message } from './sequence-model.ts';

/** Mermaid participant ids cannot contain '-', so `car-manufacturer` becomes `car_manufacturer`. */
export function mermaidId(party: WireParty): string {
  return party.replace(/-/g, '_');
}

/**
 * Text safe inside a Mermaid message or alias: ';' would end the statement, '#' starts an entity
 * code, '<' and '>' could be read as HTML; those become Mermaid entity codes (`#59;`). Line breaks
 * would end the line and become spaces.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[#;<>]/g, (c) => `#${c.charCodeAt(0)};`)
    .trim();
}

/** Solid arrow for calls, dotted open arrow for notifications, dotted for parties' own APIs. */
function arrowOf(message: Message): string {
  if (message.exchange.kind === 'notification') return '--)';
  return message.line === 'dashed' ? '-->>' : '->>';
}

function messageLines(message: Message): string[] {
  const { from, to } = message.exchange;
  const mark = message.flagged ? ' ✗' : '';
  const line = `    ${mermaidId(from)}${arrowOf(message)}${mermaidId(to)}: ${mermaidText(message.label)}${mark}`;
  // Mermaid cannot colour one arrow; a red band around it says the same.
  return message.flagged ? ['    rect rgb(255, 220, 220)', `  ${line}`, '    end'] : [line];
}

/** The `sequenceDiagram` source of the exchanges, one arrow per exchange in wire order. */
export function toMermaid(exchanges: readonly Exchange[], options: DiagramOptions = {}): string {
  const model = sequenceModel(exchanges, options);
  const participants = model.lifelines.map((p) => `    participant ${mermaidId(p)} as ${mermaidText(partyTitle(p))}`);
  return `${['sequenceDiagram', ...participants, ...model.messages.flatMap(messageLines)].join('\n')}\n`;
}
