/**
 * Only the wire may say which URL a caller used: a partner calling a party directly with forged
 * X-Forwarded-* headers gets hrefs under the party's own URL; through the wire, hrefs lead back through it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import express from 'express';
import { startCsp } from '../actors/csp/index.ts';
import type { RunningActor } from '../actors/kit/serve.ts';
import { Recorder } from '../harness/recorder.ts';
import { basePath } from '../tmf/apis.ts';
import { bootstrapKey } from '../tmf/auth.ts';
import { startApp, type RunningApp } from './support/http-app.ts';

const SECRET = 'forwarded-hrefs-secret';
const OFFERINGS = `${basePath('TMF620')}/productOffering`;
const FORGED = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-prefix': '/phish', 'x-cch-wire-key': 'guessed' };
let csp: RunningActor;
let wire: RunningApp;

before(async () => {
  csp = await startCsp({ storage: { kind: 'memory' }, secret: SECRET, peers: {}, callbacks: {}, seed: 1 }, 0);
  const app = express();
  app.use(new Recorder({ csp: csp.url }, 5_000, undefined, SECRET).router());
  wire = await startApp(app);
});
after(async () => {
  await wire.close();
  await csp.stop();
});

async function hrefsOf(url: string, headers: Record<string, string> = {}): Promise<string[]> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${bootstrapKey(SECRET, 'car-manufacturer', 'csp')}`, ...headers } });
  assert.equal(res.status, 200, await res.clone().text());
  const body = (await res.json()) as Array<{ href?: string }>;
  assert.ok(body.length > 0, 'the CSP offers something');
  return body.map((o) => String(o.href));
}

test("a partner calling a party directly with forged forwarded headers gets hrefs of the party's own URL", async () => {
  for (const href of await hrefsOf(csp.url + OFFERINGS, FORGED)) assert.ok(href.startsWith(`${csp.url}${OFFERINGS}/`), href);
});

test('through the wire, hrefs lead back through the wire, whatever the caller forged', async () => {
  const through = `${wire.baseUrl}/wire/car-manufacturer/csp`;
  for (const href of await hrefsOf(through + OFFERINGS, FORGED)) assert.ok(href.startsWith(`${through}${OFFERINGS}/`), href);
});

test('a wire with another secret is not trusted', async () => {
  const app = express();
  app.use(new Recorder({ csp: csp.url }, 5_000, undefined, 'another-secret').router());
  const stranger = await startApp(app);
  try {
    for (const href of await hrefsOf(`${stranger.baseUrl}/wire/car-manufacturer/csp${OFFERINGS}`)) assert.ok(href.startsWith(`${csp.url}${OFFERINGS}/`), href);
  } finally {
    await stranger.close();
  }
});
