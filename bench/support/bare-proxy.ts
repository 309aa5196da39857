/**
 * The floor the wire is measured against: a bare keep-alive forwarding proxy with the wire's client,
 * which records and judges nothing (bench/wire.ts). `node --import tsx bench/support/bare-proxy.ts TARGET_URL` prints its URL.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { headerOf } from '../../core/http-call.ts';
import { wireCall } from '../../harness/wire-client.ts';

const target = process.argv[2].replace(/\/$/, '');
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'accept', 'authorization']) {
      const value = headerOf(req.headers, name);
      if (value) headers[name] = value;
    }
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const answer = await wireCall(target + req.url, { method: req.method ?? 'GET', headers, body, timeoutMs: 10_000 }).catch(() => undefined);
    if (!answer) res.writeHead(502).end();
    else res.writeHead(answer.status, { 'content-type': headerOf(answer.headers, 'content-type') ?? 'application/json' }).end(answer.bytes);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`bare proxy: http://127.0.0.1:${(server.address() as AddressInfo).port}\n`));
process.stdin.on('end', () => process.exit(0)).resume();
