import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setOf } from '../tmf/data.ts';

test('the set of an array that grows in place follows it, and is rebuilt when the array was cut back', () => {
  const ids = ['e1', 'e2'];
  assert.deepEqual([...setOf(ids)], ['e1', 'e2']);
  ids.push('e3');
  assert.ok(setOf(ids).has('e3'), 'a value pushed since is known');
  ids.length = 1; // a failed update's values taken back
  assert.deepEqual([...setOf(ids)], ['e1']);
  assert.equal(setOf(ids).has('e2'), false);
  assert.equal(setOf(['e2']).has('e2'), true, 'each array has its own set');
});
