/**
 * No new type assertion in actors/ and core/ (#16): a cast hides a wrong state from the type checker.
 * What remains is listed here with its reason: validated edges (a body ajv has checked, owed-effect
 * arguments the party wrote itself, a brand's one constructor, the store's generic plumbing) and, while
 * a colleague's branch types them, the casts not yet removed. A file may only go down from its entry.
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
  storeFile: "the store file's JSON and the paths its changes address: any data, read back as the store's type",
} as const;
const NOT_YET = 'not yet typed: the s4-16casts branch removes these';

/** File → how many casts it may hold, and why. */
const ALLOWED: Readonly<Record<string, { readonly count: number; readonly why: string }>> = {
  'actors/csp/processes/ticket-settlement-payment.ts': { count: 1, why: EDGE.effectArgs },
  'actors/driver/api/converged-offer.ts': { count: 1, why: EDGE.controlBody },
  'actors/kit/common-control.ts': { count: 1, why: EDGE.controlBody },
  'actors/kit/control-contract.ts': { count: 1, why: EDGE.schemaData },
  'actors/kit/driver-message.ts': { count: 1, why: EDGE.effectArgs },
  'actors/kit/owed-subscription.ts': { count: 2, why: EDGE.effectArgs },
  'actors/kit/runtime.ts': { count: 3, why: EDGE.storeVariance },
  'actors/kit/serve.ts': { count: 2, why: EDGE.storeVariance },
  'core/billing-period.ts': { count: 2, why: EDGE.brand },
  'core/store.ts': { count: 9, why: EDGE.immer },
  'core/append-file.ts': { count: 10, why: EDGE.storeFile },
  'core/in-place.ts': { count: 6, why: EDGE.storeFile },
  'actors/call-center/api/control.ts': { count: 1, why: NOT_YET },
  'actors/call-center/api/listeners.ts': { count: 6, why: NOT_YET },
  'actors/call-center/domain/ticket-settlement-review.ts': { count: 5, why: NOT_YET },
  'actors/call-center/processes/sla.ts': { count: 4, why: NOT_YET },
  'actors/call-center/processes/ticket-settlement.ts': { count: 1, why: NOT_YET },
  'actors/call-center/processes/tickets.ts': { count: 3, why: NOT_YET },
  'actors/car-manufacturer/api/central-catalog.ts': { count: 1, why: NOT_YET },
  'actors/car-manufacturer/api/converged-offer.ts': { count: 3, why: NOT_YET },
  'actors/car-manufacturer/api/listeners.ts': { count: 5, why: NOT_YET },
  'actors/car-manufacturer/api/ticket-listeners.ts': { count: 1, why: NOT_YET },
  'actors/car-manufacturer/api/ticket-settlement.ts': { count: 6, why: NOT_YET },
  'actors/car-manufacturer/domain/activation.ts': { count: 1, why: NOT_YET },
  'actors/car-manufacturer/domain/central-catalog.ts': { count: 5, why: NOT_YET },
  'actors/car-manufacturer/domain/compatibility.ts': { count: 1, why: NOT_YET },
  'actors/car-manufacturer/domain/converged-order.ts': { count: 7, why: NOT_YET },
  'actors/car-manufacturer/domain/driver-billing.ts': { count: 2, why: NOT_YET },
  'actors/car-manufacturer/domain/driver-payment.ts': { count: 5, why: NOT_YET },
  'actors/car-manufacturer/domain/partner-settlement-notes.ts': { count: 11, why: NOT_YET },
  'actors/car-manufacturer/domain/service-sale.ts': { count: 4, why: NOT_YET },
  'actors/car-manufacturer/processes/converged-offer.ts': { count: 5, why: NOT_YET },
  'actors/car-manufacturer/processes/driver-messages.ts': { count: 2, why: NOT_YET },
  'actors/car-manufacturer/processes/effects.ts': { count: 3, why: NOT_YET },
  'actors/car-manufacturer/processes/service-sale.ts': { count: 2, why: NOT_YET },
  'actors/content-provider/api/listeners.ts': { count: 1, why: NOT_YET },
  'actors/content-provider/domain/partner-settlement.ts': { count: 1, why: NOT_YET },
  'actors/content-provider/processes/converged-offer.ts': { count: 2, why: NOT_YET },
  'actors/trouble-tickets/domain/redirect.ts': { count: 2, why: NOT_YET },
  'actors/trouble-tickets/domain/sla-rules.ts': { count: 2, why: NOT_YET },
  'actors/trouble-tickets/domain/ticket-status.ts': { count: 1, why: NOT_YET },
  'actors/trouble-tickets/processes/sla.ts': { count: 2, why: NOT_YET },
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
