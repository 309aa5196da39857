import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APIS } from '../tmf/apis.ts';
import { hasSchema, SCHEMAS, schemaIds, validate, validateFlow } from '../tmf/schemas/index.ts';
import type { ValidationIssue } from '../harness/exchange.ts';
import { entityOf, SAMPLES } from './schema-samples.ts';

const RESOURCES = APIS.flatMap((a) => a.resources);

function assertValid(schemaId: string, data: unknown): void {
  assert.deepEqual(validateFlow(schemaId, data, 'request'), [], `${schemaId} should accept ${JSON.stringify(data)}`);
}

/** The body fails, and one of its issues has this path and rule. */
function assertIssue(issues: ValidationIssue[], path: string, rule: string): void {
  assert.ok(
    issues.some((i) => i.path === path && i.rule === rule),
    `expected ${rule} at '${path}', got ${JSON.stringify(issues.map((i) => [i.path, i.rule]))}`,
  );
}

function assertInvalid(schemaId: string, data: unknown, path: string, rule: string): void {
  assertIssue(validateFlow(schemaId, data, 'request'), path, rule);
}

function requiredOf(schemaId: string): string[] {
  const schema = SCHEMAS.find((s) => s.$id === schemaId);
  return (schema?.required as string[] | undefined) ?? [];
}

describe('schema registry', () => {
  it('registers the entity, create and update schema ids of every resource in tmf/apis.ts', () => {
    for (const res of RESOURCES) {
      for (const id of [res.schema, res.createSchema, res.updateSchema]) {
        if (id) assert.ok(hasSchema(id), `${res.type}: ${id} missing`);
      }
    }
  });

  it('has a sample for every resource, so the per-resource tests below cover them all', () => {
    assert.deepEqual(Object.keys(SAMPLES).sort(), [...new Set(RESOURCES.map((r) => r.type))].sort());
  });

  it('compiles every schema (every $ref resolves) and gives each a unique $id', () => {
    const ids = schemaIds();
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.doesNotThrow(() => validateFlow(id, {}, 'request'), id);
    for (const id of ids) assert.doesNotThrow(() => validate(id, {}, 'request'), id);
  });

  it('refuses an unknown schema id', () => {
    assert.equal(hasSchema('NoSuchThing'), false);
    assert.throws(() => validateFlow('NoSuchThing', {}, 'request'), /NoSuchThing/);
  });
});

describe('every resource', () => {
  for (const res of RESOURCES) {
    describe(res.type, () => {
      it('accepts the minimal served entity and create body', () => {
        assertValid(res.schema, entityOf(res.type));
        if (res.createSchema) assertValid(res.createSchema, SAMPLES[res.type].create);
      });

      it('requires id, href and @type on the served entity', () => {
        for (const field of ['id', 'href', '@type']) {
          const { [field]: _dropped, ...rest } = entityOf(res.type);
          const issues = validateFlow(res.schema, rest, 'response');
          assertIssue(issues, '', 'required');
          assert.ok(
            issues.some((i) => i.message.includes(`'${field}'`)),
            `${field} not reported`,
          );
          assert.ok(issues.every((i) => i.schema === `flow:${res.schema}` && i.where === 'response'));
        }
      });

      it('refuses the @type of another resource unless @baseType says it is a subclass', () => {
        assertInvalid(res.schema, { ...entityOf(res.type), '@type': 'Other' }, '/@type', 'const');
        assertValid(res.schema, { ...entityOf(res.type), '@type': `Special${res.type}`, '@baseType': res.type });
      });

      it('refuses a wrong type for id', () => {
        assertInvalid(res.schema, { ...entityOf(res.type), id: true }, '/id', 'type');
      });

      if (res.createSchema) {
        const createId = res.createSchema;
        it('requires each of its required fields on create', () => {
          for (const field of requiredOf(createId)) {
            const { [field]: _dropped, ...rest } = SAMPLES[res.type].create;
            const issues = validateFlow(createId, rest, 'request');
            assertIssue(issues, '', 'required');
            assert.ok(
              issues.some((i) => i.message.includes(`'${field}'`)),
              `${field} not reported`,
            );
          }
        });
      }

      if (res.updateSchema) {
        const updateId = res.updateSchema;
        it('accepts an empty merge patch and refuses changing id or href', () => {
          assertValid(updateId, {});
          assertInvalid(updateId, { id: 'other' }, '/id', 'false schema');
          assertInvalid(updateId, { href: '/elsewhere' }, '/href', 'false schema');
        });
      }
    });
  }
});

describe('shared parts', () => {
  it('Money needs an ISO currency and a numeric value', () => {
    assertValid('Money', { unit: 'EUR', value: 1.5 });
    assertInvalid('Money', { unit: 'EUR', value: '1.50' }, '/value', 'type');
    assertInvalid('Money', { unit: 'eur', value: 1 }, '/unit', 'pattern');
    assertInvalid('Money', { value: 1 }, '', 'required');
  });

  it('dates are RFC 3339 date-times', () => {
    assertInvalid('TimePeriod', { startDateTime: '01/03/2025' }, '/startDateTime', 'format');
  });

  it('RelatedParty needs an id', () => {
    assertInvalid('RelatedParty', { role: 'buyer' }, '', 'required');
  });
});

describe('merge patches', () => {
  it('may null an optional attribute but not one the entity requires', () => {
    assertValid('TroubleTicket_Update', { externalId: null });
    assertInvalid('TroubleTicket_Update', { status: null }, '/status', 'type');
  });

  it('still check the values they set', () => {
    assertInvalid('Product_Update', { status: 'activ' }, '/status', 'enum');
    assertValid('ProductOffering_Update', { isPartnerEligible: true });
    assertInvalid('ProductOffering_Update', { isPartnerEligible: 'yes' }, '/isPartnerEligible', 'type');
  });
});
