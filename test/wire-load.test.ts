import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import express from 'express';
import type { Exchange } from '../harness/exchange.ts';
import type { Recorder, TraceRetention } from '../harness/recorder.ts';
import { readTrace } from '../harness/trace-reading.ts';
import { startApp, type RunningApp } from './support/http-app.ts';
import { wireTo } from './support/wire-server.ts';

// Under load, the wire records and judges every exchange: nothing sampled, nothing dropped, and a body
// that differs from the many identical ones before it by a few bytes is judged on its own.

const OFFERINGS = '/tmf-api/productCatalogManagement/v4/productOffering';
const CALLS = 120;
const PLANTED = 77;
const good = JSON.stringify([{ id: 'po-1', href: 'http://csp/po-1', name: 'Offer', '@type': 'ProductOffering', isBundle: false }]);
// As long as the good body, and the same but for three bytes: a string where a boolean belongs.
const planted = good.replace('"isBundle":false', '"isBundle":"fal"');

/** A catalogue answering the same list every time, but for the `PLANTED`th call. */
async function catalogue(): Promise<RunningApp> {
  let calls = 0;
  const app = express();
  app.get(OFFERINGS, (_req, res) => {
    calls++;
    res.type('application/json').send(calls === PLANTED ? planted : good);
  });
  return startApp(app);
}

/** The catalogue behind the wire for the length of `use`, then both closed. */
async function onTheWire(use: (wire: { recorder: Recorder; url: string }) => Promise<void>): Promise<void> {
  const party = await catalogue();
  const wire = await wireTo(party.baseUrl);
  try {
    await use(wire);
  } finally {
    wire.server.close();
    await wire.recorder.close();
    await party.close();
  }
}

/** A GET of the offerings through the wire, read to its end. */
const getOfferings = (url: string, query = '', authorization?: string) =>
  fetch(`${url}/wire/car-manufacturer/csp${OFFERINGS}${query}`, authorization ? { headers: { authorization } } : {}).then((r) => r.arrayBuffer());

const concurrently = (url: string) =>
  Promise.all(
    Array.from({ length: CALLS }, () => fetch(`${url}/wire/car-manufacturer/csp${OFFERINGS}`).then(async (r) => ({ status: r.status, text: await r.text() }))),
  );

function assertEveryOneJudged(exchanges: readonly Exchange[]): void {
  assert.deepEqual(
    exchanges.map((e) => e.seq).sort((a, b) => a - b),
    Array.from({ length: CALLS }, (_, i) => i + 1),
    'one exchange per call, none lost or repeated',
  );
  const invalid = exchanges.filter((e) => !e.valid);
  assert.equal(invalid.length, 1, 'the planted body, and only it, fails its schema');
  assert.deepEqual(invalid[0].response.body, JSON.parse(planted));
  assert.deepEqual(
    invalid[0].errors.map((e) => [e.where, e.path, e.rule]),
    [['response', '/0/isBundle', 'type']],
  );
  for (const e of exchanges.filter((x) => x.valid)) {
    assert.deepEqual(e.errors, []);
    assert.deepEqual(e.response.body, JSON.parse(good));
  }
}

test('N concurrent calls through the wire are N exchanges on the record, each judged, and a planted violation among identical bodies is caught', async () => {
  const party = await catalogue();
  const wire = await wireTo(party.baseUrl);
  const heard: Exchange[] = [];
  wire.recorder.subscribe((e) => heard.push(e));
  try {
    const answers = await concurrently(wire.url);
    assert.ok(
      answers.every((a) => a.status === 200),
      'every call answered',
    );
    assert.equal(answers.filter((a) => a.text === planted).length, 1, 'the caller gets the bytes the party sent');
    assert.equal(answers.filter((a) => a.text === good).length, CALLS - 1);
    assertEveryOneJudged(wire.recorder.exchanges);
    assert.ok(wire.recorder.reusedVerdicts > 0, 'identical bodies reuse their verdict (the planted one did not)');
    // Judged in slices between the forwards, or at once by a reader: the live feed hears each exchange once.
    assert.deepEqual(
      heard.map((e) => e.seq).sort((a, b) => a - b),
      wire.recorder.exchanges.map((e) => e.seq),
    );
  } finally {
    wire.server.close();
    await wire.recorder.close();
    await party.close();
  }
});

/** The load under a retention: what memory held, then the spill file, which must hold the whole run. */
async function underRetention(retention: Omit<TraceRetention, 'spillTo'>): Promise<{ inMemory: number; spilled: number }> {
  const party = await catalogue();
  const spillTo = join(mkdtempSync(join(tmpdir(), 'cch-wire-load-')), 'trace.ndjson');
  const wire = await wireTo(party.baseUrl, { ...retention, spillTo });
  let held: { inMemory: number; spilled: number };
  try {
    await concurrently(wire.url);
    held = { inMemory: wire.recorder.exchanges.length, spilled: wire.recorder.spilled };
  } finally {
    wire.server.close();
    await wire.recorder.close();
    await party.close();
  }
  const onDisk = readTrace(readFileSync(spillTo, 'utf8'));
  assertEveryOneJudged(onDisk);
  assert.equal(held.inMemory + held.spilled, CALLS);
  return held;
}

test('under the same load with a retention, memory holds the latest exchanges and the spill file the whole run, each judged', async () => {
  const { inMemory } = await underRetention({ retain: 20 });
  assert.ok(inMemory >= 20 && inMemory <= 22, `memory holds about 20 exchanges, not ${inMemory}`);
});

test('a retention bounds the bodies’ bytes in memory too: past them, the oldest exchanges go to the spill file', async () => {
  const { inMemory } = await underRetention({ retain: 1000, maxBytes: 10 * good.length });
  assert.ok(inMemory >= 1 && inMemory <= 10, `memory holds at most 10 bodies' worth, not ${inMemory} exchanges`);
});

test('a body over the wire’s limit gets a 413 TMF error and reaches no party; the wire takes the next call as usual', () =>
  onTheWire(async (wire) => {
    const tooLarge = await fetch(`${wire.url}/wire/car-manufacturer/csp${OFFERINGS}`, { method: 'POST', body: Buffer.alloc(10 * 2 ** 20 + 1, 'x') });
    assert.equal(tooLarge.status, 413);
    assert.equal((await tooLarge.json()).code, 'PAYLOAD_TOO_LARGE');
    assert.equal(wire.recorder.exchanges.length, 0, 'nothing forwarded, nothing recorded');
    const next = await fetch(`${wire.url}/wire/car-manufacturer/csp${OFFERINGS}`);
    assert.equal(next.status, 200);
    assert.equal(wire.recorder.exchanges.length, 1);
  }));

test('keys are masked on the record, each by its own first eight characters, however many calls use it', () =>
  onTheWire(async (wire) => {
    const keys = ['Bearer aaaaaaaa-first-partner-key', 'Bearer bbbbbbbb-second-partner-key'];
    for (const key of [...keys, ...keys, ...keys]) await getOfferings(wire.url, '', key);
    assert.deepEqual(
      wire.recorder.exchanges.map((e) => e.request.headers.authorization),
      ['Bearer aaaaaaaa…', 'Bearer bbbbbbbb…', 'Bearer aaaaaaaa…', 'Bearer bbbbbbbb…', 'Bearer aaaaaaaa…', 'Bearer bbbbbbbb…'],
    );
  }));

test('a body polled again with the same headers adds only its exchange to the record: the messages are those recorded before, read alike', () =>
  onTheWire(async (wire) => {
    const [a, b] = ['Bearer aaaaaaaa-first-partner-key', 'Bearer bbbbbbbb-second-partner-key'];
    for (const key of [a, a, b]) await getOfferings(wire.url, '', key);
    const [first, again, other] = wire.recorder.exchanges;
    assert.equal(again.request, first.request, 'the same request message');
    assert.equal(again.response, first.response, 'the same response message');
    assert.notEqual(again, first, 'each call is an exchange of its own');
    assert.notEqual(other.request, again.request, 'another key: messages of its own');
    assert.equal(other.request.headers.authorization, 'Bearer bbbbbbbb…');
    for (const e of [first, again, other]) assert.deepEqual(e.response.body, JSON.parse(good));
  }));

test('calls without a body and with the same headers share one request message, whatever their paths; each answer is its own', () =>
  onTheWire(async (wire) => {
    for (const query of ['', '?limit=1', '?limit=2']) await getOfferings(wire.url, query, 'Bearer aaaaaaaa-key');
    const [first, ...others] = wire.recorder.exchanges;
    for (const e of others) {
      assert.equal(e.request, first.request, `${e.path}: the same request message`);
      assert.notEqual(e.response, first.response, `${e.path}: an answer of its own (another operation's verdict)`);
    }
    assert.equal(first.request.headers.authorization, 'Bearer aaaaaaaa…');
    assert.equal(first.request.body, undefined);
  }));
