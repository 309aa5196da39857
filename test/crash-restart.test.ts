import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SECRET } from '../actors/kit/config.ts';
import { bootstrapKey, harnessKey } from '../tmf/auth.ts';
import { startCch, stopCch } from './support/cch-process.ts';

const ORDERS = '/tmf-api/productOrderingManagement/v4/productOrder';
const oemKey = bootstrapKey(DEFAULT_SECRET, 'car-manufacturer', 'csp');

async function startCsp(data: string): Promise<{ url: string; child: Awaited<ReturnType<typeof startCch>>['child'] }> {
  const { child, output } = await startCch(['up', '--only', 'csp', '--port', '0', '--data', data], /Ctrl-C/);
  return { child, url: /(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1] };
}

const call = async (url: string, key: string, method = 'GET', body?: object) => {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
};

test('an actor killed outright keeps every change it acknowledged, and the events it still owed', async () => {
  const data = mkdtempSync(join(tmpdir(), 'cch-crash-'));
  const first = await startCsp(data);
  const hub = await call(`${first.url}/tmf-api/productOrderingManagement/v4/hub`, oemKey, 'POST', { callback: 'http://127.0.0.1:9/nobody-listens', query: '' });
  assert.equal(hub.status, 201);
  const order = await call(`${first.url}${ORDERS}`, oemKey, 'POST', {
    description: 'partner order before the crash',
    relatedParty: [{ id: 'car-manufacturer', name: 'Car manufacturer', role: 'buyer', '@referredType': 'Organization' }],
    productOrderItem: [{ id: '1', action: 'add', quantity: 1, productOffering: { id: 'po-split-billing' } }],
  });
  assert.equal(order.status, 201);
  first.child.kill('SIGKILL'); // no Ctrl-C, no drain: a crash
  await new Promise((resolve) => first.child.once('exit', resolve));

  const second = await startCsp(data);
  try {
    const again = await call(`${second.url}${ORDERS}/${order.body.id}`, oemKey);
    assert.equal(again.status, 200, 'the order acknowledged before the crash is there');
    assert.equal(again.body.description, 'partner order before the crash');
    const state = await call(`${second.url}/control/state`, harnessKey(DEFAULT_SECRET, 'csp'));
    assert.equal(state.body.data.subscriptions.length, 1, 'the hub subscription survived');
    assert.ok(
      state.body.data.outbox.some((e: { body: { event: { productOrder?: { id: string } } } }) => e.body.event.productOrder?.id === order.body.id),
      'the events owed for the order are still in the outbox',
    );
    const catalog = await call(`${second.url}/tmf-api/productCatalogManagement/v4/productOffering`, oemKey);
    assert.equal(catalog.status, 200, 'the restarted actor serves as before');
  } finally {
    await stopCch(second.child);
  }
});
