import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startEcosystem } from '../harness/ecosystem.ts';
import { readTrace } from '../harness/trace-reading.ts';

// The wire's record: per scenario, in seq order, and bounded in memory for long runs with nothing lost.

const health = (ecosystem: Awaited<ReturnType<typeof startEcosystem>>, n: number) =>
  Promise.all(Array.from({ length: n }, () => ecosystem.control('csp').request('GET', '/health')));

test("a scenario's exchanges are its own, in seq order, and the flow count leaves the harness's calls out", async () => {
  const ecosystem = await startEcosystem();
  try {
    ecosystem.recorder.startScenario('A');
    await health(ecosystem, 3);
    ecosystem.recorder.startScenario('B');
    await health(ecosystem, 2);
    ecosystem.recorder.startScenario('A');
    await health(ecosystem, 1);
    const a = ecosystem.recorder.exchangesOf('A');
    assert.equal(a.length, 4);
    assert.deepEqual(
      a.map((e) => e.seq),
      [1, 2, 3, 6],
    );
    assert.deepEqual(
      ecosystem.recorder.exchangesOf('B').map((e) => e.seq),
      [4, 5],
    );
    assert.deepEqual(
      ecosystem.recorder.exchanges.map((e) => e.seq),
      [1, 2, 3, 4, 5, 6],
    );
    assert.equal(ecosystem.recorder.flowCount, 0, 'the harness driving a party is no flow');
    a.pop();
    assert.equal(ecosystem.recorder.exchangesOf('A').length, 4, 'a copy: the caller cannot change the record');
  } finally {
    await ecosystem.stop();
  }
});

test('with a retention, the wire keeps the latest exchanges in memory and spills the older ones whole to disk', async () => {
  const spillTo = join(mkdtempSync(join(tmpdir(), 'cch-spill-')), 'trace.ndjson');
  const ecosystem = await startEcosystem({ trace: { retain: 10, spillTo } });
  ecosystem.recorder.startScenario('long run');
  try {
    for (let i = 0; i < 4; i++) await health(ecosystem, 10);
    const kept = ecosystem.recorder.exchanges;
    assert.ok(kept.length >= 10 && kept.length <= 11, `memory holds about 10 exchanges, not ${kept.length}`);
    assert.deepEqual(
      kept.map((e) => e.seq),
      Array.from({ length: kept.length }, (_, i) => 41 - kept.length + i),
      'the latest ones',
    );
    assert.equal(ecosystem.recorder.exchangesOf('long run').length, kept.length);
    assert.equal(ecosystem.recorder.spilled, 40 - kept.length);
  } finally {
    await ecosystem.stop();
  }
  const spilled = readTrace(readFileSync(spillTo, 'utf8'));
  assert.deepEqual(
    spilled.map((e) => e.seq).sort((a, b) => a - b),
    Array.from({ length: 40 }, (_, i) => i + 1),
    'once the wire is closed the spill file holds the whole run, none lost or repeated',
  );
  assert.ok(
    spilled.every((e) => e.status === 200 && e.valid === true && e.scenario === 'long run' && e.path === '/health'),
    'each complete: status, verdict, scenario',
  );
});

test('the spill file stops taking exchanges rather than fill its disk, and says from which one', async () => {
  const spillTo = join(mkdtempSync(join(tmpdir(), 'cch-spill-')), 'trace.ndjson');
  // More free space asked for than any disk has: the first batch finds the disk too full.
  const ecosystem = await startEcosystem({ trace: { retain: 10, spillTo, keepFreeBytes: Number.MAX_SAFE_INTEGER } });
  try {
    await health(ecosystem, 30);
    assert.ok(ecosystem.recorder.spilled > 0, 'exchanges left memory');
    assert.match(
      ecosystem.recorder.spillStopped ?? '',
      /free, less than the \d+ MiB it leaves for the parties' stores: the exchanges from seq \d+ on are not in /,
    );
    assert.equal(ecosystem.recorder.exchanges.length >= 10, true, 'memory keeps the latest as before');
  } finally {
    await ecosystem.stop();
  }
  assert.equal(existsSync(spillTo), false, 'nothing written, before or at the close');
});

test('without a retention every exchange stays in memory, for the run reports', async () => {
  const ecosystem = await startEcosystem();
  try {
    await health(ecosystem, 25);
    assert.equal(ecosystem.recorder.exchanges.length, 25);
    assert.equal(ecosystem.recorder.spilled, 0);
  } finally {
    await ecosystem.stop();
  }
});
