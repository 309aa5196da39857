import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ValidationIssue } from '../harness/exchange.ts';
import { VerdictMemo, type VerdictInputs } from '../harness/verdict-memo.ts';

// A verdict is reused only for the very same bytes on the very same operation and status; anything else is judged.

const issue: ValidationIssue = { where: 'response', path: '/name', rule: 'type', message: 'must be string', schema: 'X' };
const inputs = (over: Partial<VerdictInputs> = {}): VerdictInputs => ({
  from: 'csp',
  method: 'GET',
  path: '/a',
  status: 200,
  request: undefined,
  response: Buffer.from('{"name":"x"}'),
  ...over,
});

function counting(verdict: readonly ValidationIssue[] = []) {
  let judged = 0;
  return {
    judge: () => {
      judged++;
      return [...verdict];
    },
    get judged() {
      return judged;
    },
  };
}

test('the same bytes on the same operation reuse the verdict; a copy of the bytes counts as the same', () => {
  const memo = new VerdictMemo<readonly ValidationIssue[]>();
  const j = counting([issue]);
  assert.deepEqual(memo.verdict(inputs(), j.judge).verdict, [issue]);
  assert.deepEqual(memo.verdict(inputs({ response: Buffer.from('{"name":"x"}') }), j.judge).verdict, [issue]);
  assert.equal(j.judged, 1);
  assert.equal(memo.hits, 1);
});

test('the same bytes come back as the copy remembered first, so that a polled body is kept once; other bytes as given', () => {
  const memo = new VerdictMemo<readonly ValidationIssue[]>();
  const j = counting();
  const first = inputs({ request: Buffer.from('{"q":1}') });
  memo.verdict(first, j.judge);
  const again = memo.verdict(inputs({ request: Buffer.from('{"q":1}'), response: Buffer.from('{"name":"x"}') }), j.judge);
  assert.equal(again.response, first.response, 'the very buffer remembered first');
  assert.equal(again.request, first.request);
  const other = inputs({ response: Buffer.from('{"name":"y"}') });
  const fresh = memo.verdict(other, j.judge);
  assert.equal(fresh.response, other.response);
  assert.equal(fresh.request, undefined);
});

test('other bytes, another operation, status, caller or request body are judged afresh', () => {
  const memo = new VerdictMemo<readonly ValidationIssue[]>();
  const j = counting();
  memo.verdict(inputs(), j.judge);
  const variants: Partial<VerdictInputs>[] = [
    { response: Buffer.from('{"name":"y"}') },
    { path: '/b' },
    { status: 201 },
    { from: 'driver' },
    { method: 'POST' },
    { request: Buffer.from('{}') },
  ];
  for (const v of variants) memo.verdict(inputs(v), j.judge);
  assert.equal(j.judged, 1 + variants.length);
  assert.equal(memo.hits, 0);
});

test('after new bytes the operation remembers the latest: the old bytes are judged again', () => {
  const memo = new VerdictMemo<readonly ValidationIssue[]>();
  const j = counting();
  memo.verdict(inputs(), j.judge);
  memo.verdict(inputs({ response: Buffer.from('[]') }), j.judge);
  memo.verdict(inputs(), j.judge);
  assert.equal(j.judged, 3);
});

test('memory is bounded: past its capacity the oldest operation is forgotten and judged again', () => {
  const memo = new VerdictMemo<readonly ValidationIssue[]>(3);
  const j = counting();
  for (const path of ['/1', '/2', '/3', '/4']) memo.verdict(inputs({ path }), j.judge);
  memo.verdict(inputs({ path: '/4' }), j.judge);
  assert.equal(j.judged, 4, '/4 is remembered');
  memo.verdict(inputs({ path: '/1' }), j.judge);
  assert.equal(j.judged, 5, '/1 was forgotten');
});

test('memory is bounded in bytes too: bodies past the budget push the oldest out, a body over it is not kept', () => {
  const memo = new VerdictMemo<readonly ValidationIssue[]>(1000, 10);
  const j = counting();
  memo.verdict(inputs({ path: '/1', response: Buffer.from('123456') }), j.judge);
  memo.verdict(inputs({ path: '/2', response: Buffer.from('123456') }), j.judge);
  memo.verdict(inputs({ path: '/2', response: Buffer.from('123456') }), j.judge);
  assert.equal(j.judged, 2, '/2 is remembered');
  memo.verdict(inputs({ path: '/1', response: Buffer.from('123456') }), j.judge);
  assert.equal(j.judged, 3, '/1 was pushed out by /2');
  memo.verdict(inputs({ path: '/big', response: Buffer.from('12345678901') }), j.judge);
  memo.verdict(inputs({ path: '/big', response: Buffer.from('12345678901') }), j.judge);
  assert.equal(j.judged, 5, 'a body over the budget is judged every time');
});
