import type { Exchange, RecordedMessage } from './exchange.ts';

/** A message of a trace line as written: its body, or the seq of the line whose message holds it. */
interface WrittenMessage {
  readonly headers: Record<string, string>;
  readonly body?: unknown;
  readonly sameBodyAs?: number;
}

type WrittenExchange = Omit<Exchange, 'request' | 'response'> & { readonly request: WrittenMessage; readonly response: WrittenMessage };

/** The seqs a line's messages refer to, found without parsing the line (`"sameBodyAs": <seq>`, spaced or not). */
const REFERENCE = /"sameBodyAs"\s*:\s*(\d+)/g;

/**
 * Reads a trace's lines in order and puts back the bodies its lines refer to (see SpillFile): a message
 * that says `"sameBodyAs": <seq>` gets the body of the same side of the nearest earlier line with that seq.
 * A file `cch up` appended to in several runs holds each seq once a run, so the nearest is this run's.
 * `keeps(seq)` says which lines' bodies to hold for later lines (all, by default; `referencedSeqs` tells
 * which a file needs, so that a long trace is read holding only those).
 */
export class TraceBodies {
  readonly #held = new Map<number, Pick<WrittenExchange, 'request' | 'response'>>();
  readonly #keeps: (seq: number) => boolean;

  constructor(keeps: (seq: number) => boolean = () => true) {
    this.#keeps = keeps;
  }

  /** The exchange of one line (`lineNo` for the error of a reference nothing holds). */
  read(line: string, lineNo: number): Exchange {
    const written = JSON.parse(line) as WrittenExchange;
    const exchange: Exchange = {
      ...written,
      request: this.#bodyOf(written.request, 'request', lineNo),
      response: this.#bodyOf(written.response, 'response', lineNo),
    };
    if (this.#keeps(exchange.seq)) this.#held.set(exchange.seq, exchange);
    return exchange;
  }

  #bodyOf(message: WrittenMessage, where: 'request' | 'response', lineNo: number): RecordedMessage {
    if (message.sameBodyAs === undefined) return message as RecordedMessage;
    const holder = this.#held.get(message.sameBodyAs);
    if (!holder) throw new Error(`line ${lineNo}: no earlier line holds seq ${message.sameBodyAs}, which its ${where} refers to`);
    return { headers: message.headers, body: holder[where].body };
  }
}

/** The exchanges of a trace file's text (`trace.ndjson`), each message with its body. */
export function readTrace(text: string): Exchange[] {
  const bodies = new TraceBodies();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => bodies.read(line, i + 1));
}

/** The seqs a trace's lines refer to (a first pass over a long file: see TraceBodies). */
export function referencedSeqs(lines: Iterable<string>, into = new Set<number>()): Set<number> {
  for (const line of lines) for (const [, seq] of line.matchAll(REFERENCE)) into.add(Number(seq));
  return into;
}
