/**
 * The dashboard's history (`/dashboard/exchanges`, `/dashboard/trace.json`) is streamed: equal in value to
 * the record, and written a few hundred exchanges at a time, so the wire goes on meanwhile.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { test } from 'node:test';
import express from 'express';
import { ACTOR_IDS } from '../core/actor-ids.ts';
import { startEcosystem } from '../harness/ecosystem.ts';
import { streamJsonArray } from '../web/json-array-stream.ts';
import { mountDashboard } from '../web/server.ts';
import { startApp } from './support/http-app.ts';

const OFFERINGS = '/tmf-api/productCatalogManagement/v4/productOffering';

test('the history and the trace are the record, exchange for exchange, in value', { timeout: 30_000 }, async () => {
  const catalogue = express();
  catalogue.get(OFFERINGS, (req, res) => (req.query.text ? res.type('text/plain').send('not json') : res.json([{ id: 'po-1', name: 'é \u2028' }])));
  const party = await startApp(catalogue);
  const ecosystem = await startEcosystem({
    bindings: Object.fromEntries(ACTOR_IDS.map((id) => [id, { kind: 'remote', url: party.baseUrl }])),
    mount: mountDashboard,
  });
  try {
    const wire = `${ecosystem.wireUrl('car-manufacturer', 'csp')}${OFFERINGS}`;
    for (const url of [wire, wire, `${wire}?text=1`]) await fetch(url).then((r) => r.arrayBuffer());
    const record = JSON.parse(JSON.stringify(ecosystem.recorder.exchanges));
    const history = await fetch(`${ecosystem.url}/dashboard/exchanges`);
    assert.equal(history.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.deepEqual(await history.json(), record);
    assert.deepEqual(await (await fetch(`${ecosystem.url}/dashboard/trace.json`)).json(), record, 'no figure run: no step labels');
    assert.deepEqual(await (await fetch(`${ecosystem.url}/dashboard/exchanges?last=2`)).json(), record.slice(-2), 'the latest two');
    assert.deepEqual(await (await fetch(`${ecosystem.url}/dashboard/exchanges?last=500`)).json(), record, 'no more than there are');
    for (const last of ['0', 'two', '-1']) {
      const refused = await fetch(`${ecosystem.url}/dashboard/exchanges?last=${last}`);
      assert.equal(refused.status, 400);
      const error = (await refused.json()) as Record<string, unknown>;
      for (const field of ['code', 'reason', 'message', 'status']) assert.ok(error[field], `the TMF error names its ${field}`);
      assert.match(String(error.message), /'last' must be a positive whole number/);
    }
  } finally {
    await ecosystem.stop();
    await party.close();
  }
});

/** A reader that takes everything at once: the stream never waits for it, and must still give turns back. */
class EagerReader extends EventEmitter {
  readonly destroyed = false;
  text = '';
  writeHead(): this {
    return this;
  }
  write(chunk: string | Buffer): boolean {
    this.text += chunk;
    return true;
  }
  end(chunk: string): void {
    this.text += chunk;
  }
}

test('a long history goes out in turns of the event loop, not in one block', async () => {
  const reader = new EagerReader();
  let turns = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  await streamJsonArray(
    reader as unknown as ServerResponse,
    Array.from({ length: 1000 }, (_, i) => i),
    (i) => [JSON.stringify({ i })],
  );
  done = true;
  assert.deepEqual(
    JSON.parse(reader.text),
    Array.from({ length: 1000 }, (_, i) => ({ i })),
  );
  assert.ok(turns >= 4, `the event loop turned ${turns} times while 1,000 items went out, 200 a turn`);
});
