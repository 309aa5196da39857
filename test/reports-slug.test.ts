import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { scenarioSlug, uniqueSlugs } from '../harness/reports/slug.ts';

const SAFE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

test('a slug is lower-case words joined by single dashes', () => {
  assert.equal(scenarioSlug('OEM orders the connectivity offer (Fig. 7)'), 'oem-orders-the-connectivity-offer-fig-7');
  assert.equal(scenarioSlug('  Équipe / ticket #42 : redirect!  '), 'equipe-ticket-42-redirect');
});

test('a name with nothing usable, or a reserved device name, still gives a safe slug', () => {
  assert.equal(scenarioSlug(''), 'scenario');
  assert.equal(scenarioSlug('→ ← !!'), 'scenario');
  assert.equal(scenarioSlug('CON'), 'con-scenario');
});

test('a long name is cut to at most 80 characters without a trailing dash', () => {
  const slug = scenarioSlug(`${'a'.repeat(79)} bcd`);
  assert.ok(slug.length <= 80);
  assert.match(slug, SAFE);
});

test('every slug is filesystem-safe and stable', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (name) => {
      const slug = scenarioSlug(name);
      assert.match(slug, SAFE);
      assert.ok(slug.length <= 80);
      assert.equal(scenarioSlug(name), slug);
    }),
  );
});

test('scenarios sharing a name get numbered slugs', () => {
  assert.deepEqual(uniqueSlugs(['Bill the OEM', 'Bill the OEM', 'bill the oem!', 'Other']), ['bill-the-oem', 'bill-the-oem-2', 'bill-the-oem-3', 'other']);
});

test('a suffix never collides with another name that already looks suffixed', () => {
  assert.deepEqual(uniqueSlugs(['a', 'a', 'a 2']), ['a', 'a-2', 'a-2-2']);
});

test('slugs of any list of names are unique and safe', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('Bill', 'bill', 'Bill 2', 'bill-2', '', '#', 'Ticket'), { maxLength: 12 }), (names) => {
      const slugs = uniqueSlugs(names);
      assert.equal(slugs.length, names.length);
      assert.equal(new Set(slugs).size, slugs.length);
      for (const slug of slugs) assert.match(slug, SAFE);
    }),
  );
});
