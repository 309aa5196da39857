/**
 * The domain event types that prove the internal steps of FLOWS.md. Actors record them in their journal
 * with exactly these names; the flow catalogue looks for them. The comment says which step each proves.
 */
export const JOURNAL = {
  /** 7.2 csp: organization, billing account, credentials and API bundle of a partner created. */
  partnerOnboarded: 'partner.onboarded',
  /** 7.4, 8.8 csp: a product subscription registered in the inventory (TMF637). */
  subscriptionRegistered: 'subscription.registered',
  /** 7.6 car-manufacturer: its own service catalog built from the CSP offers. */
  catalogBuilt: 'catalog.built',
  /** 7.7, 8.12 csp; 11.11 car-manufacturer: a customer bill produced at the end of a billing period. */
  billProduced: 'bill.produced',
  /** 8.3, 11.1 car-manufacturer: an order registered on its own TMF622. */
  orderRegistered: 'order.registered',
  /** 8.8 csp: the 3rd party payer set up (customer + billing account, created or reused). */
  payerRegistered: 'payer.registered',
  /** 8.8 csp; 11.5 car-manufacturer: an order reached the state completed. */
  orderCompleted: 'order.completed',
  /** 8.8 csp: mediation asked to collect usage for a subscription. */
  usageCollectionRequested: 'usage.collection-requested',
  /** 8.9 csp: a usage record received by the mediation intake (status received). */
  usageReceived: 'usage.received',
  /** 8.10 csp: a usage record guided to its subscription and payers (status guided). */
  usageGuided: 'usage.guided',
  /** 8.10 csp: usage records split by payer and rated. */
  usageRated: 'usage.rated',
  /** 8.10 csp: a usage record mediation cannot rate, kept as rejected with the reason. */
  usageRejected: 'usage.rejected',
  /** 8.9–8.10 csp: a part of a usage batch taken in and mediated in one store update (the batch extension). */
  usageBatchIngested: 'usage.batch-ingested',
  /** 8.12 csp: rated usage marked billed. */
  usageBilled: 'usage.billed',
  /** 9.2 call-center: the master trouble ticket created. */
  ticketOpened: 'ticket.opened',
  /** 9.4 csp / car-manufacturer: a misdirected ticket redirected and its own copy rejected. */
  ticketRedirected: 'ticket.redirected',
  /** 9.8 call-center: the master trouble ticket closed. */
  ticketClosed: 'ticket.closed',
  /** 9.10 car-manufacturer: the call center settlement computed. */
  settlementComputed: 'settlement.computed',
  /** 9.21 csp / car-manufacturer: a metric breached an SLA rule and an slaViolation was created. */
  slaViolated: 'sla.violated',
  /** 9.26 csp / car-manufacturer: the resolution team matched an alarm ticket to a violation. */
  alarmCorrelated: 'alarm.correlated',
  /** 10.1 csp, 10.4 content-provider: an offering (and its price) created in the own catalog. */
  offeringCreated: 'offering.created',
  /** 10.2 csp: an offering marked eligible for partners. */
  offeringPartnerEligible: 'offering.partner-eligible',
  /** 10.6 content-provider: the converged bundle offering created. */
  offeringBundled: 'offering.bundled',
  /** 10.8 csp and car-manufacturer: a converged offering checked (approved, or rejected with reasons). */
  offeringVerified: 'offering.verified',
  /** 10.9 car-manufacturer: the approved converged offering placed in its own product catalog. */
  offeringDistributed: 'offering.distributed',
  /** 11.2 car-manufacturer: customer and customer account retrieved. */
  customerRetrieved: 'customer.retrieved',
  /** 11.3 car-manufacturer: billing account retrieved or created. */
  billingAccountReady: 'billing-account.ready',
  /** 11.4 car-manufacturer: existing products checked for compatibility with the order. */
  orderCompatibilityChecked: 'order.compatibility-checked',
  /** 11.14 car-manufacturer: a driver's payment applied to its bill (partially paid, or settled). */
  billPaid: 'bill.paid',
  /** 11.5 car-manufacturer: the product of the converged offer created in its inventory. */
  productCreated: 'product.created',
} as const;

export type JournalType = (typeof JOURNAL)[keyof typeof JOURNAL];
