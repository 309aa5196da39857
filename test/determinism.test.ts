import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startEcosystem } from '../harness/ecosystem.ts';
import { FIGURE_RUNS, runFigure } from '../web/figure-runs.ts';

const FIGURES = [7, 8, 9, 10, 11] as const;

/**
 * Each figure's trace of one run. Wall-clock fields (an exchange's start and duration, a journal entry's
 * `recordedAt` inside the state dumps the harness reads) and the harness's own address are environment,
 * not simulation: masked.
 */
async function traces(): Promise<Map<number, string>> {
  const ecosystem = await startEcosystem();
  try {
    const byFigure = new Map<number, string>();
    for (const figure of FIGURES) {
      ecosystem.recorder.startScenario(`figure ${figure}`);
      await runFigure(ecosystem, FIGURE_RUNS[figure]!);
      const masked = ecosystem.recorder.exchangesOf(`figure ${figure}`).map(({ startedAt: _s, durationMs: _d, ...rest }) => rest);
      byFigure.set(
        figure,
        JSON.stringify(masked)
          .replaceAll(ecosystem.url, '<harness>')
          .replace(/"recordedAt":"[^"]*"/g, '"recordedAt":"<wall clock>"'),
      );
    }
    return byFigure;
  } finally {
    await ecosystem.stop();
  }
}

test('the same run gives the same trace in every figure: ids, amounts, generated usage, event ids and order all repeat', async () => {
  const first = await traces();
  const second = await traces();
  assert.ok(first.get(7)!.includes('CSP-2026-01-00001'), 'the figure 7 trace holds the bill');
  assert.ok(first.get(8)!.includes('recordId'), 'the figure 8 trace holds the generated usage records');
  for (const figure of FIGURES) assert.equal(second.get(figure), first.get(figure), `figure ${figure}`);
});
