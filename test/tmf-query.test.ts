import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TmfError } from '../tmf/errors.ts';
import { mergePatch, patchContent } from '../tmf/merge-patch.ts';
import { applyListQuery, matchesFilters, parseListQuery, project, valuesAt } from '../tmf/query.ts';

const KNOWN = new Set(['id', 'href', '@type', 'name', 'state', 'relatedParty', 'price']);

const orders = [
  {
    id: 'o-1',
    href: '/o/o-1',
    '@type': 'ProductOrder',
    name: 'first',
    state: 'acknowledged',
    relatedParty: [
      { id: 'p-1', role: 'customer' },
      { id: 'p-2', role: 'seller' },
    ],
    price: { unit: 'EUR', value: 10 },
  },
  {
    id: 'o-2',
    href: '/o/o-2',
    '@type': 'ProductOrder',
    name: 'second',
    state: 'completed',
    relatedParty: [{ id: 'p-3', role: 'customer' }],
    price: { unit: 'USD', value: 20 },
  },
  { id: 'o-3', href: '/o/o-3', '@type': 'ProductOrder', name: 'third', state: 'inProgress', price: { unit: 'EUR', value: 30 } },
];

/** Asserts that `run` throws a TmfError with this status and code. */
function assertTmfError(run: () => unknown, status: number, code: string): TmfError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof TmfError, `expected a TmfError, got ${String(caught)}`);
  assert.equal(caught.status, status);
  assert.equal(caught.code, code);
  return caught;
}

const ids = (page: ReadonlyArray<Record<string, unknown>>) => page.map((e) => e.id);

describe('parseListQuery', () => {
  it('reads offset, limit and fields, and defaults offset to 0', () => {
    assert.deepEqual(parseListQuery({}, KNOWN), { fields: undefined, offset: 0, limit: undefined, filters: [] });
    const q = parseListQuery({ offset: '2', limit: '5', fields: 'name,state' }, KNOWN);
    assert.equal(q.offset, 2);
    assert.equal(q.limit, 5);
    assert.deepEqual(q.fields, ['name', 'state']);
  });

  it('turns a comma in a filter value into alternatives', () => {
    const q = parseListQuery({ state: 'completed,inProgress' }, KNOWN);
    assert.deepEqual(q.filters, [{ path: 'state', values: ['completed', 'inProgress'] }]);
  });

  it('accepts a dotted filter whose root is a known attribute', () => {
    const q = parseListQuery({ 'relatedParty.id': 'p-1' }, KNOWN);
    assert.deepEqual(q.filters, [{ path: 'relatedParty.id', values: ['p-1'] }]);
  });

  it('refuses a filter on an unknown attribute with 400 UNKNOWN_FILTER naming it', () => {
    const error = assertTmfError(() => parseListQuery({ stat: 'completed' }, KNOWN), 400, 'UNKNOWN_FILTER');
    assert.match(error.message, /stat/);
    assertTmfError(() => parseListQuery({ 'nope.id': 'x' }, KNOWN), 400, 'UNKNOWN_FILTER');
  });

  for (const [key, value] of [
    ['limit', 'abc'],
    ['limit', '-1'],
    ['limit', '1.5'],
    ['offset', 'x'],
  ] as const) {
    it(`refuses ${key}=${value} with 400`, () => {
      const error = assertTmfError(() => parseListQuery({ [key]: value }, KNOWN), 400, 'INVALID_REQUEST');
      assert.match(error.message, new RegExp(key));
    });
  }

  it('refuses a nested (object) query value with 400', () => {
    assertTmfError(() => parseListQuery({ state: { gt: '1' } }, KNOWN), 400, 'INVALID_REQUEST');
  });
});

describe('valuesAt and matchesFilters', () => {
  it('walks a dotted path into arrays', () => {
    assert.deepEqual(valuesAt(orders[0], 'relatedParty.id'), ['p-1', 'p-2']);
    assert.deepEqual(valuesAt(orders[0], 'price.unit'), ['EUR']);
    assert.deepEqual(valuesAt(orders[2], 'relatedParty.id'), []);
  });

  it('matches when any value at the path is one of the accepted values', () => {
    assert.equal(matchesFilters(orders[0], [{ path: 'relatedParty.id', values: ['p-2'] }]), true);
    assert.equal(matchesFilters(orders[1], [{ path: 'relatedParty.id', values: ['p-2'] }]), false);
  });

  it('requires every filter to match (AND across filters)', () => {
    const filters = [
      { path: 'price.unit', values: ['EUR'] },
      { path: 'state', values: ['completed'] },
    ];
    assert.deepEqual(
      orders.filter((o) => matchesFilters(o, filters)),
      [],
    );
  });

  it('compares non-string values by their text', () => {
    assert.equal(matchesFilters(orders[1], [{ path: 'price.value', values: ['20'] }]), true);
  });

  it('a filter of many values matches, and ne excludes, exactly what each of its values would', () => {
    const records = [
      { id: 'r1', value: 'WVW00000000000001' },
      { id: 'r2', value: 'WVW00000000000002' },
      { id: 'r3', value: 20 },
      { id: 'r4', value: '2026-01-01T00:00:00.000Z' },
      { id: 'r5', value: ['WVW00000000000009', 'other'] },
      { id: 'r6' },
    ];
    const vins = Array.from({ length: 12 }, (_, i) => `WVW${String(i).padStart(14, '0')}`);
    // All text; then with a number and a date among them, which compare as such (20 = '20.0', instants).
    for (const values of [vins, [...vins, '20.0', '2026-01-01T00:00:00Z']]) {
      for (const op of ['eq', 'ne'] as const) {
        const anyOne = (r: unknown) => values.some((v) => matchesFilters(r, [{ path: 'value', values: [v] }]));
        const expected = records.filter((r) => (op === 'eq' ? anyOne(r) : !anyOne(r))).map((r) => r.id);
        const filter = { path: 'value', values, op };
        assert.deepEqual(
          records.filter((r) => matchesFilters(r, [filter])).map((r) => r.id),
          expected,
          `${op} with ${values.length} values`,
        );
      }
    }
    assert.deepEqual(
      records.filter((r) => matchesFilters(r, [{ path: 'value', values: [...vins, '20.0', '2026-01-01T00:00:00Z'] }])).map((r) => r.id),
      ['r1', 'r2', 'r3', 'r4', 'r5'],
    );
  });
});

describe('TMF630 operators: dates and nested attributes', () => {
  const dated = [
    { id: 'a', lastUpdate: '2025-06-01T00:00:00.000Z', validFor: { startDateTime: '2025-01-01T00:00:00Z' } },
    { id: 'b', lastUpdate: '2025-07-15T12:00:00.000Z', validFor: { startDateTime: '2025-06-01T00:00:00Z' } },
  ];
  const pick = (query: Record<string, string>) => ids(applyListQuery(dated, parseListQuery(query, new Set(['id', 'lastUpdate', 'validFor']))).page);

  it('reads an operator as the last segment of the filter key', () => {
    assert.deepEqual(parseListQuery({ 'lastUpdate.gt': '2025-06-01' }, new Set(['lastUpdate'])).filters, [
      { path: 'lastUpdate', values: ['2025-06-01'], op: 'gt' },
    ]);
  });

  it('compares dates as instants, whatever their precision', () => {
    assert.deepEqual(pick({ lastUpdate: '2025-06-01T00:00:00Z' }), ['a']);
    assert.deepEqual(pick({ 'lastUpdate.gt': '2025-06-01T00:00:00Z' }), ['b']);
    assert.deepEqual(pick({ 'lastUpdate.gte': '2025-06-01T00:00:00Z' }), ['a', 'b']);
    assert.deepEqual(pick({ 'lastUpdate.lt': '2025-07-01' }), ['a']);
  });

  it('filters on a nested date with an operator, and excludes with ne', () => {
    assert.deepEqual(pick({ 'validFor.startDateTime.gte': '2025-03-01T00:00:00Z' }), ['b']);
    assert.deepEqual(pick({ 'id.ne': 'a' }), ['b']);
  });
});

describe('project', () => {
  it('keeps only the requested fields plus id, href and @type', () => {
    assert.deepEqual(project(orders[0], ['state']), { id: 'o-1', href: '/o/o-1', '@type': 'ProductOrder', state: 'acknowledged' });
  });

  it('keeps the whole top-level attribute of a dotted field', () => {
    assert.deepEqual(Object.keys(project(orders[0], ['price.unit'])).sort(), ['@type', 'href', 'id', 'price']);
  });

  it('returns the entity unchanged without fields', () => {
    assert.deepEqual(project(orders[0], undefined), orders[0]);
  });
});

describe('applyListQuery', () => {
  it('filters with comma = OR and reports the total before paging', () => {
    const { page, total } = applyListQuery(orders, parseListQuery({ state: 'completed,inProgress' }, KNOWN));
    assert.deepEqual(ids(page), ['o-2', 'o-3']);
    assert.equal(total, 2);
  });

  it('filters on a dotted path into an array', () => {
    const { page } = applyListQuery(orders, parseListQuery({ 'relatedParty.id': 'p-3' }, KNOWN));
    assert.deepEqual(ids(page), ['o-2']);
  });

  it('pages with offset and limit', () => {
    const paged = (offset: string, limit?: string) => applyListQuery(orders, parseListQuery(limit === undefined ? { offset } : { offset, limit }, KNOWN));
    assert.deepEqual(ids(paged('0', '2').page), ['o-1', 'o-2']);
    assert.deepEqual(ids(paged('2', '2').page), ['o-3']);
    assert.deepEqual(ids(paged('1').page), ['o-2', 'o-3']);
    assert.deepEqual(ids(paged('5', '2').page), []);
    assert.deepEqual(ids(paged('0', '0').page), []);
    assert.equal(paged('2', '2').total, 3);
  });

  it('projects every item of the page', () => {
    const { page } = applyListQuery(orders, parseListQuery({ fields: 'name', limit: '1' }, KNOWN));
    assert.deepEqual(page, [{ id: 'o-1', href: '/o/o-1', '@type': 'ProductOrder', name: 'first' }]);
  });
});

describe('patchContent: what a merge patch sets, its removals left out', () => {
  it("leaves out null members below the top level, and keeps the top level's when told", () => {
    const patch = { description: null, validFor: { endDateTime: null, startDateTime: 'a' }, price: { value: { unit: null } } };
    assert.deepEqual(patchContent(patch, true), { description: null, validFor: { startDateTime: 'a' }, price: { value: {} } });
    assert.deepEqual(patchContent(patch, false), { validFor: { startDateTime: 'a' }, price: { value: {} } });
    assert.deepEqual(patch.validFor, { endDateTime: null, startDateTime: 'a' }, 'the patch itself is left as it came');
  });

  it('keeps null inside an array (a value: arrays are replaced whole), and answers the very patch when it removes nothing', () => {
    const patch = { note: [null, { text: null }], name: 'x' };
    assert.equal(patchContent(patch, false), patch);
    const topOnly = { description: null };
    assert.equal(patchContent(topOnly, true), topOnly);
    assert.deepEqual(patchContent(topOnly, false), {});
    assert.equal(patchContent(null, false), null);
    assert.deepEqual(patchContent([{ a: null }], false), [{ a: null }]);
  });
});

describe('mergePatch (RFC 7396)', () => {
  it('removes a member patched with null', () => {
    assert.deepEqual(mergePatch({ a: 1, b: 2 }, { b: null }), { a: 1 });
  });

  it('merges nested objects member by member', () => {
    assert.deepEqual(mergePatch({ price: { unit: 'EUR', value: 1 }, x: 1 }, { price: { value: 2 } }), { price: { unit: 'EUR', value: 2 }, x: 1 });
    assert.deepEqual(mergePatch({ a: { b: { c: 1, d: 2 } } }, { a: { b: { d: null } } }), { a: { b: { c: 1 } } });
  });

  it('replaces arrays wholesale', () => {
    assert.deepEqual(mergePatch({ list: [1, 2, 3] }, { list: [4] }), { list: [4] });
    assert.deepEqual(mergePatch({ list: [{ id: 'a', x: 1 }] }, { list: [{ id: 'a' }] }), { list: [{ id: 'a' }] });
  });

  it('replaces a non-object target by the patch object, dropping its nulls', () => {
    assert.deepEqual(mergePatch({ a: 'text' }, { a: { b: 1, c: null } }), { a: { b: 1 } });
  });

  it('returns a non-object patch as the result', () => {
    assert.deepEqual(mergePatch({ a: 1 }, ['x']), ['x']);
    assert.equal(mergePatch({ a: 1 }, 'text'), 'text');
  });

  it('does not change the target', () => {
    const target = { a: { b: 1 }, c: 2 };
    mergePatch(target, { a: { b: 3 }, c: null });
    assert.deepEqual(target, { a: { b: 1 }, c: 2 });
  });

  // The test cases of RFC 7396 appendix A.
  const RFC_CASES: ReadonlyArray<[unknown, unknown, unknown]> = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  for (const [target, patch, expected] of RFC_CASES) {
    it(`RFC 7396 A: ${JSON.stringify(target)} + ${JSON.stringify(patch)}`, () => {
      assert.deepEqual(mergePatch(target, patch), expected);
    });
  }
});
