import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseArgs } from '../harness/cli/args.ts';
import { runCch } from './support/cch-process.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'cch-strict-'));

test('unknown commands and options are errors that suggest what was meant', () => {
  assert.throws(() => parseArgs(['rn']), /unknown command 'rn' \(did you mean run\?\)/);
  assert.throws(() => parseArgs(['run', '--tag', '@figure7']), /unknown option --tag for 'cch run' \(did you mean --tags\?\)/);
  assert.throws(() => parseArgs(['up', '--onyl', 'csp']), /did you mean --only\?/);
  assert.throws(() => parseArgs(['run', '--actor', 'csp=http://x']), /unknown option --actor for 'cch run'/, 'an option of another command');
  assert.throws(() => parseArgs(['run', 'features']), /unexpected argument 'features'/);
  assert.throws(() => parseArgs(['run', '--tags']), /--tags needs a value/);
  const ok = parseArgs(['conformance', '--actor', 'csp=http://a', '--actor', 'driver=http://b', '--latency-budget-ms', '500']);
  assert.deepEqual(ok.options.get('actor'), ['csp=http://a', 'driver=http://b']);
  assert.ok(parseArgs(['up', '--no-dashboard']).flags.has('no-dashboard'));
});

test('cch exits 2 on an unknown option, saying so', async () => {
  const { code, output } = await runCch(['run', '--tgas', '@figure7']);
  assert.equal(code, 2);
  assert.match(output, /unknown option --tgas for 'cch run' \(did you mean --tags\?\)/);
});

test('a tag expression that selects no scenario, or does not parse, is an error before anything runs', async () => {
  const none = await runCch(['run', '--tags', '@figure6', '--report-dir', tmp()]);
  assert.equal(none.code, 2);
  assert.match(none.output, /--tags "@figure6" selects no scenario/);
  const malformed = await runCch(['run', '--tags', '@figure7 and', '--report-dir', tmp()]);
  assert.equal(malformed.code, 2);
  assert.match(malformed.output, /could not be parsed because of syntax error: Expected operand/);
});

test('a port in use is reported as such before any work starts', async () => {
  const busy: Server = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  const { port } = busy.address() as { port: number };
  try {
    const data = tmp();
    const up = await runCch(['up', '--port', String(port), '--data', data]);
    assert.equal(up.code, 2);
    assert.match(up.output, new RegExp(`port ${port} \\(--port\\) is already in use`));
    const run = await runCch(['run', '--tags', '@figure7', '--report-dir', tmp()], { CCH_HARNESS_PORT: String(port) });
    assert.equal(run.code, 2);
    assert.match(run.output, /already in use/);
    assert.doesNotMatch(run.output, /Running \d+ scenario/);
  } finally {
    busy.close();
  }
});

test('cch run names each scenario as it finishes', async () => {
  const { code, output } = await runCch(['run', '--tags', '@figure7 and @steps:none', '--report-dir', tmp()]);
  assert.equal(code, 0, output);
  assert.match(output, /Running 1 scenario \(@figure7 and @steps:none\)/);
  assert.match(output, /✔ 1\/1 A call without credentials is refused/);
});

test('cch fleet refuses a missing fleet size, a malformed month, or binding anything but the CSP, before it starts anything', async () => {
  const { fleet } = await import('../harness/cli/fleet.ts');
  await assert.rejects(fleet(parseArgs(['fleet', '--month', '2026-01'])), /--cars is required/);
  await assert.rejects(fleet(parseArgs(['fleet', '--cars', '0', '--month', '2026-01'])), /--cars must be a whole number from 1/);
  await assert.rejects(fleet(parseArgs(['fleet', '--cars', '5', '--month', '2026-13'])), /--month must be YYYY-MM, got '2026-13'/);
  await assert.rejects(
    fleet(parseArgs(['fleet', '--cars', '5', '--month', '2026-01', '--actor', 'driver=http://127.0.0.1:9'])),
    /--actor binds only csp=URL, not driver/,
  );
  await assert.rejects(fleet(parseArgs(['fleet', '--cars', '5', '--month', '2026-01', '--onboard-only'])), /--onboard-only needs --fleet-file/);
  assert.throws(() => parseArgs(['fleet', '--car', '5']), /did you mean --cars\?/);
});

test('cch run exits 1 when a scenario claims a documented step the wire never saw, though its Gherkin steps pass', async () => {
  const dir = tmp();
  const { code, output } = await runCch(['run', '--features', join(import.meta.dirname, 'fixtures', 'flow-verdict'), '--report-dir', dir]);
  assert.equal(code, 1, output);
  assert.match(output, /Running 1 scenario/);
  assert.match(output, /✖ 1\/1 Claims the car manufacturer's partner order but only sets the clock \(failed\)/);
  assert.match(output, /the flow verdict fails/);
});

test('cch conformance reports a harness port in use before any work starts, and writes no report', async () => {
  const busy: Server = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  const { port } = busy.address() as { port: number };
  try {
    const dir = join(tmp(), 'report');
    const { code, output } = await runCch(['conformance', '--actor', 'csp=http://127.0.0.1:9', '--harness-port', String(port), '--report-dir', dir]);
    assert.equal(code, 2, output);
    assert.match(output, new RegExp(`port ${port} \\(--harness-port\\) is already in use`));
    assert.doesNotMatch(output, /Harness: /, 'no ecosystem was started');
    assert.equal(existsSync(dir), false, 'no report folder was written');
  } finally {
    busy.close();
  }
});
