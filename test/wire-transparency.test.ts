import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import express from 'express';
import { Recorder } from '../harness/recorder.ts';
import { startApp, type RunningApp } from './support/http-app.ts';

// The wire passes on whatever a party answers, and records it with a judgement; it never answers 500 itself.
const CATALOG = '/tmf-api/productCatalogManagement/v4';
let party: RunningApp;
let wire: RunningApp;
let recorder: Recorder;

before(async () => {
  const partyApp = express();
  partyApp.get(`${CATALOG}/noSuchResource`, (_req, res) => {
    res.status(404).json({ code: 'NOT_FOUND', reason: 'not served', message: 'no such resource', status: '404' });
  });
  partyApp.get(`${CATALOG}/catalog`, (_req, res) => {
    res.status(401).json({ code: 'UNAUTHENTICATED', reason: 'no key', message: 'who are you?', status: '401' });
  });
  partyApp.put(`${CATALOG}/catalog/1`, (_req, res) => {
    res.status(405).json({ code: 'METHOD_NOT_ALLOWED', reason: 'no PUT', message: 'PUT is not supported', status: '405' });
  });
  partyApp.get(`${CATALOG}/category`, (_req, res) => {
    res.status(200).type('text/plain').send('not json at all');
  });
  // Echoes the body it got, whatever its framing.
  partyApp.post(`${CATALOG}/echo`, express.raw({ type: () => true }), (req, res) => {
    res.status(200).type('application/json').send(req.body);
  });
  party = await startApp(partyApp);
  recorder = new Recorder({ csp: party.baseUrl });
  const wireApp = express();
  wireApp.use(recorder.router());
  wire = await startApp(wireApp);
});
after(async () => {
  await wire.close();
  await party.close();
});

const viaWire = (method: string, path: string) => fetch(`${wire.baseUrl}/wire/harness/csp${path}`, { method });
const last = () => recorder.exchanges.at(-1)!;

test('a path the harness has no schema for reaches the caller as the party answered it, recorded with a no-schema finding', async () => {
  const res = await viaWire('GET', `${CATALOG}/noSuchResource`);
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { code: 'NOT_FOUND', reason: 'not served', message: 'no such resource', status: '404' });
  assert.equal(last().status, 404);
  assert.ok(
    last().errors.some((e) => e.rule === 'no-schema' && /no schema for this operation/.test(e.message)),
    JSON.stringify(last().errors),
  );
});

test("a party's 401 and 405 pass through unchanged", async () => {
  const unauthorized = await viaWire('GET', `${CATALOG}/catalog`);
  assert.equal(unauthorized.status, 401);
  assert.equal((await unauthorized.json()).code, 'UNAUTHENTICATED');
  const notAllowed = await viaWire('PUT', `${CATALOG}/catalog/1`);
  assert.equal(notAllowed.status, 405);
  assert.equal((await notAllowed.json()).code, 'METHOD_NOT_ALLOWED');
  assert.equal(last().operation, 'PUT catalog/{id}');
});

test('a body that is not JSON reaches the caller as sent and is judged as the party sent it', async () => {
  const res = await viaWire('GET', `${CATALOG}/category`);
  assert.equal(res.status, 200);
  assert.equal(await res.text(), 'not json at all');
  assert.equal(last().response.body, 'not json at all');
  assert.equal(last().valid, false);
  assert.ok(last().errors.some((e) => e.where === 'response'));
});

test('a malformed percent-escape in a wire URL is a 400 TMF error, and the party is not called', async () => {
  const before = recorder.exchanges.length;
  const res = await viaWire('GET', `${CATALOG}/catalog/%zz`);
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.code, 'MALFORMED_URL');
  assert.equal(body.status, '400');
  assert.equal(recorder.exchanges.length, before);
});

test('a body sent in chunks (no Content-Length) reaches the party whole and is recorded; a call without a body records none', async () => {
  const body = JSON.stringify({ name: 'sent in pieces', pieces: [1, 2, 3] });
  const pieces = [body.slice(0, 10), body.slice(10)];
  const res = await fetch(`${wire.baseUrl}/wire/harness/csp${CATALOG}/echo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: new ReadableStream({
      start(controller) {
        for (const piece of pieces) controller.enqueue(new TextEncoder().encode(piece));
        controller.close();
      },
    }),
    duplex: 'half',
  } as RequestInit);
  assert.equal(await res.text(), body);
  assert.deepEqual(last().request.body, JSON.parse(body));
  await viaWire('GET', `${CATALOG}/category`);
  assert.equal(last().request.body, undefined);
});
