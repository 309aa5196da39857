import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startEcosystem } from '../harness/ecosystem.ts';
import { TmfCallError } from '../tmf/client.ts';

const OFFERINGS = '/tmf-api/productCatalogManagement/v4/productOffering';

test('a party asked through its control API makes the call itself, with its own credential', async () => {
  const ecosystem = await startEcosystem();
  try {
    const answer = await ecosystem
      .control('car-manufacturer')
      .post<{ status: number; body: unknown[] }>('/control/peer-call', { peer: 'csp', method: 'GET', path: `${OFFERINGS}?limit=2` });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.length, 2);
    const onWire = ecosystem.recorder.exchanges.filter((e) => e.path === `${OFFERINGS}?limit=2`);
    assert.deepEqual(
      onWire.map((e) => [e.from, e.to, e.kind]),
      [['car-manufacturer', 'csp', 'call']],
      'the OEM, not the harness, called the CSP',
    );
    const refused = await ecosystem
      .control('content-provider')
      .post<{ status: number }>('/control/peer-call', { peer: 'csp', method: 'GET', path: '/tmf-api/usageManagement/v4/usage' });
    assert.equal(refused.status, 403, 'an error answer is reported, not thrown');
    await assert.rejects(
      ecosystem.control('csp').post('/control/peer-call', { peer: 'csp', method: 'GET', path: OFFERINGS }),
      (e: unknown) => e instanceof TmfCallError && e.status === 400,
    );
  } finally {
    await ecosystem.stop();
  }
});

test('a peer may not use the lever: only the harness has a party make calls', async () => {
  const ecosystem = await startEcosystem();
  try {
    const response = await fetch(`${ecosystem.wireUrl('harness', 'csp')}/control/peer-call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(response.status, 401);
  } finally {
    await ecosystem.stop();
  }
});

test("the scenarios never present a party's credentials: no step code derives or reads a party key", () => {
  const dir = join(import.meta.dirname, '..', 'step-definitions');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const offending = files.filter((f) => /bootstrapKey|peerKeys|wireUrl\((?!'harness')/.test(readFileSync(join(dir, f), 'utf8')));
  assert.deepEqual(offending, []);
});
