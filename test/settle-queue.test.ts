import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SettleQueue, type SliceClock } from '../harness/settle-queue.ts';

// The wire's judging runs after the answers, in slices: between two slices the event loop takes the
// forwards that came in meanwhile; a reader drains what is left, so nothing is lost or read unjudged.

/** A clock that moves only when work runs (`costMs` an item), and an event loop the test turns by hand. */
function handClock(costMs: number) {
  let now = 0;
  const turns: (() => void)[] = [];
  const clock: SliceClock = { now: () => now, later: (run) => turns.push(run) };
  return {
    clock,
    spend: () => (now += costMs),
    /** Runs what was scheduled for the next turn of the loop; false when nothing was. */
    turn(): boolean {
      const run = turns.shift();
      run?.();
      return run !== undefined;
    },
    get scheduled() {
      return turns.length;
    },
  };
}

/** A queue whose every item costs `costMs` of the hand clock, and the items done so far. */
function costlyQueue(costMs: number, sliceMs: number) {
  const hand = handClock(costMs);
  const done: number[] = [];
  const queue = new SettleQueue<number>(
    (n) => {
      hand.spend();
      done.push(n);
    },
    sliceMs,
    hand.clock,
  );
  return { hand, done, queue };
}

test('work is done in slices of the given time: a slice stops when its time is up and comes back for the rest', () => {
  const { hand, done, queue } = costlyQueue(1, 2);
  for (let n = 1; n <= 5; n++) queue.push(n);
  assert.equal(hand.scheduled, 1, 'one slice scheduled for five items');
  assert.deepEqual(done, [], 'nothing runs before the loop turns');
  hand.turn();
  assert.deepEqual(done, [1, 2]);
  hand.turn();
  assert.deepEqual(done, [1, 2, 3, 4]);
  hand.turn();
  assert.deepEqual(done, [1, 2, 3, 4, 5]);
  assert.equal(hand.turn(), false, 'nothing left, nothing scheduled');
});

test('a slice always does at least one item, however slow the work', () => {
  const { hand, done, queue } = costlyQueue(50, 1);
  queue.push(1);
  queue.push(2);
  hand.turn();
  assert.deepEqual(done, [1]);
  hand.turn();
  assert.deepEqual(done, [1, 2]);
});

test('drain does every waiting item at once, in order; a slice due afterwards finds nothing to do', () => {
  const { hand, done, queue } = costlyQueue(1, 1);
  for (let n = 1; n <= 4; n++) queue.push(n);
  queue.drain();
  assert.deepEqual(done, [1, 2, 3, 4]);
  assert.equal(queue.size, 0);
  hand.turn();
  assert.deepEqual(done, [1, 2, 3, 4], 'nothing done twice');
  queue.push(5);
  hand.turn();
  assert.deepEqual(done, [1, 2, 3, 4, 5], 'the queue goes on after a drain');
});

test('work that drains the queue itself (a listener reading the record) does each item once', () => {
  const hand = handClock(0);
  const done: number[] = [];
  const queue: SettleQueue<number> = new SettleQueue<number>(
    (n) => {
      done.push(n);
      queue.drain();
    },
    10,
    hand.clock,
  );
  for (let n = 1; n <= 3; n++) queue.push(n);
  hand.turn();
  assert.deepEqual(done, [1, 2, 3]);
  assert.equal(queue.size, 0);
});

test('a long backlog fed between slices is done whole and in order (the done items are let go on the way)', () => {
  const { hand, done, queue } = costlyQueue(1, 1500);
  for (let n = 1; n <= 3000; n++) queue.push(n);
  hand.turn();
  assert.equal(done.length, 1500);
  queue.push(3001);
  queue.push(3002);
  while (hand.turn());
  assert.deepEqual(
    done,
    Array.from({ length: 3002 }, (_, i) => i + 1),
  );
  assert.equal(queue.size, 0);
});
