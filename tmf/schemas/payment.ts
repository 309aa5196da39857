/** TMF676 Payment Management v4: Payment (create and read only). */
import { bool, dateTime, listOf, polymorphic, ref, str, type Schema } from './common.ts';
import { resourceSchemas } from './resource.ts';

/**
 * What a payment settles: `item` references the paid entity, e.g. a SettlementNoteAdvice or a
 * CustomerBill (FLOWS 9.13: paid only after acceptance, referencing the note exactly once).
 */
const PaymentItem = {
  $id: 'PaymentItem',
  type: 'object',
  required: ['item'],
  properties: {
    id: str,
    item: ref('EntityRef'),
    amount: ref('Money'),
    taxAmount: ref('Money'),
    totalAmount: ref('Money'),
    ...polymorphic,
  },
} as const satisfies Schema;

const PaymentMethod = {
  $id: 'PaymentMethod',
  type: 'object',
  properties: {
    id: str,
    href: str,
    name: str,
    description: str,
    isPreferred: bool,
    status: str,
    statusDate: dateTime,
    account: listOf('EntityRef'),
    relatedParty: ref('RelatedParty'),
    validFor: ref('TimePeriod'),
    '@referredType': str,
    ...polymorphic,
  },
} as const satisfies Schema;

const payment = resourceSchemas({
  type: 'Payment',
  officialRequired: { entity: ['account', 'paymentMethod'] },
  createRequired: ['account', 'paymentMethod', 'totalAmount'],
  entityRequired: ['account', 'paymentMethod', 'totalAmount'],
  properties: {
    name: str,
    description: str,
    authorizationCode: str,
    correlatorId: str,
    paymentDate: dateTime,
    status: str,
    statusDate: dateTime,
    account: ref('EntityRef'),
    paymentMethod: ref('PaymentMethod'),
    payer: ref('RelatedParty'),
    channel: ref('EntityRef'),
    amount: ref('Money'),
    taxAmount: ref('Money'),
    totalAmount: ref('Money'),
    paymentItem: listOf('PaymentItem'),
  },
});

export const PAYMENT_SCHEMAS = [PaymentItem, PaymentMethod, ...payment];
