/**
 * The wire's cost, side by side (prints figures, asserts nothing): the simulated CSP answering
 * `GET /productOffering` with a partner's key directly, and the same call through the wire (recorded
 * and judged). The ecosystem runs in its own processes (`cch up`), the load in this one (as with
 * autocannon; each party in its own process, as `cch up` runs them). BENCH_CONNECTIONS (10) and
 * BENCH_SECONDS (8) tune it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrapKey } from '../tmf/auth.ts';
import { startCch, stopCch } from '../test/support/cch-process.ts';
import { load, type LoadFigures } from './support/load.ts';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SECRET = 'bench-wire';

export async function benchWire(say: (line: string) => void): Promise<{ direct: LoadFigures; wire: LoadFigures }> {
  // The keys derive from the ecosystem's secret: the bench sets it, so that it can derive a partner's key.
  const { child, output } = await startCch(['up', '--no-dashboard', '--port', '0', '--data', mkdtempSync(join(tmpdir(), 'cch-bench-'))], /Ctrl-C/, {
    CCH_SECRET: SECRET,
  });
  try {
    const harness = /Harness \(wire(?: \+ dashboard)?\): (http:\/\/[^/\s]+)/.exec(output)![1];
    const csp = /\n\s+csp\s+(http:\/\/\S+)/.exec(output)![1];
    const headers = { authorization: `Bearer ${bootstrapKey(SECRET, 'car-manufacturer', 'csp')}`, accept: 'application/json' };
    const path = '/tmf-api/productCatalogManagement/v4/productOffering';
    const measure = async (url: string) => {
      await fetch(url, { headers }).then((r) => r.arrayBuffer()); // the first call compiles the schemas
      await load(url, headers, CONNECTIONS, 1); // warm-up
      return load(url, headers, CONNECTIONS, SECONDS);
    };
    const direct = await measure(`${csp}${path}`);
    const wire = await measure(`${harness}/wire/car-manufacturer/csp${path}`);
    const row = (name: string, f: LoadFigures) =>
      `${name.padEnd(8)} ${f.perSecond.toFixed(0).padStart(6)} req/s   p50 ${f.p50.toFixed(1).padStart(5)} ms   p99 ${f.p99.toFixed(1).padStart(5)} ms   (${f.requests} requests, ${f.errors} errors)`;
    say(`GET productOffering, ${CONNECTIONS} connections, ${SECONDS} s each:`);
    say(row('direct', direct));
    say(row('wire', wire));
    say(
      `wire / direct: throughput ${(wire.perSecond / direct.perSecond).toFixed(2)} ×, p50 ${(wire.p50 / direct.p50).toFixed(2)} ×, p99 ${(wire.p99 / direct.p99).toFixed(2)} ×`,
    );
    return { direct, wire };
  } finally {
    await stopCch(child);
  }
}

if (import.meta.filename === process.argv[1]) await benchWire((line) => console.log(line));
