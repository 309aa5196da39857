import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ActorId } from '../core/actor-ids.ts';
import { startEcosystem } from '../harness/ecosystem.ts';
import { FIGURE_RUNS, runFigure } from '../web/figure-runs.ts';

/**
 * Figure 11's trace in a fresh ecosystem, the events of `late` (if any) reaching their listeners 40 ms
 * late (the wire's delay fault: what a loaded machine does to a delivery, made repeatable). Wall-clock
 * fields and the harness's address masked, as in determinism.test.ts.
 */
async function figure11Trace(late?: ActorId): Promise<string> {
  const ecosystem = await startEcosystem();
  try {
    if (late) ecosystem.recorder.faults.set(late, { kind: 'delay', ms: 40 });
    ecosystem.recorder.startScenario('figure 11');
    await runFigure(ecosystem, FIGURE_RUNS[11]!);
    const exchanges = ecosystem.recorder.exchangesOf('figure 11').map(({ startedAt: _s, durationMs: _d, ...rest }) => rest);
    return JSON.stringify(exchanges, null, 1)
      .replaceAll(ecosystem.url, '<harness>')
      .replace(/"recordedAt": "[^"]*"/g, '"recordedAt": "<wall clock>"');
  } finally {
    await ecosystem.stop();
  }
}

test("the trace does not depend on how long a delivery takes: the harness's waiting for quiet is off the record", async () => {
  const prompt = await figure11Trace();
  const late = await figure11Trace('car-manufacturer');
  assert.ok(prompt.includes('settlementNoteAdviceCreateEvent'), "the trace holds the OEM's events the delay holds up");
  assert.equal(late, prompt);
  assert.ok(!prompt.includes('/control/drain'), 'no drain poll is recorded');
});
