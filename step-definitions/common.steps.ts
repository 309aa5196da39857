import { Then } from '@cucumber/cucumber';
import { Ensure } from './screenplay/common.ts';
import { coverageOf } from './support/flow-tags.ts';
import type { HarnessWorld } from './support/world.ts';

Then<HarnessWorld>('the answer is a TMF error with status {int}', function (status: number) {
  return this.tester.attemptsTo(Ensure.tmfError(status));
});

Then<HarnessWorld>('every exchange on the wire was valid', function () {
  return this.tester.attemptsTo(Ensure.everyExchangeValid());
});

/** Against the steps the scenario's tags say it covers (`@steps:…`, `@branch:…`, `@setup:…`) of the one figure named. */
Then<HarnessWorld>('the recorded sequence matches figure {int}', function (figure: number) {
  return this.tester.attemptsTo(Ensure.sequenceMatches(coverageOf(this.tags), [figure]));
});

/** The After hook's verdict, asked for at a point of the scenario: all its figures and tags. */
Then<HarnessWorld>('the recorded sequence matches the steps this scenario covers', function () {
  return this.tester.attemptsTo(Ensure.sequenceMatches(coverageOf(this.tags)));
});
