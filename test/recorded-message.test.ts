import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Exchange } from '../harness/exchange.ts';
import { exchangeChunks, exchangeJson, parseBody, recordedMessage } from '../harness/recorded-message.ts';

// A recorded body is kept as bytes and parsed when read; an exchange is written out on one line, equal in
// value to JSON.stringify of it, whatever its bodies are.

const message = (text: string | undefined) => {
  const bytes = text === undefined ? undefined : Buffer.from(text);
  return recordedMessage({ 'content-type': 'application/json' }, bytes, parseBody(bytes).json);
};

const exchange = (request: string | undefined, response: string | undefined): Exchange => ({
  seq: 7,
  scenario: 's',
  from: 'csp',
  to: 'car-manufacturer',
  kind: 'call',
  api: 'TMF620',
  operation: 'GET productOffering',
  method: 'GET',
  path: '/x',
  status: 200,
  request: message(request),
  response: message(response),
  valid: false,
  errors: [{ where: 'response', path: '/0', rule: 'type', message: 'must be object', schema: 'ProductOffering' }],
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 3,
});

test('a body is parsed when read: JSON as its value, anything else as its text, nothing as undefined', () => {
  assert.deepEqual(message('{"a":[1,"é"]}').body, { a: [1, 'é'] });
  assert.equal(message('not json').body, 'not json');
  assert.equal(message(undefined).body, undefined);
  assert.equal(message('').body, undefined);
});

test('an exchange is one line of JSON equal in value to JSON.stringify of it, whatever its bodies', () => {
  const bodies: [string | undefined, string | undefined][] = [
    [undefined, '[{"id":"1","name":"Ünïcode \\u2028 \\"quoted\\""}]'],
    ['{"x":1}', 'plain text,\nover two lines'],
    ['', '{\n  "pretty": true\n}'],
    [undefined, undefined],
  ];
  for (const [request, response] of bodies) {
    const e = exchange(request, response);
    const line = exchangeJson(e);
    assert.ok(!line.includes('\n'), `one line: ${line}`);
    assert.deepEqual(JSON.parse(line), JSON.parse(JSON.stringify(e)));
  }
});

test('an exchange in pieces: the text between the bodies joined, each JSON body the very bytes recorded, then the end given', () => {
  const e = exchange('{"x":1}', '[{"id":"1"}]');
  const chunks = exchangeChunks(e, '\n');
  assert.deepEqual(
    chunks.map((c) => typeof c),
    ['string', 'object', 'string', 'object', 'string'],
  );
  assert.equal(chunks[1].toString(), '{"x":1}');
  assert.equal(chunks[3].toString(), '[{"id":"1"}]');
  const line = chunks.map((c) => c.toString()).join('');
  assert.ok(line.endsWith('}\n'));
  assert.deepEqual(JSON.parse(line), JSON.parse(JSON.stringify(e)));
  assert.deepEqual(exchangeChunks(exchange(undefined, undefined), '\n').length, 1, 'no body: one piece');
});

test('a body already written is, in its place, the seq of the line that holds it: the headers stay, nothing else of the body', () => {
  const e = exchange('{"x":1}', '[{"id":"1"}]');
  const line = exchangeChunks(e, '\n', (where) => (where === 'response' ? 3 : undefined))
    .map((c) => c.toString())
    .join('');
  const written = JSON.parse(line);
  assert.deepEqual(written.response, { headers: { 'content-type': 'application/json' }, sameBodyAs: 3 });
  assert.deepEqual(written.request, { headers: { 'content-type': 'application/json' }, body: { x: 1 } }, 'the other side as it came');
  // The message's own pieces are untouched: written elsewhere (the live feed), it carries its body.
  assert.deepEqual(JSON.parse(exchangeJson(e)), JSON.parse(JSON.stringify(e)));
});
