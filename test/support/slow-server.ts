import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningApp } from './http-app.ts';

/** A partner that answers every request, but only after `delayMs`: slower than the wire's time-out. */
export async function startSlowServer(delayMs: number): Promise<RunningApp> {
  const server = createServer((_req, res) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), delayMs).unref();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (taken from the system, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a port of 127.0.0.1 can be listened on right now. */
function bindable(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port P such that P … P+count are all free now (tried from ports the system hands out). */
export async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = await closedPort();
    if (first + count > 65535) continue;
    const all = await Promise.all(Array.from({ length: count + 1 }, (_, i) => bindable(first + i)));
    if (all.every(Boolean)) return first;
  }
  throw new Error(`no run of ${count + 1} free ports found`);
}
