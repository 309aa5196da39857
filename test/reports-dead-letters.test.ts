import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { deadLetters } from '../harness/drive/dead-letters.ts';
import { startEcosystem, type Ecosystem } from '../harness/ecosystem.ts';
import { writeRunReports } from '../harness/reports/write-run.ts';

let ecosystem: Ecosystem;
before(async () => {
  ecosystem = await startEcosystem({ secret: 'dead-letters', delivery: { burst: 1, timeoutMs: 500 } });
});
after(async () => {
  await ecosystem.stop();
});

test('an effect given up after its 24 h horizon is a dead letter in /control/state and in the run index, with its last error', async () => {
  const csp = ecosystem.local.csp!.runtime;
  // An effect no handler carries out fails at every try, as a peer down for good would.
  await csp.store.update((draft) => {
    csp.owe(draft, 'unheard-of-effect', { why: 'test' }, { key: 'unheard-1' });
  });
  const start = Date.parse(csp.store.data.clock);
  for (let hour = 1; hour <= 26; hour++) {
    await ecosystem.control('csp').request('PUT', '/control/clock', { now: new Date(start + hour * 3_600_000).toISOString() });
    await csp.drain();
  }
  const letters = await deadLetters(ecosystem);
  assert.deepEqual(
    letters.map((d) => [d.party, d.kind, d.id, d.what]),
    [['csp', 'effect', 'unheard-1', 'unheard-of-effect']],
  );
  assert.match(letters[0].lastError ?? '', /no handler/);

  const dir = await mkdtemp(join(tmpdir(), 'dead-letters-'));
  try {
    await writeRunReports(dir, {
      exchanges: [],
      flows: [],
      scenarios: [{ name: 'Outage', status: 'passed', exchanges: 0, invalid: 0, flowsOk: true, deadLetters: letters }],
    });
    const index = await readFile(join(dir, 'index.html'), 'utf8');
    const section = index.slice(index.indexOf('id="dead-letters"'));
    for (const text of ['Outage', 'csp', 'unheard-1', 'unheard-of-effect', 'no handler'])
      assert.ok(section.includes(text), `${text} in the dead letter section`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a run without dead letters says so', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dead-letters-'));
  try {
    await writeRunReports(dir, {
      exchanges: [],
      flows: [],
      scenarios: [{ name: 'Calm', status: 'passed', exchanges: 0, invalid: 0, flowsOk: true, deadLetters: [] }],
    });
    assert.match(await readFile(join(dir, 'index.html'), 'utf8'), /No party gave up on an event or an owed effect/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
