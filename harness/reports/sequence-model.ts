/**
 * What a sequence diagram shows, independent of how it is drawn: the lifelines and one message per
 * exchange. The Mermaid and SVG renderers both draw this model, so they always agree.
 */
import { ACTOR_IDS, ACTOR_TITLES, type WireParty } from '../../core/actor-ids.ts';
import type { Exchange } from '../exchange.ts';

/** Choices shared by the diagram renderers. */
export interface DiagramOptions {
  /**
   * Show the exchanges of kind `harness` (control triggers, resets, state dumps). Off by default:
   * they drive the scenario and are not part of the flow being documented.
   */
  readonly includeHarness?: boolean;
}

/** Calls are drawn solid; notifications and parties' own APIs dashed. */
export type LineStyle = 'solid' | 'dashed';

/** One arrow of the diagram. */
export interface Message {
  readonly exchange: Exchange;
  /** Its place in this diagram, from 1: a reader counts the scenario's exchanges, not the whole run's. */
  readonly number: number;
  readonly line: LineStyle;
  /** The callee could not be reached, timed out, or answered with a server error. */
  readonly failed: boolean;
  /** Drawn in red: the exchange broke its schema or failed. */
  readonly flagged: boolean;
  /** The HTTP status, or `no response` when there was none. */
  readonly outcome: string;
  /** `operation: outcome`, e.g. `POST productOrder: 201`. */
  readonly label: string;
  /** The whole label, method and path, the exchange's number on the wire, validation errors, failure: one per line. */
  readonly details: string;
}

/** A diagram: lifelines left to right, messages top to bottom in wire order. */
export interface SequenceModel {
  readonly lifelines: readonly WireParty[];
  readonly messages: readonly Message[];
}

/** The harness drives the scenario, so when shown it stands first, left of the parties it calls. */
const LIFELINE_ORDER: readonly WireParty[] = ['harness', ...ACTOR_IDS];

/** The title a lifeline carries. */
export function partyTitle(party: WireParty): string {
  return party === 'harness' ? 'Test harness' : ACTOR_TITLES[party];
}

/** Who an exchange went to: the party, or the unit of it that was addressed (`CSP (telecom operator) — resolution team`). */
export function calleeTitle(exchange: Exchange): string {
  return exchange.unit ? `${partyTitle(exchange.to)} — ${exchange.unit.replace('-', ' ')}` : partyTitle(exchange.to);
}

/** A 4xx may be the expected answer of a negative scenario; a 5xx or no answer never is. */
export function isFailed(exchange: Exchange): boolean {
  return exchange.status >= 500 || exchange.failure !== undefined;
}

function lineOf(exchange: Exchange): LineStyle {
  return exchange.kind === 'notification' || exchange.kind === 'party-api' ? 'dashed' : 'solid';
}

function detailsOf(exchange: Exchange, label: string): string {
  const errors = exchange.errors.map((e) => `${e.where} ${e.path || '/'}: ${e.rule}: ${e.message} (${e.schema})`);
  const failure = exchange.failure === undefined ? [] : [`failure: ${exchange.failure}`];
  return [label, `${exchange.method} ${exchange.path}`, `wire #${exchange.seq}`, ...errors, ...failure].join('\n');
}

function messageOf(exchange: Exchange, index: number): Message {
  const failed = isFailed(exchange);
  const outcome = exchange.status > 0 ? String(exchange.status) : 'no response';
  const label = `${exchange.operation}: ${outcome}`;
  return {
    exchange,
    number: index + 1,
    line: lineOf(exchange),
    failed,
    flagged: !exchange.valid || failed,
    outcome,
    label,
    details: detailsOf(exchange, label),
  };
}

/**
 * The diagram of some exchanges, in wire order (`seq`). Every party gets a lifeline, even an idle
 * one, so diagrams of different scenarios line up; the harness only when one of its exchanges shows.
 */
export function sequenceModel(exchanges: readonly Exchange[], options: DiagramOptions = {}): SequenceModel {
  const shown = exchanges.filter((e) => options.includeHarness === true || e.kind !== 'harness').toSorted((a, b) => a.seq - b.seq);
  const harnessShown = shown.some((e) => e.from === 'harness');
  return {
    lifelines: LIFELINE_ORDER.filter((p) => p !== 'harness' || harnessShown),
    messages: shown.map(messageOf),
  };
}
