import assert from 'node:assert/strict';
import { test } from 'node:test';
import express from 'express';
import { ACTOR_IDS } from '../core/actor-ids.ts';
import { startEcosystem } from '../harness/ecosystem.ts';
import { mountDashboard } from '../web/server.ts';
import { startApp } from './support/http-app.ts';

// The dashboard's live feed sends each exchange as one server-sent event whose data is the exchange's
// JSON: the recorded bodies written as they came, equal in value to the record.

const OFFERINGS = '/tmf-api/productCatalogManagement/v4/productOffering';
const LIST = '[{"id":"po-1","name":"Offer \\u2028 é"}]';

test('the live feed sends every exchange once, as one event equal in value to the exchange on the record', { timeout: 30_000 }, async () => {
  const catalogue = express();
  catalogue.get(OFFERINGS, (_req, res) => res.type('application/json').send(LIST));
  const party = await startApp(catalogue);
  const ecosystem = await startEcosystem({
    bindings: Object.fromEntries(ACTOR_IDS.map((id) => [id, { kind: 'remote', url: party.baseUrl }])),
    mount: mountDashboard,
  });
  const feed = new AbortController();
  try {
    const events = await fetch(`${ecosystem.url}/dashboard/events`, { signal: feed.signal });
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    const before = ecosystem.recorder.exchanges.length;
    for (let i = 0; i < 3; i++) await fetch(`${ecosystem.wireUrl('car-manufacturer', 'csp')}${OFFERINGS}`).then((r) => r.arrayBuffer());
    let text = '';
    const exchangeEvents = () => text.split('\n\n').filter((e) => e.startsWith('event: exchange\ndata: '));
    while (exchangeEvents().length < 3) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    const sent = exchangeEvents().map((e) => JSON.parse(e.slice('event: exchange\ndata: '.length)));
    const recorded = ecosystem.recorder.exchanges.slice(before);
    assert.equal(sent.length, 3);
    assert.deepEqual(sent, JSON.parse(JSON.stringify(recorded)));
    assert.deepEqual(sent[0].response.body, JSON.parse(LIST));
  } finally {
    feed.abort();
    await ecosystem.stop();
    await party.close();
  }
});
