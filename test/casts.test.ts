/**
 * No new type assertion in actors/ and core/ (#16): a cast hides a wrong state from the type checker.
 * What remains is listed here with its reason: validated edges (a body ajv has checked, owed-effect
 * arguments the party wrote itself, a brand's one constructor, the store's generic plumbing). A file
 * may only go down from its entry.
 * Count them with `node scripts/casts.mjs [--list] actors core`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { castsInSource, castsUnder } from '../scripts/casts.mjs';

const EDGE = {
  controlBody: 'a /control body, validated against its declared schema before the handler runs',
  effectArgs: "an owed effect's arguments, written by the same party in the update that owed it",
  storeVariance: "a party's store seen as the toolkit's Store<BaseData> (update's draft parameter makes Store invariant)",
  brand: 'the only constructor of a branded value',
  immer: "immer's drafts and plain copies of them: createDraft/finishDraft/current are typed loosely",
  schemaData: 'JSON Schema objects rewritten as plain data for the OpenAPI document',
  storeFile: "the store file's JSON (whole, or a line of changes): the party's own data, read back as the store's type",
} as const;

/** File → how many casts it may hold, and why. */
const ALLOWED: Readonly<Record<string, { readonly count: number; readonly why: string }>> = {
  'actors/call-center/api/control.ts': { count: 1, why: EDGE.controlBody },
  'actors/driver/api/converged-offer.ts': { count: 1, why: EDGE.controlBody },
  'actors/kit/common-control.ts': { count: 1, why: EDGE.controlBody },
  'actors/kit/control-contract.ts': { count: 1, why: EDGE.schemaData },
  'actors/kit/effect-kind.ts': { count: 1, why: EDGE.effectArgs },
  'actors/kit/runtime.ts': { count: 1, why: EDGE.storeVariance },
  'actors/kit/serve.ts': { count: 2, why: EDGE.storeVariance },
  'core/billing-period.ts': { count: 2, why: EDGE.brand },
  'core/store.ts': { count: 9, why: EDGE.immer },
  'core/append-file.ts': { count: 5, why: EDGE.storeFile },
  'actors/csp/usage-book/line.ts': { count: 1, why: EDGE.storeFile },
};

test('actors/ and core/ hold no cast beyond the allow-list of validated edges', () => {
  const over = [...castsUnder(['actors', 'core'])].flatMap(([file, casts]) => {
    const allowed = ALLOWED[file]?.count ?? 0;
    return casts.length > allowed ? [`${file}: ${casts.length} casts, ${allowed} allowed — ${casts.map((c) => `${c.line}: ${c.text}`).join('; ')}`] : [];
  });
  assert.deepEqual(over, []);
});

test('the counter finds every assertion and nothing else (near misses)', () => {
  const source = [
    "const a = value as Entity; // 'as' in a comment: x as Y",
    'const b = <Entity>value;',
    "const c = ['x'] as const;",
    "const d = 'a string with x as Y in it';",
    'const e = { type: "string" } as const satisfies Schema;',
    'const f = (input as unknown as Entity).id;',
    'const g = value satisfies Entity;',
  ].join('\n');
  assert.deepEqual(
    castsInSource('near-miss.ts', source).map((c) => [c.line, c.text]),
    [
      [1, 'value as Entity'],
      [2, '<Entity>value'],
      [6, 'input as unknown as Entity'],
      [6, 'input as unknown'],
    ],
  );
});
