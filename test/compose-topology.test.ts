import assert from 'node:assert/strict';
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { startCch, stopCch } from './support/cch-process.ts';
import { freePortRun } from './support/slow-server.ts';

// compose.yaml as local processes: CI cannot run Docker, so each service starts here with the same
// command (after the image's ENTRYPOINT) and environment. What a container network gives for free is
// translated: service host names become 127.0.0.1, the fixed ports free ones, /data a folder each.

const ROOT = join(import.meta.dirname, '..');

interface Service {
  readonly command: string[];
  readonly environment?: Record<string, string>;
  readonly depends_on?: Record<string, { condition: string }>;
  readonly healthcheck: { test: string[] };
}

/** `${NAME:-default}` as compose interpolates it (the variables are unset here). */
const interpolate = (text: string) => text.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

test('compose.yaml: five party services and the harness, started as local processes with their commands and environment, pass their health checks and run figure 7 across them', async () => {
  const compose = parse(readFileSync(join(ROOT, 'compose.yaml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
  assert.deepEqual(/ENTRYPOINT \["node", "bin\/cch\.mjs"\]/.test(readFileSync(join(ROOT, 'Dockerfile'), 'utf8')), true, 'the image runs cch');
  const names = Object.keys(compose.services);
  assert.deepEqual(names.toSorted(), ['call-center', 'car-manufacturer', 'content-provider', 'csp', 'driver', 'harness']);

  // Free ports below the system's ephemeral range: a port that a listener on port 0 handed out could be
  // taken again by a test running beside this one before its service binds it.
  const ports = new Map<string, string>();
  const first = await freePortRun(names.length - 1);
  for (const [i, name] of names.entries()) {
    const port = compose.services[name].command[compose.services[name].command.indexOf('--port') + 1];
    ports.set(port, String(first + i));
  }
  const local = (text: string) =>
    interpolate(text)
      .replace(new RegExp(`//(${names.join('|')}):(\\d+)`, 'g'), (_m, _host, port: string) => `//127.0.0.1:${ports.get(port)}`)
      .replace(/127\.0\.0\.1:(\d+)/g, (m, port: string) => (ports.has(port) ? `127.0.0.1:${ports.get(port)}` : m));
  const commandOf = (service: Service) =>
    service.command.map((arg, i, all) => {
      if (all[i - 1] === '--port') return ports.get(arg)!;
      if (all[i - 1] === '--data') return mkdtempSync(join(tmpdir(), 'cch-compose-'));
      if (all[i - 1] === '--host') return '127.0.0.1';
      if (all[i - 1] === '--public-host') return '127.0.0.1';
      return arg;
    });
  const envOf = (service: Service) => Object.fromEntries(Object.entries(service.environment ?? {}).map(([k, v]) => [k, local(String(v))]));
  const healthy = (service: Service) =>
    new Promise<number>((resolve) => {
      const [kind, command, ...args] = service.healthcheck.test;
      assert.equal(kind, 'CMD');
      assert.equal(command, 'node');
      execFile(process.execPath, args.map(local), (error) => resolve(error ? 1 : 0));
    });

  const started: ChildProcess[] = [];
  try {
    const parties = names.filter((n) => !compose.services[n].depends_on);
    await Promise.all(
      parties.map(async (name) => started.push((await startCch(commandOf(compose.services[name]), /Ctrl-C/, envOf(compose.services[name]))).child)),
    );
    for (const name of parties) assert.equal(await healthy(compose.services[name]), 0, `${name} is healthy`);

    const harness = compose.services.harness;
    assert.deepEqual(Object.keys(harness.depends_on!).toSorted(), parties.toSorted(), 'the harness waits for every party');
    const { child, output } = await startCch(commandOf(harness), /Ctrl-C/, envOf(harness));
    started.push(child);
    assert.equal(await healthy(harness), 0, 'the harness is healthy');
    assert.equal([...output.matchAll(/bound by URL$/gm)].length, 5, `the harness binds the five services by URL and starts none: ${output}`);

    const url = `http://127.0.0.1:${ports.get(harness.command[harness.command.indexOf('--port') + 1])}`;
    const run = await fetch(`${url}/dashboard/run/7`, { method: 'POST' });
    const verdict = (await run.json()) as { ok: boolean; missing: string[] };
    assert.equal(run.status, 200, JSON.stringify(verdict));
    assert.deepEqual(verdict.missing, []);
    assert.equal(verdict.ok, true, 'figure 7 ran across the services, every documented step seen');
    const trace = (await (await fetch(`${url}/dashboard/exchanges`)).json()) as { from: string; to: string; valid: boolean }[];
    assert.ok(
      trace.some((e) => e.from === 'csp' && e.to === 'car-manufacturer'),
      'the services called each other through the wire',
    );
    assert.ok(trace.every((e) => e.valid));
  } finally {
    for (const child of started.reverse()) await stopCch(child);
  }
});
