/**
 * TMF623 SLA Management v2 (no later version exists): Sla and SlaViolation. The v2 model is kept,
 * including its string-typed rule values; ids may be integers as v2 serves them.
 */
import { dateTime, listOf, num, ref, str, text, type Schema } from './common.ts';
import { resourceSchemas } from './resource.ts';

/** A party of an SLA (v2 shape: no id required, but it must point somewhere). Roles: SLAProvider, SLAConsumer, ... */
const SlaParty = {
  $id: 'SlaParty',
  type: 'object',
  // `@referredType` is ours, as on the v4 references: what kind of party it is.
  properties: { id: str, href: str, name: str, role: str, validFor: ref('TimePeriod'), '@referredType': str },
  anyOf: [{ required: ['id'] }, { required: ['href'] }],
} as const satisfies Schema;

/** A rule cannot be evaluated without what it measures, how it compares and what to. */
const SlaRule = {
  $id: 'SlaRule',
  type: 'object',
  required: ['metric', 'operator', 'referenceValue'],
  properties: {
    id: str,
    metric: text,
    unit: str,
    referenceValue: text,
    operator: text,
    tolerance: str,
    consequence: str,
  },
} as const satisfies Schema;

const v2Ref = { type: 'object', properties: { id: str, href: str, description: str } } as const;
/** The violated SLA: a reference that points nowhere would orphan the violation. */
const slaRef = { ...v2Ref, anyOf: [{ required: ['id'] }, { required: ['href'] }] } as const satisfies Schema;

const sla = resourceSchemas({
  type: 'Sla',
  integerIds: true,
  properties: {
    name: str,
    description: str,
    version: str,
    validFor: ref('TimePeriod'),
    relatedParty: listOf('SlaParty'),
    rule: listOf('SlaRule'),
    template: { type: 'object', properties: { href: str, name: str, description: str } },
  },
});

/**
 * What was breached. `metric` is a project extension (v2 has no such field): the metric identifier
 * that correlates the violation with its alarm ticket (FLOWS 9.21 to 9.26).
 */
const Violation = {
  $id: 'Violation',
  type: 'object',
  required: ['metric', 'actualValue'],
  properties: {
    metric: text,
    unit: str,
    referenceValue: str,
    operator: str,
    actualValue: text,
    tolerance: num,
    violationAverage: num,
    comment: str,
    consequence: str,
    attachment: v2Ref,
    rule: v2Ref,
  },
} as const satisfies Schema;

/** A violation is of an SLA: both the SLA and what was violated are required (v2 requires nothing). */
const slaViolation = resourceSchemas({
  type: 'SlaViolation',
  integerIds: true,
  createRequired: ['sla', 'violation'],
  // The v2 file requires nothing: what the flows need is a flow rule.
  officialRequired: { create: [] },
  entityRequired: ['sla', 'violation'],
  // `description` is a project extension: what the party that holds the violation did about it.
  properties: { date: dateTime, description: str, sla: slaRef, violation: ref('Violation'), relatedParty: listOf('SlaParty') },
});

export const SLA_SCHEMAS = [SlaParty, SlaRule, Violation, ...sla, ...slaViolation];
