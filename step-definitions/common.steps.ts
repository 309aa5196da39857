import { Then } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { flowProblems, matchScenario } from '../harness/flows/match.ts';
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

/** Against the steps the scenario's tags say it covers (`@steps:…`, `@branch:…`, `@setup:…`) of the one figure named. */
Then('the recorded sequence matches figure {int}', async function (this: HarnessWorld, figure: number) {
  await this.settle();
  const scenario = this.ecosystem.recorder.scenario;
  const verdict = matchScenario({
    scenario,
    ...coverageOf(this.tags),
    figures: [figure],
    exchanges: this.ecosystem.recorder.exchangesOf(scenario),
    journal: await this.journals(),
  });
  assert.deepEqual(flowProblems(verdict), []);
});

/** The After hook's verdict, asked for at a point of the scenario: all its figures and tags. */
Then('the recorded sequence matches the steps this scenario covers', async function (this: HarnessWorld) {
  await this.settle();
  const scenario = this.ecosystem.recorder.scenario;
  const verdict = matchScenario({
    scenario,
    ...coverageOf(this.tags),
    exchanges: this.ecosystem.recorder.exchangesOf(scenario),
    journal: await this.journals(),
  });
  assert.deepEqual(flowProblems(verdict), []);
});
