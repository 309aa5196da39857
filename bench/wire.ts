/**
 * The wire's cost, side by side (prints figures, asserts nothing): the simulated CSP answering
 * `GET /productOffering` with a partner's key directly, and the same call through the wire (recorded
 * and judged), each loaded by autocannon; and, as the floor any proxy pays, the same call through a bare
 * keep-alive Node proxy that records nothing (bench/support/bare-proxy.ts). The ecosystem runs as `cch up`
 * runs it (the harness in one process, each party in its own), autocannon in this one. Beside req/s and
 * p50/p99 it prints the CPU the process in between (harness or bare proxy) and the CSP spend per request
 * (from /proc, on Linux): on a shared machine, where req/s follow the neighbours' load, CPU per request is
 * the steadier figure. BENCH_CONNECTIONS (10) and BENCH_SECONDS (8) tune it.
 *
 *   npm run bench:wire
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { bootstrapKey } from '../tmf/auth.ts';
import { startCch, stopCch } from '../test/support/cch-process.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SECRET = 'bench-wire';
const PATH = '/tmf-api/productCatalogManagement/v4/productOffering';

/** What autocannon measured against one URL, and the CPU per request of the processes serving it. */
export interface LoadFigures {
  readonly requests: number;
  /** Connection errors, timeouts and answers other than 2xx. */
  readonly errors: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** µs of CPU (user + system) per request of the process in between (none for direct) and of the CSP; absent where /proc is not there. */
  readonly cpuPerRequestUs: { readonly between?: number; readonly csp?: number };
}

export interface WireFigures {
  readonly connections: number;
  readonly seconds: number;
  readonly direct: LoadFigures;
  readonly bareProxy: LoadFigures;
  readonly wire: LoadFigures;
}

export async function benchWire(say: (line: string) => void): Promise<WireFigures> {
  // The keys derive from the ecosystem's secret: the bench sets it, so that it can derive a partner's key.
  const { child, output } = await startCch(['up', '--no-dashboard', '--port', '0', '--data', mkdtempSync(join(tmpdir(), 'cch-bench-'))], /Ctrl-C/, {
    CCH_SECRET: SECRET,
  });
  try {
    const harness = /Harness \(wire(?: \+ dashboard)?\): (http:\/\/[^/\s]+)/.exec(output)![1];
    const [, csp, cspPid] = /\n\s+csp\s+(http:\/\/\S+).*pid (\d+)/.exec(output)!;
    const headers = { authorization: `Bearer ${bootstrapKey(SECRET, 'car-manufacturer', 'csp')}`, accept: 'application/json' };
    const direct = await measure(`${csp}${PATH}`, headers, { csp: Number(cspPid) });
    const proxy = await startBareProxy(csp);
    const bareProxy = await measure(`${proxy.url}${PATH}`, headers, { between: proxy.child.pid, csp: Number(cspPid) }).finally(() => proxy.child.kill());
    const wire = await measure(`${harness}/wire/car-manufacturer/csp${PATH}`, headers, { between: child.pid, csp: Number(cspPid) });
    const figures = { connections: CONNECTIONS, seconds: SECONDS, direct, bareProxy, wire };
    for (const line of wireLines(figures)) say(line);
    return figures;
  } finally {
    await stopCch(child);
  }
}

async function measure(url: string, headers: Record<string, string>, pids: { between?: number; csp: number }): Promise<LoadFigures> {
  const run = (duration: number) => autocannon({ url, headers, connections: CONNECTIONS, duration });
  await run(1); // warm-up: the first calls compile the schemas
  const before = { between: cpuMs(pids.between), csp: cpuMs(pids.csp) };
  const result = await run(SECONDS);
  const requests = result.requests.total;
  const perRequest = (now: number | undefined, then: number | undefined) =>
    now === undefined || then === undefined || requests === 0 ? undefined : ((now - then) * 1000) / requests;
  return {
    requests,
    errors: result.errors + result.timeouts + result.non2xx,
    perSecond: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuPerRequestUs: { between: perRequest(cpuMs(pids.between), before.between), csp: perRequest(cpuMs(pids.csp), before.csp) },
  };
}

/** The bare proxy in a process of its own, in front of `target`. */
async function startBareProxy(target: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'support', 'bare-proxy.ts'), target], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /bare proxy: (\S+)/.exec(output);
      if (found) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`the bare proxy exited with ${code}`)));
  });
  return { url, child };
}

/** A process's CPU so far (user + system, ms), from /proc; undefined elsewhere. */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return undefined;
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks (100 a second).
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The figures as printed: one row per path, then the ratios the wire is held to. */
export function wireLines(f: WireFigures): string[] {
  const us = (n: number | undefined) => (n === undefined ? '    —' : n.toFixed(0).padStart(5));
  const row = (name: string, l: LoadFigures) =>
    `${name.padEnd(10)} ${l.perSecond.toFixed(0).padStart(6)} req/s   p50 ${l.p50.toFixed(1).padStart(5)} ms   p99 ${l.p99.toFixed(1).padStart(5)} ms   CPU/request: in between ${us(l.cpuPerRequestUs.between)} µs, csp ${us(l.cpuPerRequestUs.csp)} µs   (${l.requests} requests, ${l.errors} errors)`;
  const ratios = (l: LoadFigures) =>
    `throughput ${(l.perSecond / f.direct.perSecond).toFixed(2)} ×, p50 ${(l.p50 / f.direct.p50).toFixed(2)} ×, p99 ${(l.p99 / f.direct.p99).toFixed(2)} ×`;
  return [
    `GET productOffering with autocannon, ${f.connections} connections, ${f.seconds} s each:`,
    row('direct', f.direct),
    row('bare proxy', f.bareProxy),
    row('wire', f.wire),
    `wire / direct: ${ratios(f.wire)} (targets: throughput ≥ 0.8 ×, latency ≤ 1.3 ×)`,
    `bare proxy / direct: ${ratios(f.bareProxy)} (the floor for any proxy in front of the CSP on this machine)`,
  ];
}

if (import.meta.filename === process.argv[1]) await benchWire((line) => console.log(line));
