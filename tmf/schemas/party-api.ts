/** The parties' own non-TMF bodies that flow steps exchange: the driver's inbox, the onboarding result, the service selection. */
import { ACTOR_IDS } from '../../core/actor-ids.ts';
import { dateTime, listOf, ref, text, type Schema } from './common.ts';

/** What a party tells the driver (an invoice, a ticket outcome, an SLA report), by POST to its inbox. */
const InboxMessage: Schema = {
  $id: 'InboxMessage',
  type: 'object',
  required: ['from', 'subject', 'body'],
  properties: {
    from: { type: 'string', enum: ACTOR_IDS }, subject: text, body: text,
    relatedEntity: listOf('RelatedEntity'), receivedAt: dateTime,
  },
};

/** What the CSP hands a new partner (FLOWS 7.3): its credentials and the API bundle it may call. */
const OnboardingResult: Schema = {
  $id: 'OnboardingResult',
  type: 'object',
  required: ['clientId', 'apiKey', 'bundle'],
  properties: { clientId: text, apiKey: text, bundle: text, portalUrl: { type: 'string', format: 'uri' } },
};

/**
 * The driver's choice (FLOWS 8.2): an infotainment service of the OEM's catalog for one car, and the
 * driver's agreement to pay its connectivity as 3rd party payer; the advanced offer adds split criteria.
 */
const ServiceSelection: Schema = {
  $id: 'ServiceSelection',
  type: 'object',
  required: ['vehicleId', 'productOffering', 'customer', 'thirdPartyPayer'],
  properties: {
    vehicleId: text, productOffering: ref('EntityRef'), thirdPartyPayer: { type: 'boolean' },
    customer: {
      type: 'object',
      required: ['givenName', 'familyName', 'email'],
      properties: { givenName: text, familyName: text, email: { type: 'string', format: 'email' } },
    },
    splitBillingCriteria: ref('SplitBillingCriteria'),
  },
};

export const PARTY_API_SCHEMAS: readonly Schema[] = [InboxMessage, OnboardingResult, ServiceSelection];
