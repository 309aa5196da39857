import { readFileSync } from 'node:fs';
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

/**
 * A port P such that P … P+count are all free now. Taken below the system's ephemeral range where it is
 * known (Linux): listeners on port 0 and outgoing connections take their ports from that range, so with
 * other tests running side by side one of P … P+count could be taken before the test binds them.
 */
export async function freePortRun(count: number): Promise<number> {
  const range = ephemeralRange();
  const below = range ? range[0] - FIXED_PORTS_FROM - count - 1 : 0;
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = below > 0 ? FIXED_PORTS_FROM + Math.floor(Math.random() * below) : await closedPort();
    if (first + count > 65535) continue;
    const all = await Promise.all(Array.from({ length: count + 1 }, (_, i) => bindable(first + i)));
    if (all.every(Boolean)) return first;
  }
  throw new Error(`no run of ${count + 1} free ports found`);
}

/** Fixed ports are taken from here up, clear of the well-known and registered services below. */
const FIXED_PORTS_FROM = 20_000;

/** The ports the system hands out for port 0 and outgoing connections, where it says (Linux). */
function ephemeralRange(): [number, number] | undefined {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return Number.isInteger(low) && Number.isInteger(high) ? [low, high] : undefined;
  } catch {
    return undefined;
  }
}
