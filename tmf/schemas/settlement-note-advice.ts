/**
 * Billing Management v2 SettlementNoteAdvice. v2 only lets it be read; creating, accepting and
 * disputing it is the project's extension, modelled here:
 * - `state`: issued → accepted | disputed → revised → … → paid (the domain enforces the transitions);
 * - `disputeReason`: required whenever the state is `disputed`; a disputed item carries its own;
 * - `payer`: who pays the receiver (the OEM, or the CSP for the call center's tickets), and `revision`:
 *   how many times the issuer revised the note after a dispute (0 or absent: never);
 * - items carry their own `taxExcludedAmount` / `taxIncludedAmount` (numbers in the note's
 *   `currencyCode`, like the note's totals in v2), since v2 items have no amount to sum.
 * v2 amounts are plain numbers with a currency code, not TMF v4 Money; v2 ids may be integers.
 */
import { dateTime, listOf, num, oneOfValues, ref, str, text, whenEquals, type Schema } from './common.ts';
import { resourceSchemas } from './resource.ts';

export const SETTLEMENT_STATES = ['issued', 'accepted', 'disputed', 'revised', 'paid'] as const;

const currencyCode = { type: 'string', pattern: '^[A-Z]{3}$' } as const;

const SettlementTaxItem = {
  $id: 'SettlementTaxItem',
  type: 'object',
  properties: { taxCategory: str, taxRate: { type: 'number', minimum: 0 }, taxAmount: num },
} as const satisfies Schema;

/** Issuer or receiver of the note: a party id is required, the note is routed by it. */
const SettlementParty = {
  $id: 'SettlementParty',
  type: 'object',
  required: ['id'],
  properties: { id: text, href: str, name: str, taxRegistration: { type: 'object', properties: { number: str } } },
} as const satisfies Schema;

/** One settled thing (e.g. one handled ticket): `itemId` names it, the amount is what it is worth. */
const SettlementNoteItem = {
  $id: 'SettlementNoteItem',
  type: 'object',
  required: ['itemId', 'taxExcludedAmount'],
  properties: {
    itemNumber: str,
    itemId: text,
    itemLabel: str,
    quantity: str,
    taxExcludedAmount: num,
    taxIncludedAmount: num,
    /** The receiver's reason when it disputes this item (project extension: a dispute item by item). */
    disputeReason: str,
    taxItem: listOf('SettlementTaxItem'),
    period: { type: 'object', properties: { startPeriod: dateTime, endPeriod: dateTime } },
    productSpecification: { type: 'object', properties: { name: str, productNumber: str } },
  },
} as const satisfies Schema;

const disputeHasReason = whenEquals('state', 'disputed', ['disputeReason']);

const settlementNoteAdvice = resourceSchemas({
  type: 'SettlementNoteAdvice',
  integerIds: true,
  createRequired: ['issuer', 'receiver', 'currencyCode', 'taxExcludedAmount', 'settlementNoteItem'],
  // The v2 file requires nothing: what the flows need is a flow rule.
  officialRequired: { create: [] },
  entityRequired: ['state', 'issuer', 'receiver', 'currencyCode', 'taxExcludedAmount', 'settlementNoteItem'],
  properties: {
    state: oneOfValues(SETTLEMENT_STATES),
    disputeReason: text,
    date: dateTime,
    description: str,
    paymentDueDate: dateTime,
    taxDate: dateTime,
    currencyCode,
    taxExcludedAmount: num,
    taxIncludedAmount: num,
    taxItem: listOf('SettlementTaxItem'),
    settlementMethod: { type: 'object', properties: { code: str, label: str } },
    issuer: ref('SettlementParty'),
    receiver: ref('SettlementParty'),
    payer: ref('SettlementParty'),
    revision: { type: 'integer', minimum: 0 },
    settlementNoteImage: {
      type: 'object',
      properties: { imageFormat: str, imageSize: str, imageFileName: str, imageFileURL: str },
    },
    settlementNoteItem: listOf('SettlementNoteItem', 1),
  },
  rules: [disputeHasReason],
  updateRules: [disputeHasReason],
});

export const SETTLEMENT_SCHEMAS = [SettlementTaxItem, SettlementParty, SettlementNoteItem, ...settlementNoteAdvice];
