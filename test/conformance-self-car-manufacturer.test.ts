import { selfTest } from './support/conformance-run.ts';

// The car-manufacturer's self-test has a file of its own, so that the suite's lanes run it beside the other self-tests.
selfTest('car-manufacturer');
