import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isActorId } from '../core/actor-ids.ts';
import { api } from '../tmf/apis.ts';
import { FLOWS, step, stepsOf } from '../harness/flows/catalogue.ts';
import { JOURNAL } from '../core/journal-events.ts';
import { leavesOf } from '../harness/flows/observe.ts';
import { wireMatchersOf } from '../harness/flows/wire-match.ts';
import { FIGURES, type Observation } from '../harness/flows/types.ts';

const range = (figure: number, from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => `${figure}.${from + i}`);

const DOCUMENTED_IDS: Record<number, string[]> = {
  7: range(7, 1, 9),
  8: range(8, 1, 14),
  9: [...range(9, 1, 14), ...range(9, 20, 27)],
  10: range(10, 1, 9),
  // 11.13–11.15 are the project's additions to FLOWS.md (docs/FLOWS-ADDITIONS.md).
  11: range(11, 1, 15),
};

/** The steps FLOWS.md marks "(internal)": they can only be proven from the acting party's journal. */
const INTERNAL = [
  '7.2',
  '7.4',
  '7.6',
  '7.7',
  '8.3',
  '8.8',
  '8.10',
  '8.12',
  '9.2',
  '9.8',
  '9.10',
  '9.21',
  '10.1',
  '10.2',
  '10.4',
  '10.6',
  '11.2',
  '11.3',
  '11.4',
  '11.5',
  '11.11',
];

test('every figure holds exactly the steps FLOWS.md documents, in document order', () => {
  for (const figure of FIGURES) {
    assert.deepEqual(
      stepsOf(figure).map((s) => s.id),
      DOCUMENTED_IDS[figure],
      `figure ${figure}`,
    );
  }
  assert.equal(FLOWS.length, Object.values(DOCUMENTED_IDS).flat().length);
});

test('step ids are unique and carry their figure', () => {
  assert.equal(new Set(FLOWS.map((s) => s.id)).size, FLOWS.length);
  for (const s of FLOWS) assert.equal(s.id.split('.')[0], String(s.figure), s.id);
});

test('step() finds a step by id and refuses an id FLOWS.md does not have', () => {
  assert.equal(step('7.5').title, 'TMF620 GET productOffering with filters');
  assert.throws(() => step('7.10'), /no step 7\.10/);
  assert.throws(() => step('9.15'), /no step 9\.15/);
});

test('every party named by a step or one of its matchers is an actor id', () => {
  for (const s of FLOWS) {
    const named = [...s.from, ...s.to, ...leavesOf(s.observe).flatMap((m) => (m.kind === 'journal' ? m.actor : [...m.from, ...m.to]))];
    for (const m of s.related ?? []) named.push(...m.from, ...m.to);
    assert.ok(named.length > 0, s.id);
    for (const party of named) assert.ok(isActorId(party), `${s.id}: ${party}`);
  }
});

test('after-references exist, stay in the figure and point to an earlier step', () => {
  for (const s of FLOWS) {
    const position = FLOWS.indexOf(s);
    for (const id of s.after ?? []) {
      const before = step(id);
      assert.equal(before.figure, s.figure, `${s.id} after ${id}`);
      assert.ok(FLOWS.indexOf(before) < position, `${s.id} after ${id}`);
    }
  }
});

test('TMF calls name a resource of their API, or its hub', () => {
  for (const s of FLOWS) {
    for (const m of wireMatchersOf(s)) {
      if (m.kind !== 'call' || m.resource === 'hub') continue;
      assert.ok(
        api(m.api).resources.some((r) => r.name === m.resource),
        `${s.id}: ${m.api} ${m.resource}`,
      );
    }
  }
});

test('internal steps are proven by the journal of the party that acts', () => {
  for (const id of INTERNAL) {
    const s = step(id);
    const journals = leavesOf(s.observe).filter((m) => m.kind === 'journal');
    assert.ok(journals.length > 0, `${id} has no journal evidence`);
    for (const j of journals) for (const actor of j.actor) assert.ok(s.from.includes(actor), `${id}: ${actor}`);
  }
});

test('steps between two parties are proven on the wire', () => {
  for (const s of FLOWS.filter((x) => !INTERNAL.includes(x.id))) {
    assert.ok(
      leavesOf(s.observe).some((m) => m.kind !== 'journal'),
      `${s.id} has no wire evidence`,
    );
  }
});

test('every journal event name proves some step, and no step uses a name outside JOURNAL', () => {
  const used = new Set(FLOWS.flatMap((s) => leavesOf(s.observe)).flatMap((m) => (m.kind === 'journal' ? [m.type] : [])));
  assert.deepEqual([...used].sort(), Object.values(JOURNAL).sort());
});

test('an all-of is anchored on a subscription only when it is nothing but subscriptions', () => {
  const isHub = (o: Observation): boolean => o.kind === 'call' && o.resource === 'hub';
  const allOfs = (o: Observation): (readonly Observation[])[] => {
    if (o.kind === 'all') return [o.parts, ...o.parts.flatMap(allOfs)];
    if (o.kind === 'any') return o.options.flatMap(allOfs);
    return [];
  };
  for (const s of FLOWS) {
    for (const parts of allOfs(s.observe)) {
      assert.ok(!isHub(parts[0]) || parts.every(isHub), `${s.id} is anchored on a subscription`);
    }
  }
});

test('the "only if" steps of figure 8 are on their branches, the rest of figure 8 on none', () => {
  assert.equal(step('8.5').branch, 'existing-customer');
  assert.equal(step('8.6').branch, 'new-party');
  assert.deepEqual(
    stepsOf(8)
      .filter((s) => s.branch)
      .map((s) => s.id),
    ['8.5', '8.6'],
  );
});
