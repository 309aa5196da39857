/**
 * TMF622 Product Ordering v4: ProductOrder and its items. Split billing criteria ride on
 * `productOrderItem[].product.productCharacteristic[]` (see split-billing.ts).
 */
import { dateTime, listOf, oneOfValues, polymorphic, ref, refWith, str, text, type Schema } from './common.ts';
import { resourceSchemas } from './resource.ts';
import { STANDARD_REQUIRED } from './standard.ts';

export const ORDER_ITEM_ACTIONS = ['add', 'modify', 'delete', 'noChange'] as const;

export const ORDER_STATES = [
  'acknowledged',
  'rejected',
  'pending',
  'held',
  'inProgress',
  'cancelled',
  'completed',
  'failed',
  'partial',
  'assessingCancellation',
  'pendingCancellation',
] as const;

/** Item states: the order's states except `partial`, which only a whole order can be. */
export const ORDER_ITEM_STATES = ORDER_STATES.filter((s) => s !== 'partial');

const OrderPrice = {
  $id: 'OrderPrice',
  type: 'object',
  properties: {
    name: str,
    description: str,
    priceType: str,
    recurringChargePeriod: str,
    unitOfMeasure: str,
    price: ref('Price'),
    productOfferingPrice: ref('EntityRef'),
    billingAccount: ref('EntityRef'),
    priceAlteration: listOf({ type: 'object' }),
    ...polymorphic,
  },
} as const satisfies Schema;

const ProductOrderItem = {
  [STANDARD_REQUIRED]: ['id', 'action'],
  $id: 'ProductOrderItem',
  type: 'object',
  required: ['id', 'action'],
  properties: {
    id: text,
    action: oneOfValues(ORDER_ITEM_ACTIONS),
    quantity: { type: 'integer', minimum: 1 },
    state: oneOfValues(ORDER_ITEM_STATES),
    product: ref('ProductRefOrValue'),
    productOffering: ref('EntityRef'),
    billingAccount: ref('EntityRef'),
    itemPrice: listOf('OrderPrice'),
    itemTotalPrice: listOf('OrderPrice'),
    itemTerm: listOf({ type: 'object' }),
    payment: listOf('EntityRef'),
    appointment: ref('EntityRef'),
    productOrderItem: listOf('ProductOrderItem'),
    productOrderItemRelationship: listOf({
      type: 'object',
      required: ['id', 'relationshipType'],
      properties: { id: text, relationshipType: text, ...polymorphic },
    }),
    qualification: listOf('EntityRef'),
    quoteItem: ref('EntityRef'),
    productOfferingQualificationItem: ref('EntityRef'),
    ...polymorphic,
  },
} as const satisfies Schema;

/**
 * A party on an order must say what it is there for: the role is how the CSP tells the buyer from
 * the `thirdPartyPayer` who is billed (FLOWS 8.7).
 */
const orderParty = refWith('RelatedParty', { required: ['role'] });

const productOrder = resourceSchemas({
  type: 'ProductOrder',
  officialRequired: { entity: ['productOrderItem'] },
  createRequired: ['productOrderItem'],
  entityRequired: ['productOrderItem', 'state'],
  properties: {
    productOrderItem: listOf('ProductOrderItem', 1),
    state: oneOfValues(ORDER_STATES),
    relatedParty: listOf(orderParty),
    billingAccount: ref('EntityRef'),
    note: listOf('Note'),
    externalId: str,
    category: str,
    description: str,
    priority: str,
    notificationContact: str,
    cancellationReason: str,
    cancellationDate: dateTime,
    completionDate: dateTime,
    expectedCompletionDate: dateTime,
    orderDate: dateTime,
    requestedCompletionDate: dateTime,
    requestedStartDate: dateTime,
    orderTotalPrice: listOf('OrderPrice'),
    channel: listOf({ type: 'object', properties: { id: str, href: str, name: str, role: str } }),
    agreement: listOf('EntityRef'),
    payment: listOf('EntityRef'),
    quote: listOf('EntityRef'),
    productOfferingQualification: listOf('EntityRef'),
  },
});

export const ORDERING_SCHEMAS = [OrderPrice, ProductOrderItem, ...productOrder];
