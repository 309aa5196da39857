import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import express from 'express';
import type { Exchange } from '../harness/exchange.ts';
import { parseBody, recordedMessage } from '../harness/recorded-message.ts';
import { SpillFile } from '../harness/spill-file.ts';
import { readTrace, referencedSeqs } from '../harness/trace-reading.ts';
import { main } from '../harness/cli.ts';
import { startApp } from './support/http-app.ts';
import { wireTo } from './support/wire-server.ts';

// The trace writes a body once: the wire records a body polled again and again as the very bytes it
// remembered (VerdictMemo), and the spill file writes later lines of it as a reference to the first.

/** The trace's lines as written, references and all. */
const writtenLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

const message = (bytes: Buffer | undefined) => recordedMessage({ 'content-type': 'application/json' }, bytes, parseBody(bytes).json);
const listBody = (n: number) => Buffer.from(JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: String(i), name: `offering ${i}` }))));

function exchange(seq: number, request: Buffer | undefined, response: Buffer): Exchange {
  return {
    seq,
    scenario: '',
    from: 'car-manufacturer',
    to: 'csp',
    kind: 'call',
    api: 'TMF620',
    operation: 'GET productOffering',
    method: request ? 'POST' : 'GET',
    path: '/tmf-api/productCatalogManagement/v4/productOffering',
    status: 200,
    request: message(request),
    response: message(response),
    valid: true,
    errors: [],
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
  };
}

async function spilled(
  batches: readonly (readonly Exchange[])[],
  between?: (file: SpillFile) => void,
  path = join(mkdtempSync(join(tmpdir(), 'cch-trace-')), 'trace.ndjson'),
): Promise<string> {
  const file = new SpillFile(path, 0);
  for (const batch of batches) {
    file.append(batch);
    between?.(file);
  }
  await file.close();
  return readFileSync(path, 'utf8');
}

test('a polled body is written once; the later lines refer to it, and reading the trace puts it back in each', async () => {
  const polled = listBody(100);
  const exchanges = Array.from({ length: 50 }, (_, i) => exchange(i + 1, undefined, polled));
  const text = await spilled([exchanges.slice(0, 20), exchanges.slice(20)]);
  const lines = writtenLines(text);
  assert.deepEqual(lines[0].response.body, JSON.parse(polled.toString()), 'the first line holds the body');
  assert.ok(
    lines.slice(1).every((line) => line.response.sameBodyAs === 1 && !('body' in line.response)),
    'every later line refers to it, across batches',
  );
  // Each line without the body: its facts and headers, about 430 bytes here.
  assert.ok(text.length < polled.length + 50 * 600, `${text.length} bytes for 50 calls of a ${polled.length}-byte body`);
  const read = readTrace(text);
  assert.deepEqual(
    read.map((e) => e.response.body),
    exchanges.map(() => JSON.parse(polled.toString())),
  );
  assert.deepEqual(read, JSON.parse(JSON.stringify(exchanges)), 'read back, each exchange is what was recorded');
});

test('only the very same bytes are shared, each side on its own, and a short body is written again', async () => {
  const polled = listBody(20);
  const equalCopy = Buffer.from(polled);
  const short = Buffer.from('{"id":"1"}');
  const text = await spilled([[exchange(1, undefined, polled), exchange(2, polled, equalCopy), exchange(3, undefined, short), exchange(4, undefined, short)]]);
  const lines = writtenLines(text);
  assert.ok('body' in lines[1].request, 'a request is not referred to a response');
  assert.ok('body' in lines[1].response, 'equal bytes in another buffer are not known to be the same: written');
  assert.ok('body' in lines[3].response, 'a body under 256 bytes is written again');
  assert.deepEqual(readTrace(text), JSON.parse(`[${text.trim().split('\n').join(',')}]`), 'nothing to put back: each line as written');
});

test('after the record is cleared (its seqs start again), no line refers to one before; a file appended by two runs reads back whole', async () => {
  const polled = listBody(50);
  const first = [exchange(1, undefined, polled), exchange(2, undefined, polled)];
  const second = [exchange(1, undefined, polled), exchange(2, undefined, polled)];
  const text = await spilled([first, second], (file) => file.forgetBodies());
  const lines = writtenLines(text);
  assert.deepEqual(
    lines.map((line) => line.response.sameBodyAs),
    [undefined, 1, undefined, 1],
    'the second run writes the body again, then refers to its own line',
  );
  const read = readTrace(text);
  assert.equal(read.length, 4);
  assert.ok(read.every((e) => Array.isArray(e.response.body) && e.response.body.length === 50));
  assert.throws(() => readTrace(text.split('\n').slice(1).join('\n')), /no earlier line holds seq 1/);
});

test('through the wire: a list polled 200 times leaves memory as one body and 199 references, and reads back whole', async () => {
  const offerings = '/tmf-api/productCatalogManagement/v4/productOffering';
  const list = JSON.stringify(
    Array.from({ length: 20 }, (_, i) => ({ id: `po-${i}`, href: `http://csp/po-${i}`, name: `Offer ${i}`, '@type': 'ProductOffering' })),
  );
  const app = express();
  app.get(offerings, (_req, res) => res.type('application/json').send(list));
  const party = await startApp(app);
  const spillTo = join(mkdtempSync(join(tmpdir(), 'cch-trace-')), 'trace.ndjson');
  const wire = await wireTo(party.baseUrl, { retain: 10, spillTo });
  try {
    for (let i = 0; i < 200; i++) await fetch(`${wire.url}/wire/car-manufacturer/csp${offerings}`).then((r) => r.text());
  } finally {
    wire.server.close();
    await wire.recorder.close();
    await party.close();
  }
  const text = readFileSync(spillTo, 'utf8');
  const lines = writtenLines(text);
  assert.equal(lines.length, 200);
  assert.equal(lines.filter((line) => 'body' in line.response).length, 1, 'the body written once');
  const read = readTrace(text);
  assert.deepEqual(
    read.map((e) => e.seq).sort((a, b) => a - b),
    Array.from({ length: 200 }, (_, i) => i + 1),
  );
  assert.ok(read.every((e) => e.valid && JSON.stringify(e.response.body) === list));
});

test('cch trace prints the trace with every body in place, one exchange a line, holding only the bodies lines refer to', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cch-trace-'));
  const path = join(dir, 'trace.ndjson');
  const polled = listBody(30);
  const other = listBody(40);
  const run = () => [exchange(1, undefined, polled), exchange(2, undefined, other), exchange(3, undefined, polled), exchange(4, undefined, other)];
  const text = await spilled([run(), run()], (file) => file.forgetBodies(), path);
  assert.ok(text.includes('"sameBodyAs":1') && text.includes('"sameBodyAs":2'));
  const out = join(dir, 'full.ndjson');
  assert.equal(await main(['trace', '--file', path, '--out', out]), 0);
  const printed = writtenLines(readFileSync(out, 'utf8'));
  assert.deepEqual(printed, JSON.parse(JSON.stringify(readTrace(text))));
  assert.ok(printed.every((e) => !('sameBodyAs' in e.response) && Array.isArray(e.response.body)));
  assert.deepEqual(
    printed.map((e) => e.response.body.length),
    [30, 40, 30, 40, 30, 40, 30, 40],
  );
  // A trace rewritten by another tool may space its JSON: its references are still found.
  assert.deepEqual(referencedSeqs(['{"response": {"headers": {}, "sameBodyAs": 7}, "request": {"sameBodyAs":8}}']), new Set([7, 8]));
  assert.equal(await main(['trace']), 2, 'no --file: a usage error');
  assert.equal(await main(['trace', '--file', join(dir, 'none.ndjson')]), 2, 'no such file: an error');
});
