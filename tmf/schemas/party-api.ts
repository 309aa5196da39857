/** The parties' own non-TMF bodies that flow steps exchange: the driver's inbox, the onboarding result, the service selection. */
import { ACTOR_IDS } from '../../core/actor-ids.ts';
import { dateTime, listOf, ref, text, type Schema } from './common.ts';

/** What a party tells the driver (an invoice, a ticket outcome, an SLA report), by POST to its inbox. */
const InboxMessage = {
  $id: 'InboxMessage',
  type: 'object',
  required: ['from', 'subject', 'body'],
  properties: {
    // `id`: the sender's id for the message; the same id from the same sender is kept once (a resend after a crash).
    id: text,
    from: { type: 'string', enum: ACTOR_IDS },
    subject: text,
    body: text,
    relatedEntity: listOf('RelatedEntity'),
    receivedAt: dateTime,
  },
} as const satisfies Schema;

/** What the CSP hands a new partner (FLOWS 7.3): its credentials and the API bundle it may call. */
const OnboardingResult = {
  $id: 'OnboardingResult',
  type: 'object',
  required: ['clientId', 'apiKey', 'bundle'],
  properties: { clientId: text, apiKey: text, bundle: text, portalUrl: { type: 'string', format: 'uri' } },
} as const satisfies Schema;

/**
 * A driver's order of an offering for one of the seller's customers (FLOWS 11.1 on the OEM portal; the
 * same body on the CSP's and the content provider's channels).
 */
const ConvergedOrderRequest = {
  $id: 'ConvergedOrderRequest',
  type: 'object',
  required: ['productOfferingId'],
  properties: {
    customerId: text,
    productOfferingId: text,
    /** A driver the OEM does not know yet (no customerId): who it is, so the OEM can make it a customer (11.2). */
    newCustomer: { type: 'object', required: ['name', 'email'], properties: { name: text, email: { type: 'string', format: 'email' } } },
  },
  oneOf: [{ required: ['customerId'] }, { required: ['newCustomer'] }],
} as const satisfies Schema;

/** The driver asks the content provider to activate a service it bought (FLOWS 11.6). */
const ActivationRequest = {
  $id: 'ActivationRequest',
  type: 'object',
  required: ['customerId'],
  properties: { customerId: text, productOfferingId: text },
} as const satisfies Schema;

/** What the driver tells the call center on the phone (FLOWS 9.1): who calls, and the trouble in their words. */
const SupportRequest = {
  $id: 'SupportRequest',
  type: 'object',
  required: ['customer', 'description'],
  properties: { customer: ref('RelatedParty'), description: text, symptoms: { type: 'array', items: text }, severity: text },
} as const satisfies Schema;

/**
 * The driver's choice (FLOWS 8.2): an infotainment service of the OEM's catalog for one car, and the
 * driver's agreement to pay its connectivity as 3rd party payer; the advanced offer adds split criteria.
 */
const ServiceSelection = {
  $id: 'ServiceSelection',
  type: 'object',
  required: ['vehicleId', 'productOffering', 'customer', 'thirdPartyPayer'],
  properties: {
    vehicleId: text,
    productOffering: ref('EntityRef'),
    thirdPartyPayer: { type: 'boolean' },
    customer: {
      type: 'object',
      required: ['givenName', 'familyName', 'email'],
      properties: { givenName: text, familyName: text, email: { type: 'string', format: 'email' } },
    },
    splitBillingCriteria: ref('SplitBillingCriteria'),
  },
} as const satisfies Schema;

export const PARTY_API_SCHEMAS = [InboxMessage, OnboardingResult, ServiceSelection, ConvergedOrderRequest, ActivationRequest, SupportRequest];
