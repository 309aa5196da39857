import assert from 'node:assert/strict';
import { flowProblems, matchScenario } from '../../harness/flows/match.ts';
import { describeIssues } from '../../tmf/validation.ts';
import type { Coverage } from '../support/flow-tags.ts';
import { Task } from './core/actor.ts';
import { ecosystemRun, notes } from './core/cast.ts';

/** Checks every figure's scenarios end with, performed by the tester. */
export const Ensure = {
  /** The last answer kept in the notepad is a TMF error body (`code`, `reason`, `message`, `status`) with this status. */
  tmfError: (status: number) =>
    Task.where(`#actor ensures the answer is a TMF error with status ${status}`, async (actor) => {
      const answer = notes(actor).read('answer');
      assert.equal(answer.status, status);
      const body = answer.body as Record<string, unknown>;
      for (const field of ['code', 'reason', 'message', 'status']) assert.ok(body?.[field], `the error body has ${field}`);
      assert.equal(body.status, String(status));
    }),

  everyExchangeValid: () =>
    Task.where('#actor ensures every exchange on the wire was valid', async (actor) => {
      const run = ecosystemRun(actor);
      await run.settle();
      const exchanges = run.exchanges().filter((e) => e.kind !== 'harness');
      assert.ok(exchanges.length > 0, 'the scenario put exchanges on the wire');
      const invalid = exchanges.filter((e) => !e.valid).map((e) => `#${e.seq} ${e.from}→${e.to} ${e.operation}: ${describeIssues(e.errors)}`);
      assert.deepEqual(invalid, []);
    }),

  /** The recorded sequence against the steps the scenario's tags claim (of `figures` only, when given). */
  sequenceMatches: (coverage: Coverage, figures?: readonly number[]) =>
    Task.where(`#actor ensures the recorded sequence matches ${figures ? `figure ${figures.join(', ')}` : 'the steps the scenario covers'}`, async (actor) => {
      const run = ecosystemRun(actor);
      await run.settle();
      const scenario = run.ecosystem.recorder.scenario;
      const verdict = matchScenario({
        scenario,
        ...coverage,
        ...(figures ? { figures: [...figures] } : {}),
        exchanges: run.exchanges(),
        journal: await run.journals(),
      });
      assert.deepEqual(flowProblems(verdict), []);
    }),
};
