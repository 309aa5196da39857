import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived the last full collection, in percent, for
 * a harness process that keeps a long run's record (`cch up`, `cch fleet`).
 */
export const RECORD_HEAP_GROWING_PERCENT = 200;

/**
 * Gives a long run's record room to grow between full collections. The wire keeps thousands of recorded
 * exchanges: a record that grows slowly and steadily (a few MB a second at full load), while every call
 * makes garbage that dies young. V8 sets the next limit of the old generation at 1.1 to 1.8 times what
 * survived the last full collection (with a 30 MB record: 8 MB more), and starts marking as soon as
 * less room than the young generation's is left: a full collection every 0.15 to 2 seconds, each of which
 * holds the wire up for 3 to 9 ms, the callers' p99 latency (docs/PERFORMANCE.md). Three times what
 * survived makes them rare, for at most three times the memory of the record, which is bounded (see
 * TraceRetention). V8 reads the factor at every full collection, so setting it in a running process holds.
 */
export function giveTheRecordRoom(): void {
  setFlagsFromString(`--heap-growing-percent=${RECORD_HEAP_GROWING_PERCENT}`);
}
