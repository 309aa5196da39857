/**
 * Split billing criteria (FLOWS figure 8, "advanced offer"): a project design, not a TMF model. They
 * travel as the value of a product characteristic named `splitBillingCriteria`
 * (`productOrderItem[].product.productCharacteristic[]`, copied to the TMF637 product), and name each
 * payer by the `role` it has in the order's `relatedParty` (e.g. `thirdPartyPayer` for the driver).
 *
 * Each variant is closed (`additionalProperties: false`): a misspelt attribute would otherwise be
 * ignored and every record billed to the default payer without anyone noticing.
 */
import { oneOfValues, text, type Schema } from './common.ts';

export const SPLIT_BASES = ['usageClass', 'volumeThreshold', 'percentage'] as const;

function variant(basis: (typeof SPLIT_BASES)[number], required: readonly string[], properties: Record<string, Schema>): Schema {
  return {
    if: { properties: { basis: { const: basis } }, required: ['basis'] },
    then: { required, properties: { basis: {}, ...properties }, additionalProperties: false },
  };
}

const SplitBillingCriteria = {
  $id: 'SplitBillingCriteria',
  type: 'object',
  required: ['basis'],
  properties: { basis: oneOfValues(SPLIT_BASES) },
  allOf: [
    // Usage class → payer role, e.g. {infotainment: 'thirdPartyPayer', telematics: 'buyer'}.
    variant('usageClass', ['payerRoleByUsageClass'], {
      payerRoleByUsageClass: { type: 'object', minProperties: 1, additionalProperties: text },
      defaultPayerRole: text,
    }),
    // One payer up to a monthly volume, another beyond it.
    variant('volumeThreshold', ['thresholdMB', 'belowThresholdPayerRole', 'aboveThresholdPayerRole'], {
      thresholdMB: { type: 'number', minimum: 0 },
      belowThresholdPayerRole: text,
      aboveThresholdPayerRole: text,
    }),
    // Fixed shares; that they sum to 100 is checked by the domain, not here.
    variant('percentage', ['shares'], {
      shares: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['payerRole', 'percent'],
          properties: { payerRole: text, percent: { type: 'number', exclusiveMinimum: 0, maximum: 100 } },
          additionalProperties: false,
        },
      },
    }),
  ],
} as const satisfies Schema;

export const SPLIT_BILLING_SCHEMAS = [SplitBillingCriteria];
