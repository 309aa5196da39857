/**
 * The dashboard's live feed holds a bounded amount for a reader that lags: past its budget it leaves
 * exchanges out, and once the reader has caught up it tells it how many and which.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { connect } from 'node:net';
import { test } from 'node:test';
import express from 'express';
import { ACTOR_IDS } from '../core/actor-ids.ts';
import { startEcosystem } from '../harness/ecosystem.ts';
import type { Exchange } from '../harness/exchange.ts';
import { FEED_BEHIND_BYTES, type FeedSink, LiveFeed } from '../web/live-feed.ts';
import { mountDashboard } from '../web/server.ts';
import { startApp } from './support/http-app.ts';

/** A response whose reader takes nothing until `drain()`: what is written stays held. */
class HeldSink extends EventEmitter implements FeedSink {
  written: string[] = [];
  writableLength = 0;
  cork(): void {}
  uncork(): void {}
  write(chunk: string | Uint8Array): boolean {
    this.written.push(Buffer.from(chunk).toString());
    this.writableLength += chunk.length;
    return this.writableLength < 16;
  }
  drain(): void {
    this.writableLength = 0;
    this.emit('drain');
  }
}

const exchange = (seq: number) => ({ seq, request: { headers: {} }, response: { headers: {}, body: { n: seq } } }) as unknown as Exchange;
const events = (sink: HeldSink) => sink.written.join('').split('\n\n').filter(Boolean);

test('past its budget the feed leaves exchanges out until the reader has taken what it holds, then says which it left out', () => {
  const sink = new HeldSink();
  const feed = new LiveFeed(sink, 200);
  let seq = 0;
  while (sink.writableLength <= 200) feed.send(exchange(++seq));
  const sent = seq;
  for (let i = 0; i < 5; i++) feed.send(exchange(++seq));
  assert.equal(events(sink).length, sent, 'nothing written past the budget');
  sink.drain();
  feed.send(exchange(++seq));
  const after = events(sink).slice(sent);
  assert.deepEqual(after[0], `event: skipped\ndata: ${JSON.stringify({ count: 5, first: sent + 1, last: sent + 5 })}`);
  assert.match(after[1], new RegExp(`^event: exchange\ndata: \\{"seq":${seq},`));
});

test('a dashboard reader that stops reading while the wire runs gets every exchange either sent or counted as left out', { timeout: 60_000 }, async () => {
  // 100 KB answers: 500 of them are more than ten times the feed's budget, more than the sockets' buffers take.
  const list = JSON.stringify([{ id: 'po-1', description: 'x'.repeat(100_000) }]);
  const catalogue = express().get('/tmf-api/productCatalogManagement/v4/productOffering', (_req, res) => res.type('application/json').send(list));
  const party = await startApp(catalogue);
  const ecosystem = await startEcosystem({
    bindings: Object.fromEntries(ACTOR_IDS.map((id) => [id, { kind: 'remote', url: party.baseUrl }])),
    mount: mountDashboard,
  });
  const { hostname, port } = new URL(ecosystem.url);
  const reader = connect(Number(port), hostname);
  try {
    let text = '';
    reader.on('data', (chunk: Buffer) => (text += chunk.toString()));
    // HTTP/1.0: the stream ends with the connection, without chunked framing between the events.
    reader.write(`GET /dashboard/events HTTP/1.0\r\nhost: ${hostname}\r\n\r\n`);
    while (!text.includes(': connected')) await new Promise((resolve) => setTimeout(resolve, 10));
    reader.pause();
    const before = ecosystem.recorder.exchanges.length;
    const calls = 500;
    assert.ok(calls * list.length > 10 * FEED_BEHIND_BYTES);
    const url = `${ecosystem.wireUrl('car-manufacturer', 'csp')}/tmf-api/productCatalogManagement/v4/productOffering`;
    for (let i = 0; i < calls; i++) await fetch(url).then((r) => r.arrayBuffer());
    reader.resume();
    const sentOrSkipped = () => {
      const sent = text.split('\n\n').filter((e) => e.startsWith('event: exchange\n')).length;
      const skipped = text
        .split('\n\n')
        .filter((e) => e.startsWith('event: skipped\n'))
        .map((e) => JSON.parse(e.slice('event: skipped\ndata: '.length)) as { count: number });
      return { sent, skipped: skipped.reduce((n, s) => n + s.count, 0), notices: skipped.length };
    };
    while (sentOrSkipped().sent + sentOrSkipped().skipped < calls) await new Promise((resolve) => setTimeout(resolve, 20));
    const { sent, skipped, notices } = sentOrSkipped();
    assert.ok(skipped > 0 && notices > 0, `the lagging reader was told what it missed (${sent} sent, ${skipped} left out)`);
    assert.equal(sent + skipped, calls);
    assert.equal(ecosystem.recorder.exchanges.length - before, calls, 'the record keeps every exchange');
  } finally {
    reader.destroy();
    await ecosystem.stop();
    await party.close();
  }
});
