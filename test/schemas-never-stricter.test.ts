import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { loadOfficialSpecs, specsDirFromEnv } from '../harness/official-specs/load.ts';
import { APIS } from '../tmf/apis.ts';
import { validate } from '../tmf/schemas/index.ts';
import { officialArbitrary, type SwaggerNode } from './support/official-arbitrary.ts';

// Our schemas judge partners: whatever the official definition of an operation accepts, ours accepts too.
const specs = loadOfficialSpecs(specsDirFromEnv());

/** Each of our schemas of a resource, with the official definition of the same operation. */
function pairs(): { api: string; ours: string; official: string }[] {
  return APIS.flatMap((a) => {
    const spec = specs.byApi.get(a.id);
    if (!spec) return [];
    const hub = spec.validators.has('EventSubscriptionInput') ? [{ api: a.id, ours: 'Hub_Create', official: 'EventSubscriptionInput' }] : [];
    // A v2 file has no `_Create`/`_Update` definitions: its request bodies are the entity itself.
    const body = (type: string, suffix: string) => (spec.validators.has(type + suffix) ? type + suffix : type);
    return [
      ...hub,
      ...a.resources.flatMap((r) =>
        [
          { api: a.id, ours: r.schema, official: r.type },
          ...(r.createSchema && r.operations.includes('POST') ? [{ api: a.id, ours: r.createSchema, official: body(r.type, '_Create') }] : []),
          ...(r.updateSchema && r.operations.includes('PATCH') ? [{ api: a.id, ours: r.updateSchema, official: body(r.type, '_Update') }] : []),
        ].filter((p) => spec.validators.has(p.official)),
      ),
    ];
  });
}

test('every API the parties serve is covered by an official file', () => {
  assert.deepEqual(
    APIS.filter((a) => !specs.byApi.has(a.id)).map((a) => a.id),
    [],
  );
});

for (const pair of pairs()) {
  test(`${pair.api}: every ${pair.official} the official file accepts, ${pair.ours} accepts`, () => {
    const spec = specs.byApi.get(pair.api as never)!;
    const official = spec.validators.get(pair.official)!;
    fc.assert(
      fc.property(officialArbitrary(spec.document.definitions, pair.official), (instance) => {
        // The generator follows the file; an instance the file itself refuses would prove nothing.
        fc.pre(official(instance) === true);
        const issues = validate(pair.ours, instance, 'request');
        assert.deepEqual(
          issues.map((i) => `${i.path} ${i.rule}: ${i.message}`),
          [],
          JSON.stringify(instance),
        );
      }),
      { numRuns: 60, seed: 10 },
    );
  });
}

/** The attributes a definition requires at its root (its own `required` and its `allOf` parts'). */
function rootRequired(definitions: Readonly<Record<string, SwaggerNode>>, name: string): string[] {
  const node = definitions[name];
  const parts = [node, ...(node.allOf ?? []).map((p) => (p.$ref ? definitions[p.$ref.split('/').pop()!] : p))];
  return [...new Set(parts.flatMap((p) => p?.required ?? []))];
}

// And never looser where it counts most: an attribute the official definition requires, ours requires.
// Not a merge patch's: it carries only what it changes, whatever an `_Update` definition requires.
for (const pair of pairs().filter((p) => !p.ours.endsWith('_Update'))) {
  const spec = specs.byApi.get(pair.api as never)!;
  const definitions = spec.document.definitions as Record<string, SwaggerNode>;
  const required = rootRequired(definitions, pair.official);
  if (required.length === 0) continue;
  test(`${pair.api}: a ${pair.official} without ${required.join(' or ')}, which the official file requires, ${pair.ours} refuses too`, () => {
    const official = spec.validators.get(pair.official)!;
    const instance = fc.sample(officialArbitrary(definitions, pair.official), { numRuns: 50, seed: 7 }).find((i) => official(i)) as Record<string, unknown>;
    assert.ok(instance, `an instance ${pair.official} accepts`);
    for (const name of required) {
      const { [name]: _left, ...without } = instance;
      assert.equal(official(without), false, `the official file refuses ${pair.official} without ${name}`);
      assert.ok(
        validate(pair.ours, without, 'request').some((i) => i.rule === 'required'),
        `${pair.ours} without ${name}: ${JSON.stringify(validate(pair.ours, without, 'request'))}`,
      );
    }
  });
}
