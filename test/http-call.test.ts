import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { httpCall } from '../core/http-call.ts';

/**
 * A callee that closes a kept-alive connection just as the next call arrives on it (what a server's idle
 * time-out does at the wrong moment): the second request on any connection is reset unread.
 */
let server: Server;
let url: string;
const served: number[] = [];
before(async () => {
  const requestsOn = new WeakMap<Socket, number>();
  server = createServer((req, res) => {
    const n = (requestsOn.get(req.socket) ?? 0) + 1;
    requestsOn.set(req.socket, n);
    if (n > 1) {
      req.socket.destroy();
      return;
    }
    served.push(n);
    req.resume();
    req.on('end', () => res.end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

test('a call that meets a kept-alive connection the callee just closed is made again on a fresh one, once', async () => {
  const call = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', timeoutMs: 2_000 };
  assert.equal((await httpCall(url, call)).status, 200);
  assert.equal((await httpCall(url, call)).status, 200, "the reset on the reused connection is not the caller's failure");
  assert.equal(served.length, 2, 'each call served once');
});

test('a callee that cannot be reached at all is still an error', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  await assert.rejects(httpCall(`http://127.0.0.1:${port}/`, { method: 'GET', headers: {}, timeoutMs: 2_000 }), /unreachable: ECONNREFUSED/);
});
