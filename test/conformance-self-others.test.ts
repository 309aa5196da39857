import { ACTOR_IDS } from '../core/actor-ids.ts';
import { SELF_TESTS_ALONE, selfTest } from './support/conformance-run.ts';

// Every party without a self-test file of its own: a party added to ACTOR_IDS is self-tested here.
for (const actor of ACTOR_IDS.filter((a) => !SELF_TESTS_ALONE.includes(a))) selfTest(actor);
