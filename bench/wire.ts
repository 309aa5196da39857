/**
 * The wire's cost, side by side (prints figures, asserts nothing): the simulated CSP answering
 * `GET /productOffering` with a partner's key directly, and the same call through the wire (recorded
 * and judged), each loaded by autocannon; and, as the floor any proxy pays, the same call through a bare
 * keep-alive Node proxy that records nothing (bench/support/bare-proxy.ts). The ecosystem runs as `cch up`
 * runs it (the harness in one process, each party in its own), autocannon in this one. Beside req/s and
 * p50/p99 it prints the CPU the process in between (harness or bare proxy) and the CSP spend per request
 * (from /proc, on Linux): on a shared machine, where req/s follow the neighbours' load, CPU per request is
 * the steadier figure. Each target is loaded BENCH_SECONDS (8) in all, over BENCH_ROUNDS (2) rounds that
 * take the three in turn, the order reversed every other round; BENCH_CONNECTIONS (10). Then the same
 * three again at a fixed rate, half the direct throughput: at full load, with autocannon, the harness or
 * proxy and the CSP sharing 2 cores, a call's latency is mostly its wait in the queue of a saturated
 * machine; at a rate all three sustain it is the call's own. Then the three at full load once more, with
 * small answers each judged afresh: `?limit=1&offset=N`, N cycling through more paths than the wire's
 * verdict memo keeps (a partner's traffic is mostly distinct calls; the list above is one body polled).
 *
 * The percentiles are exact: taken from every answered call's own time (autocannon times each with
 * hrtime), all rounds together, rather than from autocannon's histogram, which counts whole
 * milliseconds (at these latencies, 1 against 2 ms reads 2 × where the calls took 1.3 and 1.6 ms). At a
 * fixed rate a call answered late also stands for the calls its connection could not send meanwhile
 * (coordinated omission, corrected as HdrHistogram does, with the connection's real interval).
 *
 *   npm run bench:wire
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { cpuSecondsOf } from './support/proc.ts';
import { bootstrapKey } from '../tmf/auth.ts';
import { startCch, stopCch } from '../test/support/cch-process.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SECRET = 'bench-wire';
const HEADERS = { authorization: `Bearer ${bootstrapKey(SECRET, 'car-manufacturer', 'csp')}`, accept: 'application/json' };
const PATH = '/tmf-api/productCatalogManagement/v4/productOffering';

/** What autocannon measured against one URL, and the CPU per request of the processes serving it. */
export interface LoadFigures {
  readonly requests: number;
  /** Connection errors, timeouts and answers other than 2xx. */
  readonly errors: number;
  readonly perSecond: number;
  /** Exact percentiles (ms) over every round's calls. */
  readonly p50: number;
  readonly p99: number;
  /** Each round's p99 (ms), for the spread between them. */
  readonly p99Rounds: readonly number[];
  /** autocannon's own p99 in whole milliseconds, the rounds' mean (as earlier runs were reported). */
  readonly wholeMsP99: number;
  /** µs of CPU (user + system) per request of the process in between (none for direct) and of the CSP; absent where /proc is not there. */
  readonly cpuPerRequestUs: { readonly between?: number; readonly csp?: number };
}

/** The three paths loaded alike: the direct call, a bare proxy and the wire. */
export interface PathFigures {
  readonly direct: LoadFigures;
  readonly bareProxy: LoadFigures;
  readonly wire: LoadFigures;
}

export interface WireFigures extends PathFigures {
  readonly connections: number;
  readonly seconds: number;
  readonly rounds: number;
  /**
   * The same three at a fixed rate all of them sustain (half the direct throughput): the latency of a
   * call on a machine that is not saturated, where at full load it is mostly the queue's.
   */
  readonly atRate: PathFigures & { readonly perSecond: number };
  /** The three at full load with small answers, a path of its own for each call in 5,000 (see DISTINCT_PATHS). */
  readonly fresh: PathFigures;
}

/** More than the verdict memo keeps (1,000 operations): no call's verdict can be reused. */
const DISTINCT_PATHS = 5_000;

export async function benchWire(say: (line: string) => void): Promise<WireFigures> {
  // The keys derive from the ecosystem's secret: the bench sets it, so that it can derive a partner's key.
  // The data folder takes the run's trace (every exchange, hundreds of MB): removed when the bench ends.
  const dataDir = mkdtempSync(join(tmpdir(), 'cch-bench-'));
  const { child, output } = await startCch(['up', '--no-dashboard', '--port', '0', '--data', dataDir], /Ctrl-C/, {
    CCH_SECRET: SECRET,
  });
  try {
    const harness = /Harness \(wire(?: \+ dashboard)?\): (http:\/\/[^/\s]+)/.exec(output)![1];
    const [, csp, cspPid] = /\n\s+csp\s+(http:\/\/\S+).*pid (\d+)/.exec(output)!;
    const proxy = await startBareProxy(csp);
    try {
      const pids = { csp: Number(cspPid) };
      const targets: Target[] = [
        { url: `${csp}${PATH}`, pids },
        { url: `${proxy.url}${PATH}`, pids: { ...pids, between: proxy.child.pid } },
        { url: `${harness}/wire/car-manufacturer/csp${PATH}`, pids: { ...pids, between: child.pid } },
      ];
      for (const target of targets) await load(target, 1); // warm-up: the first calls compile the schemas
      const saturated = await loadInRounds(targets);
      const perSecond = Math.round(saturated.direct.perSecond / 2);
      const atRate = { perSecond, ...(await loadInRounds(targets, perSecond)) };
      const fresh = await loadInRounds(targets.map((target) => ({ ...target, distinct: true })));
      const figures = { connections: CONNECTIONS, seconds: SECONDS, rounds: ROUNDS, ...saturated, atRate, fresh };
      for (const line of wireLines(figures)) say(line);
      return figures;
    } finally {
      proxy.child.kill();
    }
  } finally {
    await stopCch(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Target {
  readonly url: string;
  /** Each call to a path of its own, `?limit=1&offset=N` (N cycling through DISTINCT_PATHS). */
  readonly distinct?: boolean;
  readonly pids: { readonly between?: number; readonly csp: number };
}

/** One round's load of one target: autocannon's figures and the CPU the serving processes spent meanwhile. */
interface Sample extends Loaded {
  readonly cpuMs: { readonly between?: number; readonly csp?: number };
}

/** What autocannon reported, and the time of every call answered with a 2xx (ms). */
interface Loaded {
  readonly result: autocannon.Result;
  readonly times: number[];
}

/** `overallRate`: requests a second over all connections (none: as fast as they are answered). */
async function load(target: Target, duration: number, overallRate?: number): Promise<Loaded> {
  const times: number[] = [];
  // Each connection sends one call at a time; at a fixed rate, one every `interval` ms.
  const interval = overallRate ? (1000 * CONNECTIONS) / overallRate : 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    let calls = 0;
    const path = new URL(target.url).pathname;
    const distinct = { requests: [{ setupRequest: (request: object) => ({ ...request, path: `${path}?limit=1&offset=${calls++ % DISTINCT_PATHS}` }) }] };
    const options = {
      url: target.url,
      headers: HEADERS,
      connections: CONNECTIONS,
      duration,
      ...(overallRate ? { overallRate } : {}),
      ...(target.distinct ? distinct : {}),
    };
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result))).on('response', (_client, status, _bytes, ms) => {
      if (status < 200 || status > 299) return;
      times.push(ms);
      if (interval > 0) for (let missed = ms - interval; missed > interval; missed -= interval) times.push(missed);
    });
  });
  return { result, times };
}

/** The `q` quantile (0–1) of `sorted`, nearest rank. */
function quantile(sorted: Float64Array, q: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const sortedTimes = (...lists: (readonly number[])[]) => Float64Array.from(lists.flat()).sort();

/**
 * Each round loads the three in turn, the order reversed every other round, so that a change in the
 * neighbours' load weighs on all three alike.
 */
async function loadInRounds(targets: readonly Target[], overallRate?: number): Promise<PathFigures> {
  const samples: Sample[][] = targets.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [0, 1, 2] : [2, 1, 0];
    for (const i of order) samples[i].push(await sample(targets[i], SECONDS / ROUNDS, overallRate));
  }
  const [direct, bareProxy, wire] = samples.map(combine);
  return { direct, bareProxy, wire };
}

async function sample(target: Target, duration: number, overallRate?: number): Promise<Sample> {
  const before = { between: cpuMs(target.pids.between), csp: cpuMs(target.pids.csp) };
  const loaded = await load(target, duration, overallRate);
  const spent = (now: number | undefined, then: number | undefined) => (now === undefined || then === undefined ? undefined : now - then);
  return { ...loaded, cpuMs: { between: spent(cpuMs(target.pids.between), before.between), csp: spent(cpuMs(target.pids.csp), before.csp) } };
}

/** The rounds of one target together: requests and CPU summed, the percentiles over every round's calls. */
function combine(samples: readonly Sample[]): LoadFigures {
  const sum = (f: (s: Sample) => number) => samples.reduce((total, s) => total + f(s), 0);
  const all = sortedTimes(...samples.map((s) => s.times));
  const requests = sum((s) => s.result.requests.total);
  const cpu = (f: (s: Sample) => number | undefined) =>
    samples.some((s) => f(s) === undefined) || requests === 0 ? undefined : (sum((s) => f(s) ?? 0) * 1000) / requests;
  return {
    requests,
    errors: sum((s) => s.result.errors + s.result.timeouts + s.result.non2xx),
    perSecond: requests / sum((s) => s.result.duration),
    p50: quantile(all, 0.5),
    p99: quantile(all, 0.99),
    p99Rounds: samples.map((s) => quantile(sortedTimes(s.times), 0.99)),
    wholeMsP99: sum((s) => s.result.latency.p99) / samples.length,
    cpuPerRequestUs: { between: cpu((s) => s.cpuMs.between), csp: cpu((s) => s.cpuMs.csp) },
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

/** A process's CPU so far in ms, from /proc; undefined elsewhere. */
function cpuMs(pid: number | undefined): number | undefined {
  const seconds = cpuSecondsOf(pid);
  return seconds === undefined ? undefined : seconds * 1000;
}

/** The figures as printed: one row per path, then the ratios the wire is held to. */
export function wireLines(f: WireFigures): string[] {
  const us = (n: number | undefined) => (n === undefined ? '    —' : n.toFixed(0).padStart(5));
  const row = (name: string, l: LoadFigures) =>
    `${name.padEnd(10)} ${l.perSecond.toFixed(0).padStart(6)} req/s   p50 ${l.p50.toFixed(2).padStart(6)} ms   p99 ${l.p99.toFixed(2).padStart(6)} ms   CPU/request: in between ${us(l.cpuPerRequestUs.between)} µs, csp ${us(l.cpuPerRequestUs.csp)} µs   (${l.requests} requests, ${l.errors} errors; p99 by round ${l.p99Rounds.map((p) => p.toFixed(2)).join('/')} ms, autocannon's whole-ms p99 ${l.wholeMsP99.toFixed(1)} ms)`;
  const ratios = (l: LoadFigures, direct: LoadFigures) =>
    `throughput ${(l.perSecond / direct.perSecond).toFixed(2)} ×, p50 ${(l.p50 / direct.p50).toFixed(2)} ×, p99 ${(l.p99 / direct.p99).toFixed(2)} ×`;
  return [
    `GET productOffering with autocannon, ${f.connections} connections, ${f.seconds} s each over ${f.rounds} rounds (percentiles: exact, over every round's calls):`,
    row('direct', f.direct),
    row('bare proxy', f.bareProxy),
    row('wire', f.wire),
    `wire / direct: ${ratios(f.wire, f.direct)} (targets: throughput ≥ 0.8 ×, latency ≤ 1.3 ×)`,
    `bare proxy / direct: ${ratios(f.bareProxy, f.direct)} (the floor for any proxy in front of the CSP on this machine)`,
    `the same at a fixed ${f.atRate.perSecond} req/s (half the direct throughput: latency without the queue of a saturated machine):`,
    row('direct', f.atRate.direct),
    row('bare proxy', f.atRate.bareProxy),
    row('wire', f.atRate.wire),
    `wire / direct at ${f.atRate.perSecond} req/s: ${ratios(f.atRate.wire, f.atRate.direct)}`,
    `small answers, each call to a path of its own in ${DISTINCT_PATHS} (no verdict reused), at full load:`,
    row('direct', f.fresh.direct),
    row('bare proxy', f.fresh.bareProxy),
    row('wire', f.fresh.wire),
    `wire / direct with small answers: ${ratios(f.fresh.wire, f.fresh.direct)}`,
    `bare proxy / direct with small answers: ${ratios(f.fresh.bareProxy, f.fresh.direct)}`,
  ];
}

if (import.meta.filename === process.argv[1]) await benchWire((line) => console.log(line));
