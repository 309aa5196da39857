import { Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { matchScenario, type FlowVerdict } from '../harness/flows/match.ts';
import { describeIssues } from '../tmf/validation.ts';
import { coverageOf } from './support/flow-tags.ts';
import type { HarnessWorld } from './support/world.ts';

Then('the answer is a TMF error with status {int}', function (this: HarnessWorld, status: number) {
  assert.equal(this.answer?.status, status);
  const body = this.answer?.body as Record<string, unknown>;
  for (const field of ['code', 'reason', 'message', 'status']) assert.ok(body?.[field], `the error body has ${field}`);
  assert.equal(body.status, String(status));
});

Then('every exchange on the wire was valid', async function (this: HarnessWorld) {
  await this.settle();
  const exchanges = this.ecosystem.recorder.exchangesOf(this.ecosystem.recorder.scenario).filter((e) => e.kind !== 'harness');
  assert.ok(exchanges.length > 0, 'the scenario put exchanges on the wire');
  const invalid = exchanges.filter((e) => !e.valid).map((e) => `#${e.seq} ${e.from}→${e.to} ${e.operation}: ${describeIssues(e.errors)}`);
  assert.deepEqual(invalid, []);
});

/** Every problem of a flow verdict, one line each: missing steps, steps out of order, unexpected exchanges. */
function flowProblems(verdict: FlowVerdict): string[] {
  const problems = verdict.figures.flatMap((f) => [...f.missing.map((s) => `missing ${s}`), ...f.outOfOrder.map((o) => `${o.step} before ${o.mustFollow}`)]);
  problems.push(...verdict.unexpected.map((u) => `unexpected #${u.seq} ${u.from}→${u.to} ${u.operation}`));
  return problems;
}

/** Against the steps the scenario's tags say it cover (`@steps:…`, `@branch:…`) of the one figure named. */
Then('the recorded sequence matches figure {int}', async function (this: HarnessWorld, figure: number) {
  await this.settle();
  const scenario = this.ecosystem.recorder.scenario;
  const { steps, branches } = coverageOf(this.tags);
  const verdict = matchScenario({ scenario, figures: [figure], steps, branches, exchanges: this.ecosystem.recorder.exchangesOf(scenario), journal: await this.journals() });
  assert.deepEqual(flowProblems(verdict), []);
});

/** Like the After hook's verdict, but failing the scenario: all its figures, `@steps:` and `@branch:` tags. */
Then('the recorded sequence matches the steps this scenario covers', async function (this: HarnessWorld) {
  await this.settle();
  const scenario = this.ecosystem.recorder.scenario;
  const verdict = matchScenario({ scenario, ...coverageOf(this.tags), exchanges: this.ecosystem.recorder.exchangesOf(scenario), journal: await this.journals() });
  assert.deepEqual(flowProblems(verdict), []);
});
