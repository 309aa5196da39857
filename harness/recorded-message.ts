import type { Exchange, RecordedMessage } from './exchange.ts';

/** Where a recorded message keeps its bytes, whether they are JSON, and the parsed body once read: out of sight (not enumerable). */
const STATE = Symbol('recorded');

interface State {
  readonly bytes: Buffer | undefined;
  readonly json: boolean;
  parsed: { readonly value: unknown } | undefined;
  /** The message's pieces of an exchange's line, once written (null: not writable as they came). */
  chunks: readonly (string | Buffer)[] | null | undefined;
  /** `{"headers":…` of its line, once written. */
  head: string | undefined;
}

interface Stored extends RecordedMessage {
  readonly [STATE]: State;
}

/** One getter for every message (no function per message): a record of thousands of exchanges stays light for the garbage collector. */
const BODY: PropertyDescriptor = {
  enumerable: true,
  get(this: Stored) {
    const state = this[STATE];
    state.parsed ??= parseBody(state.bytes);
    return state.parsed.value;
  },
};

/**
 * A recorded message whose body is parsed when first read (then kept): the record holds the bytes, which
 * take a fraction of the memory of the parsed value, and an exchange nobody reads is never parsed.
 * `json` says whether the bytes parse as JSON. `body` is an own enumerable property, so the message
 * serialises, spreads and compares like a plain `{ headers, body }`.
 */
export function recordedMessage(headers: Record<string, string>, bytes: Buffer | undefined, json: boolean): RecordedMessage {
  // `body` is added here, not written in the literal first: turning a data property into an accessor
  // would put every message in V8's slow dictionary mode (bigger, and slower to read and to collect).
  // Two single definitions cost about a third of one `defineProperties` with a literal of descriptors.
  const message = { headers } as RecordedMessage;
  Object.defineProperty(message, STATE, { value: { bytes, json, parsed: undefined, chunks: undefined, head: undefined } satisfies State });
  Object.defineProperty(message, 'body', BODY);
  return message;
}

const isStored = (message: RecordedMessage): message is Stored => Object.hasOwn(message, STATE);

/** How many bytes a recorded message's body holds (0 for a message not recorded by the wire). */
export const bodyBytes = (message: RecordedMessage): number => storedBytes(message)?.length ?? 0;

/** The very bytes a recorded message keeps (undefined without a body, or for a message not recorded by the wire). */
export const storedBytes = (message: RecordedMessage): Buffer | undefined => (isStored(message) ? message[STATE].bytes : undefined);

/** JSON when it parses (`json`), the raw text otherwise (a malformed body is evidence too); undefined when empty. */
export function parseBody(bytes: Buffer | undefined): { readonly value: unknown; readonly json: boolean } {
  if (!bytes || bytes.length === 0) return { value: undefined, json: false };
  const text = bytes.toString('utf8');
  try {
    return { value: JSON.parse(text), json: true };
  } catch {
    return { value: text, json: false };
  }
}

/**
 * An exchange as one line of JSON, equal in value to `JSON.stringify(exchange)`, but with each JSON body
 * written as the bytes that came rather than parsed and serialised again (the spill file and the live
 * feed write every exchange of a long run).
 */
export function exchangeJson(exchange: Exchange): string {
  return exchangeChunks(exchange)
    .map((chunk) => (typeof chunk === 'string' ? chunk : chunk.toString('utf8')))
    .join('');
}

/**
 * Where a line says a message's body is already written: the seq of an earlier line of the same file
 * whose message on the same side holds the same body (see SpillFile), or undefined to write it.
 */
export type WrittenBody = (where: 'request' | 'response', message: RecordedMessage) => number | undefined;

/**
 * `exchangeJson` in pieces, then `end`: the bodies as the very buffers recorded, for a stream to write
 * without copying them into a string, and the text between them joined (at most three pieces for a JSON
 * body each way: a stream converts and queues every piece written, and the spill file takes each exchange).
 * With `written`, a body already written is `"sameBodyAs": <seq>` in place of `"body"`.
 */
export function exchangeChunks(exchange: Exchange, end = '', written?: WrittenBody): (string | Buffer)[] {
  const { request, response, ...rest } = exchange;
  const req = messageChunks(request, written?.('request', request));
  const res = messageChunks(response, written?.('response', response));
  if (req === undefined || res === undefined) return [JSON.stringify(exchange) + end];
  return joinedText([`${JSON.stringify(rest).slice(0, -1)},"request":`, ...req, ',"response":', ...res, `}${end}`]);
}

function joinedText(chunks: readonly (string | Buffer)[]): (string | Buffer)[] {
  const joined: (string | Buffer)[] = [];
  for (const chunk of chunks) {
    const last = joined.length - 1;
    if (typeof chunk === 'string' && typeof joined[last] === 'string') joined[last] += chunk;
    else joined.push(chunk);
  }
  return joined;
}

/**
 * The message's pieces, worked out once per message: a message shared by every exchange that polled the
 * same answer (harness/recorder.ts) is written with each of them, and its headers and bytes never change.
 */
function messageChunks(message: RecordedMessage, sameBodyAs?: number): readonly (string | Buffer)[] | undefined {
  if (!isStored(message)) return undefined;
  const state = message[STATE];
  state.head ??= `{"headers":${JSON.stringify(message.headers)}`;
  if (sameBodyAs !== undefined) return [`${state.head},"sameBodyAs":${sameBodyAs}}`];
  if (state.chunks !== undefined) return state.chunks ?? undefined;
  const chunks = chunksOf(state.head, state.bytes, state.json);
  // Not a body that is no JSON: its pieces are a copy of it, as a string.
  if (state.json || !state.bytes?.length) state.chunks = chunks;
  return chunks ?? undefined;
}

function chunksOf(head: string, bytes: Buffer | undefined, json: boolean): (string | Buffer)[] | null {
  if (!bytes || bytes.length === 0) return [`${head}}`];
  if (!json) return [`${head},"body":${JSON.stringify(bytes.toString('utf8'))}}`];
  // JSON may hold line breaks between its tokens: such a body is written again on one line.
  if (bytes.includes(10) || bytes.includes(13)) return null;
  return [`${head},"body":`, bytes, '}'];
}
