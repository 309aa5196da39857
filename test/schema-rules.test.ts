/** The resource-specific rules of tmf/schemas: enums, types and cross-field rules, one resource at a time. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateFlow } from '../tmf/schemas/index.ts';
import { entityOf, SAMPLES } from './schema-samples.ts';

function assertValid(schemaId: string, data: unknown): void {
  assert.deepEqual(validateFlow(schemaId, data, 'request'), [], `${schemaId} should accept ${JSON.stringify(data)}`);
}

function assertInvalid(schemaId: string, data: unknown, path: string, rule: string, mentions?: string): void {
  const issues = validateFlow(schemaId, data, 'request');
  const hit = issues.find((i) => i.path === path && i.rule === rule);
  assert.ok(hit, `expected ${rule} at '${path}', got ${JSON.stringify(issues.map((i) => [i.path, i.rule]))}`);
  if (mentions) assert.match(hit.message, new RegExp(mentions));
}

const create = (type: string, changes: Record<string, unknown>) => ({ ...SAMPLES[type].create, ...changes });
const entity = (type: string, changes: Record<string, unknown>) => ({ ...entityOf(type), ...changes });

describe('TMF620 catalog', () => {
  it('ProductOffering: lifecycle status is one of the known values (filters match on it)', () => {
    assertInvalid('ProductOffering_Create', create('ProductOffering', { lifecycleStatus: 'launched' }), '/lifecycleStatus', 'enum', 'Launched');
  });

  it('ProductOffering: a bundle lists its members, each with an id', () => {
    assertInvalid('ProductOffering_Create', create('ProductOffering', { isBundle: true }), '', 'required', 'bundledProductOffering');
    assertInvalid('ProductOffering_Create', create('ProductOffering', { isBundle: true, bundledProductOffering: [] }), '/bundledProductOffering', 'minItems');
    assertInvalid(
      'ProductOffering_Create',
      create('ProductOffering', { isBundle: true, bundledProductOffering: [{ name: 'x' }] }),
      '/bundledProductOffering/0',
      'required',
    );
    assertValid('ProductOffering_Create', create('ProductOffering', { isBundle: true, bundledProductOffering: [{ id: 'a' }, { id: 'b' }] }));
  });

  it('ProductOffering: category references need an id', () => {
    assertInvalid('ProductOffering', entity('ProductOffering', { category: [{ name: 'x' }] }), '/category/0', 'required');
  });

  it('ProductOfferingPrice: price type, period and what each kind needs to be rated', () => {
    assertInvalid('ProductOfferingPrice_Create', create('ProductOfferingPrice', { priceType: 'Recurring' }), '/priceType', 'enum');
    assertInvalid(
      'ProductOfferingPrice_Create',
      create('ProductOfferingPrice', { recurringChargePeriodType: 'monthly' }),
      '/recurringChargePeriodType',
      'enum',
    );
    assertInvalid(
      'ProductOfferingPrice_Create',
      { name: 'fee', priceType: 'recurring', price: { unit: 'EUR', value: 5 } },
      '',
      'required',
      'recurringChargePeriodType',
    );
    assertInvalid('ProductOfferingPrice_Create', { name: 'per GB', priceType: 'usage', price: { unit: 'EUR', value: 2 } }, '', 'required', 'unitOfMeasure');
    assertValid('ProductOfferingPrice_Create', {
      name: 'per GB',
      priceType: 'usage',
      price: { unit: 'EUR', value: 2 },
      unitOfMeasure: { amount: 1, units: 'GB' },
    });
    assertInvalid('ProductOfferingPrice_Create', create('ProductOfferingPrice', { recurringChargePeriodLength: 1.5 }), '/recurringChargePeriodLength', 'type');
    assertInvalid('ProductOfferingPrice', entity('ProductOfferingPrice', { percentage: 120 }), '/percentage', 'maximum');
  });

  it('Catalog and Category: name is a non-empty string', () => {
    assertInvalid('Catalog_Create', { name: 42 }, '/name', 'type');
    assertInvalid('Category_Create', { name: '' }, '/name', 'minLength');
  });
});

describe('TMF622 ordering', () => {
  const item = (changes: Record<string, unknown>) => ({ productOrderItem: [{ id: '1', action: 'add', ...changes }] });

  it('items have an id and one of the four actions', () => {
    assertInvalid('ProductOrder_Create', item({ action: 'create' }), '/productOrderItem/0/action', 'enum');
    assertInvalid('ProductOrder_Create', { productOrderItem: [{ action: 'add' }] }, '/productOrderItem/0', 'required', 'id');
    assertInvalid('ProductOrder_Create', { productOrderItem: [] }, '/productOrderItem', 'minItems');
  });

  it('the order state is one of the TMF622 states, and a served order has one', () => {
    assertInvalid('ProductOrder', entity('ProductOrder', { state: 'done' }), '/state', 'enum');
    const { state: _s, ...stateless } = entityOf('ProductOrder');
    assertInvalid('ProductOrder', stateless, '', 'required', 'state');
    assertValid('ProductOrder', entity('ProductOrder', { state: 'partial' }));
    assertInvalid('ProductOrder', entity('ProductOrder', item({ state: 'partial' })), '/productOrderItem/0/state', 'enum');
  });

  it('parties on an order carry their role', () => {
    assertInvalid('ProductOrder_Create', create('ProductOrder', { relatedParty: [{ id: 'drv' }] }), '/relatedParty/0', 'required', 'role');
    assertValid('ProductOrder_Create', create('ProductOrder', { relatedParty: [{ id: 'drv', role: 'thirdPartyPayer' }] }));
  });

  it('split billing criteria on a product characteristic are checked, typos included', () => {
    const withCriteria = (value: unknown) => item({ product: { productCharacteristic: [{ name: 'splitBillingCriteria', value }] } });
    const at = '/productOrderItem/0/product/productCharacteristic/0/value';
    assertValid('ProductOrder_Create', withCriteria({ basis: 'usageClass', payerRoleByUsageClass: { infotainment: 'thirdPartyPayer', telematics: 'buyer' } }));
    assertValid(
      'ProductOrder_Create',
      withCriteria({ basis: 'volumeThreshold', thresholdMB: 500, belowThresholdPayerRole: 'buyer', aboveThresholdPayerRole: 'thirdPartyPayer' }),
    );
    assertValid(
      'ProductOrder_Create',
      withCriteria({
        basis: 'percentage',
        shares: [
          { payerRole: 'buyer', percent: 30 },
          { payerRole: 'thirdPartyPayer', percent: 70 },
        ],
      }),
    );
    assertInvalid('ProductOrder_Create', withCriteria({ basis: 'random' }), `${at}/basis`, 'enum');
    assertInvalid(
      'ProductOrder_Create',
      withCriteria({ basis: 'volumeThreshold', thresholdMB: '500', belowThresholdPayerRole: 'a', aboveThresholdPayerRole: 'b' }),
      `${at}/thresholdMB`,
      'type',
    );
    assertInvalid(
      'ProductOrder_Create',
      withCriteria({ basis: 'usageClass', payerRoleByUsageClass: { infotainment: 'x' }, defaultPayer: 'y' }),
      at,
      'additionalProperties',
      'defaultPayer',
    );
    assertInvalid(
      'ProductOrder_Create',
      withCriteria({ basis: 'percentage', shares: [{ payerRole: 'a', percent: 0 }] }),
      `${at}/shares/0/percent`,
      'exclusiveMinimum',
    );
  });

  it('dates are date-times', () => {
    assertInvalid('ProductOrder_Create', create('ProductOrder', { requestedStartDate: 'tomorrow' }), '/requestedStartDate', 'format');
  });
});

describe('TMF629 / TMF632 parties', () => {
  it('Customer: engagedParty is a party reference', () => {
    assertInvalid('Customer', entity('Customer', { engagedParty: 'ind-1' }), '/engagedParty', 'type');
    assertInvalid('Customer_Create', create('Customer', { engagedParty: {} }), '/engagedParty', 'required');
  });

  it('Individual: status enum, identification and e-mail', () => {
    assertInvalid('Individual', entity('Individual', { status: 'active' }), '/status', 'enum');
    assertInvalid(
      'Individual_Create',
      create('Individual', { individualIdentification: [{ identificationId: 'X1' }] }),
      '/individualIdentification/0',
      'required',
      'identificationType',
    );
    assertInvalid(
      'Individual_Create',
      create('Individual', { contactMedium: [{ mediumType: 'email', characteristic: { emailAddress: 'not-mail' } }] }),
      '/contactMedium/0/characteristic/emailAddress',
      'format',
    );
  });

  it('Organization: status enum and boolean flags', () => {
    assertInvalid('Organization', entity('Organization', { status: 'open' }), '/status', 'enum');
    assertInvalid('Organization_Create', create('Organization', { isLegalEntity: 'yes' }), '/isLegalEntity', 'type');
  });
});

describe('TMF635 / TMF637 usage and inventory', () => {
  it('Usage: status and rating tag enums, characteristic needs a value', () => {
    assertInvalid('Usage_Create', create('Usage', { status: 'new' }), '/status', 'enum');
    assertInvalid('Usage', entity('Usage', { ratedProductUsage: [{ usageRatingTag: 'included' }] }), '/ratedProductUsage/0/usageRatingTag', 'enum');
    assertInvalid('Usage_Create', create('Usage', { usageCharacteristic: [{ name: 'volumeMB' }] }), '/usageCharacteristic/0', 'required', 'value');
  });

  it('Product: status is required on create and one of the TMF637 values', () => {
    assertInvalid('Product_Create', create('Product', { status: 'aborted ' }), '/status', 'enum');
    assertValid('Product_Create', create('Product', { status: 'pendingActive' }));
  });
});

describe('TMF666 / TMF678 / TMF676 accounts, bills and payments', () => {
  it('BillingAccount: at least one related party', () => {
    assertInvalid('BillingAccount_Create', create('BillingAccount', { relatedParty: [] }), '/relatedParty', 'minItems');
    assertInvalid('BillingAccount', entity('BillingAccount', { creditLimit: { unit: 'EUR', value: '100' } }), '/creditLimit/value', 'type');
  });

  it('CustomerBill: state and runType enums, amounts are Money', () => {
    assertInvalid('CustomerBill', entity('CustomerBill', { state: 'paid' }), '/state', 'enum');
    assertInvalid('CustomerBill_Update', { runType: 'cycle' }, '/runType', 'enum');
    assertInvalid('CustomerBill_Create', create('CustomerBill', { amountDue: 19.98 }), '/amountDue', 'type');
  });

  it('AppliedCustomerBillingRate: type enum, and a billed item points at its bill, an unbilled one at its account', () => {
    assertInvalid('AppliedCustomerBillingRate_Create', create('AppliedCustomerBillingRate', { type: 'charge' }), '/type', 'enum');
    const { bill: _b, ...billless } = entityOf('AppliedCustomerBillingRate');
    assertInvalid('AppliedCustomerBillingRate', billless, '', 'required', 'bill');
    assertInvalid('AppliedCustomerBillingRate_Create', { type: 'appliedBillingCharge', isBilled: false }, '', 'required', 'billingAccount');
    assertValid('AppliedCustomerBillingRate_Create', { type: 'appliedBillingCharge', isBilled: false, billingAccount: { id: 'acc-1' } });
  });

  it('Payment: total amount required, each payment item references what it settles', () => {
    assertInvalid(
      'Payment_Create',
      { ...create('Payment', {}), paymentItem: [{ totalAmount: { unit: 'EUR', value: 1 } }] },
      '/paymentItem/0',
      'required',
      'item',
    );
    const { totalAmount: _t, ...noTotal } = SAMPLES.Payment.create;
    assertInvalid('Payment_Create', noTotal, '', 'required', 'totalAmount');
  });
});

describe('TMF621 / TMF623 tickets and SLAs', () => {
  it('TroubleTicket: status enum (lower camel case), and a rejection carries its reason', () => {
    assertInvalid('TroubleTicket', entity('TroubleTicket', { status: 'Pending' }), '/status', 'enum');
    assertInvalid('TroubleTicket_Update', { status: 'rejected' }, '', 'required', 'statusChangeReason');
    assertValid('TroubleTicket_Update', { status: 'rejected', statusChangeReason: 'vehicle issue: sent to car-manufacturer' });
    assertInvalid('TroubleTicket', entity('TroubleTicket', { statusChange: [{ status: 'done' }] }), '/statusChange/0/status', 'enum');
  });

  it('TroubleTicket: relationships and related entities are complete references', () => {
    assertInvalid(
      'TroubleTicket_Create',
      create('TroubleTicket', { troubleTicketRelationship: [{ id: 'tt-2' }] }),
      '/troubleTicketRelationship/0',
      'required',
      'relationshipType',
    );
    assertInvalid(
      'TroubleTicket_Create',
      create('TroubleTicket', { relatedEntity: [{ id: 'p-1', role: 'affectedProduct' }] }),
      '/relatedEntity/0',
      'required',
      '@referredType',
    );
    assertInvalid('TroubleTicket_Create', create('TroubleTicket', { severity: 3 }), '/severity', 'type');
  });

  it('Sla: v2 integer ids are accepted, rules say what they measure', () => {
    assertValid('Sla', entity('Sla', { id: 42 }));
    assertInvalid('Sla_Create', { rule: [{ metric: 'availability', referenceValue: '99.5' }] }, '/rule/0', 'required', 'operator');
    assertInvalid('Sla_Create', { rule: [{ metric: 'availability', operator: '.ge', referenceValue: 99.5 }] }, '/rule/0/referenceValue', 'type');
  });

  it('SlaViolation: names its SLA and the breached metric', () => {
    assertInvalid('SlaViolation_Create', create('SlaViolation', { sla: {} }), '/sla', 'anyOf');
    assertInvalid('SlaViolation_Create', create('SlaViolation', { violation: { actualValue: '98' } }), '/violation', 'required', 'metric');
    assertInvalid('SlaViolation', entity('SlaViolation', { date: 'yesterday' }), '/date', 'format');
  });
});

describe('Billing v2 settlement note advice', () => {
  it('state enum, and a dispute always gives its reason', () => {
    assertInvalid('SettlementNoteAdvice', entity('SettlementNoteAdvice', { state: 'rejected' }), '/state', 'enum');
    assertInvalid('SettlementNoteAdvice_Update', { state: 'disputed' }, '', 'required', 'disputeReason');
    assertValid('SettlementNoteAdvice_Update', { state: 'disputed', disputeReason: 'ticket tt-3 was not handled by us' });
    assertValid('SettlementNoteAdvice_Update', { state: 'accepted' });
  });

  it('items name what they settle and carry an amount', () => {
    assertInvalid(
      'SettlementNoteAdvice_Create',
      create('SettlementNoteAdvice', { settlementNoteItem: [{ itemId: 'tt-1' }] }),
      '/settlementNoteItem/0',
      'required',
      'taxExcludedAmount',
    );
    assertInvalid('SettlementNoteAdvice_Create', create('SettlementNoteAdvice', { currencyCode: 'euro' }), '/currencyCode', 'pattern');
    assertInvalid('SettlementNoteAdvice_Create', create('SettlementNoteAdvice', { receiver: {} }), '/receiver', 'required');
  });
});
