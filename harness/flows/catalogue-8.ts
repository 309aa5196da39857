import { JOURNAL } from '../../core/journal-events.ts';
import { allOf, anyOf, call, control, equals, hubTraffic, inbox, journal, notify } from './observe.ts';
import { INBOX_TOPIC, PARTY_API } from '../../core/party-api.ts';
import { PRODUCT_ORDER_EVENTS } from './tmf-events.ts';
import { BRANCHES, type FlowStep } from './types.ts';

/** Figure 8 — service use. */
export const FIGURE_8: readonly FlowStep[] = [
  {
    id: '8.1',
    figure: 8,
    from: ['car-manufacturer'],
    to: ['driver'],
    title: 'control/inbox',
    rule: 'when the driver buys the car, the OEM offers infotainment services with connectivity billed by the CSP',
    observe: inbox('car-manufacturer', INBOX_TOPIC.serviceOffer),
  },
  {
    id: '8.2',
    figure: 8,
    from: ['driver'],
    to: ['car-manufacturer'],
    title: 'control',
    rule: 'the driver selects an infotainment service and agrees to be 3rd party payer for its connectivity',
    observe: control('driver', 'car-manufacturer', PARTY_API.serviceSelection),
    after: ['8.1'],
  },
  {
    id: '8.3',
    figure: 8,
    from: ['car-manufacturer'],
    to: ['car-manufacturer'],
    title: 'TMF622 on its own API (internal)',
    rule: 'registers the infotainment service order',
    observe: journal('car-manufacturer', JOURNAL.orderRegistered),
    after: ['8.2'],
  },
  {
    id: '8.4',
    figure: 8,
    from: ['car-manufacturer'],
    to: ['csp'],
    title: 'TMF629 GET customer?…',
    rule: 'is the driver already a CSP customer? (match on identification, e.g. e-mail or national id)',
    observe: call('car-manufacturer', 'csp', 'GET', 'TMF629', 'customer'),
    after: ['8.3'],
  },
  {
    id: '8.5',
    figure: 8,
    from: ['car-manufacturer'],
    to: ['csp'],
    branch: BRANCHES.existingCustomer,
    title: 'TMF666 GET billingAccount?relatedParty.id=… (and TMF678 where useful)',
    rule: "only if 8.4 found one: retrieve the customer's billing information",
    observe: call('car-manufacturer', 'csp', 'GET', 'TMF666', 'billingAccount', { query: ['relatedParty.id'] }),
    after: ['8.4'],
  },
  {
    id: '8.6',
    figure: 8,
    from: ['car-manufacturer'],
    to: ['csp'],
    branch: BRANCHES.newParty,
    title: 'TMF632 POST individual',
    rule: 'only if 8.4 found none: create the driver as a party who will be 3rd party payer',
    observe: call('car-manufacturer', 'csp', 'POST', 'TMF632', 'individual'),
    after: ['8.4'],
  },
  {
    id: '8.7',
    figure: 8,
    from: ['car-manufacturer'],
    to: ['csp'],
    title: 'TMF622 POST productOrder',
    rule:
      'orders the infotainment connectivity package; relatedParty has the driver as thirdPartyPayer; ' +
      'for advanced offers the order item carries split billing criteria',
    observe: call('car-manufacturer', 'csp', 'POST', 'TMF622', 'productOrder', { body: [equals('relatedParty.role', 'thirdPartyPayer')] }),
    after: ['8.4', '8.5', '8.6'],
  },
  {
    id: '8.8',
    figure: 8,
    from: ['csp'],
    to: ['csp'],
    title: 'ordering (internal)',
    rule:
      'creates the 3rd party payer (customer + billing account), the order, the subscription (TMF637) and asks ' +
      'mediation to collect usage for that subscription; order state goes acknowledged → inProgress → completed, ' +
      "each change notified to the OEM's listener",
    observe: allOf(
      journal('csp', JOURNAL.payerRegistered),
      journal('csp', JOURNAL.orderCompleted),
      journal('csp', JOURNAL.subscriptionRegistered),
      journal('csp', JOURNAL.usageCollectionRequested),
      notify('csp', 'car-manufacturer', 'TMF622', ['productOrderStateChangeEvent'], [equals('event.productOrder.state', 'completed')]),
    ),
    related: [...hubTraffic('car-manufacturer', 'csp', 'TMF622'), notify('csp', 'car-manufacturer', 'TMF622', PRODUCT_ORDER_EVENTS)],
    after: ['8.7'],
  },
  {
    id: '8.9',
    figure: 8,
    from: ['driver'],
    to: ['csp'],
    title: 'TMF635 POST usage (mediation intake)',
    rule: 'the car produces data usage records: infotainment and telematics sessions, tagged by usage class, volume, time, subscription',
    observe: allOf(call('driver', 'csp', 'POST', 'TMF635', 'usage'), journal('csp', JOURNAL.usageReceived)),
    after: ['8.8'],
  },
  {
    id: '8.10',
    figure: 8,
    from: ['csp'],
    to: ['csp'],
    title: 'mediation (internal)',
    rule:
      'splits infotainment from telematics usage; rates infotainment for the 3rd party payer, telematics for the OEM; ' +
      "status received → guided → rated (each state stored; the OEM hears each state of its cars' records, with only its own shares)",
    observe: anyOf(
      allOf(journal('csp', JOURNAL.usageGuided), journal('csp', JOURNAL.usageRated), notify('csp', 'car-manufacturer', 'TMF635', ['usageStateChangeEvent'])),
      // A record mediation cannot guide or rate is kept as rejected, with the reason: mediation's other outcome.
      journal('csp', JOURNAL.usageRejected),
      // Records sent in bulk (the usage batch extension) are mediated in one go, a journal entry per chunk.
      journal('csp', JOURNAL.usageBatchIngested),
    ),
    related: [...hubTraffic('car-manufacturer', 'csp', 'TMF635')],
    after: ['8.9'],
  },
  {
    id: '8.11',
    figure: 8,
    from: ['car-manufacturer'],
    to: ['csp'],
    title: 'TMF635 GET usage?…',
    rule: 'consumption follow-up: the OEM sees the usage of its cars (only its own cars)',
    observe: call('car-manufacturer', 'csp', 'GET', 'TMF635', 'usage'),
    after: ['8.9'],
  },
  {
    id: '8.12',
    figure: 8,
    from: ['csp'],
    to: ['csp'],
    title: 'end of billing period (internal)',
    rule: 'rates recurring fees for the 3rd party payer and the OEM; produces one bill for each; usage becomes billed',
    observe: allOf(journal('csp', JOURNAL.billProduced), journal('csp', JOURNAL.usageBilled)),
    after: ['8.10'],
  },
  {
    id: '8.13',
    figure: 8,
    from: ['car-manufacturer'],
    to: ['csp'],
    title: 'TMF678 GET customerBill / appliedCustomerBillingRate',
    rule: "the OEM gets the bill items of its own invoice (and never the driver's)",
    observe: allOf(
      call('car-manufacturer', 'csp', 'GET', 'TMF678', 'customerBill'),
      call('car-manufacturer', 'csp', 'GET', 'TMF678', 'appliedCustomerBillingRate'),
    ),
    after: ['8.12'],
  },
  {
    id: '8.14',
    figure: 8,
    from: ['csp'],
    to: ['driver'],
    title: 'inbox',
    rule: 'the driver is told its invoice is available',
    observe: inbox('csp', INBOX_TOPIC.invoiceAvailable),
    after: ['8.12'],
  },
];
