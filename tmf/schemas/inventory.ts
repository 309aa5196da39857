/**
 * TMF637 Product Inventory v4: Product, plus the product parts TMF622 orders embed
 * (ProductRefOrValue, ProductPrice, Price).
 */
import { bool, dateTime, listOf, oneOfValues, polymorphic, ref, str, text, type Schema } from './common.ts';
import { resourceSchemas } from './resource.ts';

/** Product lifecycle (TMF637 v4 ProductStatusType; the spec file spells one value with a stray space). */
export const PRODUCT_STATUSES = ['created', 'pendingActive', 'cancelled', 'active', 'pendingTerminate', 'suspended', 'aborted', 'terminated'] as const;

const Price = {
  $id: 'Price',
  type: 'object',
  properties: {
    percentage: { type: 'number', minimum: 0, maximum: 100 },
    taxRate: { type: 'number', minimum: 0 },
    dutyFreeAmount: ref('Money'),
    taxIncludedAmount: ref('Money'),
    ...polymorphic,
  },
} as const satisfies Schema;

const ProductPrice = {
  $id: 'ProductPrice',
  type: 'object',
  required: ['price', 'priceType'],
  properties: {
    name: str,
    description: str,
    priceType: text,
    recurringChargePeriod: str,
    unitOfMeasure: str,
    price: ref('Price'),
    productOfferingPrice: ref('EntityRef'),
    billingAccount: ref('EntityRef'),
    productPriceAlteration: listOf({ type: 'object' }),
    ...polymorphic,
  },
} as const satisfies Schema;

/** Where a product came from: the order and item that created or changed it. */
const RelatedProductOrderItem = {
  $id: 'RelatedProductOrderItem',
  type: 'object',
  required: ['orderItemId', 'productOrderId'],
  properties: {
    orderItemId: text,
    productOrderId: text,
    productOrderHref: str,
    orderItemAction: str,
    role: str,
    '@referredType': str,
    ...polymorphic,
  },
} as const satisfies Schema;

/** Attributes shared by the inventory Product and the product embedded in an order item. */
const productProperties = {
  name: str,
  description: str,
  isBundle: bool,
  isCustomerVisible: bool,
  productSerialNumber: str,
  orderDate: dateTime,
  startDate: dateTime,
  terminationDate: dateTime,
  status: oneOfValues(PRODUCT_STATUSES),
  productOffering: ref('EntityRef'),
  productSpecification: ref('EntityRef'),
  billingAccount: ref('EntityRef'),
  productCharacteristic: listOf('Characteristic'),
  productPrice: listOf('ProductPrice'),
  productOrderItem: listOf('RelatedProductOrderItem'),
  relatedParty: listOf('RelatedParty'),
  product: listOf('ProductRefOrValue'),
  productRelationship: listOf({
    type: 'object',
    required: ['relationshipType', 'product'],
    properties: { relationshipType: text, product: ref('ProductRefOrValue'), ...polymorphic },
  }),
  realizingService: listOf('EntityRef'),
  realizingResource: listOf('EntityRef'),
  agreement: listOf('EntityRef'),
  place: listOf({ type: 'object', properties: { id: str, href: str, role: str } }),
  productTerm: listOf({ type: 'object', properties: { name: str, description: str, duration: ref('Quantity'), validFor: ref('TimePeriod') } }),
} as const satisfies Record<string, Schema>;

/** A product in an order item: a reference to an existing one (`id`) or the value of a new one. */
const ProductRefOrValue = {
  $id: 'ProductRefOrValue',
  type: 'object',
  properties: { id: text, href: str, '@referredType': str, ...productProperties, ...polymorphic },
} as const satisfies Schema;

/** A served product always has its status: the flows follow it (created → active → terminated). */
const product = resourceSchemas({
  type: 'Product',
  createRequired: ['status'],
  entityRequired: ['status'],
  properties: productProperties,
});

export const INVENTORY_SCHEMAS = [Price, ProductPrice, RelatedProductOrderItem, ProductRefOrValue, ...product];
