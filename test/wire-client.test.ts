import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
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

/**
 * A callee that answers the first call on each connection, kept alive without saying for how long, and
 * closes the connection on the second call unanswered: as a server closing an idle connection just as
 * the wire reuses it. Counts the calls it saw by method.
 */
async function closingIdleConnections() {
  const seen = { GET: 0, POST: 0 } as Record<string, number>;
  const server = createTcpServer((socket: Socket) => {
    let calls = 0;
    let pending = '';
    socket.on('error', () => undefined);
    socket.on('data', (data) => {
      pending += data.toString();
      for (let end = pending.indexOf('\r\n\r\n'); end !== -1; end = pending.indexOf('\r\n\r\n')) {
        const method = pending.slice(0, pending.indexOf(' '));
        const length = Number(/content-length: (\d+)/i.exec(pending.slice(0, end))?.[1] ?? 0);
        pending = pending.slice(end + 4 + length);
        seen[method] = (seen[method] ?? 0) + 1;
        if (++calls > 1) return void socket.destroy();
        socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\n{}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, seen, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

test('a GET whose kept-alive connection the callee closes unanswered goes once more, on a fresh one; a POST fails as it came', async () => {
  const callee = await closingIdleConnections();
  // After a pause: a connection just answered is checked for a close before it is used again (undici
  // opens another meanwhile), and a connection idle a moment is the one this is about.
  const call = async (method: string) => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    return wireCall(`${callee.url}/x`, { method, headers: {}, body: method === 'POST' ? Buffer.from('{}') : undefined, timeoutMs: 5_000 });
  };
  try {
    assert.equal((await call('GET')).status, 200);
    assert.equal((await call('GET')).status, 200, 'the second GET, its connection closed under it, is answered on a new one');
    assert.equal(callee.seen.GET, 3);
    await assert.rejects(call('POST'), (error: Error) => error.message.startsWith('unreachable: '), 'a POST whose connection closed under it');
    assert.equal(callee.seen.POST, 1, 'is not sent again');
    assert.equal((await call('POST')).status, 200, 'the next POST, on a new connection');
  } finally {
    callee.server.close();
  }
});
