import assert from 'node:assert/strict';
import { test } from 'node:test';
import { driveFigure7 } from '../harness/drive/figure7.ts';
import { startEcosystem } from '../harness/ecosystem.ts';

/** Wall-clock fields and the harness's own address are environment, not simulation: they are masked. */
async function figure7Trace(): Promise<string> {
  const ecosystem = await startEcosystem();
  try {
    await driveFigure7(ecosystem);
    const masked = ecosystem.recorder.exchanges.map(({ startedAt: _s, durationMs: _d, ...rest }) => rest);
    return JSON.stringify(masked).replaceAll(ecosystem.url, '<harness>');
  } finally {
    await ecosystem.stop();
  }
}

test('the same run gives the same trace: ids, amounts, bill numbers, event ids and order all repeat', async () => {
  const first = await figure7Trace();
  const second = await figure7Trace();
  assert.ok(first.includes('CSP-2026-01-00001'), 'the trace holds the bill');
  assert.equal(second, first);
});
