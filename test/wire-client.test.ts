import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { Recorder } from '../harness/recorder.ts';
import { wireCall } from '../harness/wire-client.ts';

// The wire's client passes method, path with query, headers and body on as they are, and says when the
// callee timed out or cannot be reached, in the terms the wire records.

async function listening(handler: Parameters<typeof createServer>[1]) {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

test('a call reaches the callee as made: method, path and query, headers, body; the answer comes back as bytes', async () => {
  const callee = await listening((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () =>
      res
        .writeHead(201, { 'content-type': 'application/json', 'x-total-count': '1' })
        .end(JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization, body: Buffer.concat(chunks).toString() })),
    );
  });
  try {
    const answer = await wireCall(`${callee.url}/a%20b/c?x=1&y=%C3%A9`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: Buffer.from('{"é":1}'),
      timeoutMs: 5_000,
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.headers['x-total-count'], '1');
    assert.deepEqual(JSON.parse(answer.bytes.toString()), { method: 'POST', url: '/a%20b/c?x=1&y=%C3%A9', auth: 'Bearer k', body: '{"é":1}' });
  } finally {
    callee.server.close();
  }
});

test('a callee that does not answer in time is a 504 on the wire, one that cannot be reached a 502; both recorded', async () => {
  const silent = await listening(() => undefined);
  const closed = await listening(() => undefined);
  closed.server.close();
  const recorder = new Recorder({ csp: silent.url, driver: closed.url }, 300);
  const wire = await listening((req, res) => recorder.serve(req, res) || res.writeHead(404).end());
  try {
    const late = await fetch(`${wire.url}/wire/harness/csp/health`);
    assert.equal(late.status, 504);
    assert.equal((await late.json()).code, 'PEER_TIMEOUT');
    const gone = await fetch(`${wire.url}/wire/harness/driver/health`);
    assert.equal(gone.status, 502);
    assert.equal((await gone.json()).code, 'PEER_UNREACHABLE');
    const [timedOut, unreachable] = recorder.exchanges;
    assert.match(timedOut.failure ?? '', /csp did not answer within 300 ms/);
    assert.match(unreachable.failure ?? '', /driver is unreachable at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
  } finally {
    silent.server.closeAllConnections();
    silent.server.close();
    wire.server.close();
  }
});
