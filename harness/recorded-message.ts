import type { Exchange, RecordedMessage } from './exchange.ts';

/** A body as the wire got it: its bytes, and whether they are JSON (known once they were parsed). */
interface BodyBytes {
  readonly bytes: Buffer | undefined;
  readonly json: boolean;
}

/** The bytes behind each recorded message, for writing an exchange out without parsing its bodies. */
const BYTES = new WeakMap<RecordedMessage, BodyBytes>();

/**
 * A recorded message whose body is parsed when first read (then kept): the record holds the bytes, which
 * take a fraction of the memory of the parsed value, and an exchange nobody reads is never parsed.
 * `json` says whether the bytes parse as JSON.
 */
export function recordedMessage(headers: Record<string, string>, bytes: Buffer | undefined, json: boolean): RecordedMessage {
  let parsed: { readonly value: unknown } | undefined;
  const message = {
    headers,
    get body() {
      parsed ??= parseBody(bytes);
      return parsed.value;
    },
  };
  BYTES.set(message, { bytes, json });
  return message;
}

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

/** `exchangeJson` in pieces: the bodies as the very buffers recorded, for a stream to write without copying them into a string. */
export function exchangeChunks(exchange: Exchange): (string | Buffer)[] {
  const { request, response, ...rest } = exchange;
  const req = messageChunks(request);
  const res = messageChunks(response);
  if (req === undefined || res === undefined) return [JSON.stringify(exchange)];
  return [`${JSON.stringify(rest).slice(0, -1)},"request":`, ...req, ',"response":', ...res, '}'];
}

function messageChunks(message: RecordedMessage): (string | Buffer)[] | undefined {
  const body = BYTES.get(message);
  if (!body) return undefined;
  const headers = `{"headers":${JSON.stringify(message.headers)}`;
  if (!body.bytes || body.bytes.length === 0) return [`${headers}}`];
  if (!body.json) return [`${headers},"body":${JSON.stringify(body.bytes.toString('utf8'))}}`];
  // JSON may hold line breaks between its tokens: such a body is written again on one line.
  if (body.bytes.includes(10) || body.bytes.includes(13)) return undefined;
  return [`${headers},"body":`, body.bytes, '}'];
}
