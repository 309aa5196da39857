import { JOURNAL } from '../../core/journal-events.ts';
import { allOf, call, control, equals, hubTraffic, inbox, journal, notify, subscribe } from './observe.ts';
import { INBOX_TOPIC, PARTY_API } from '../../core/party-api.ts';
import { PRODUCT_ORDER_EVENTS, SETTLEMENT_NOTE_CHANGE_EVENTS, SETTLEMENT_NOTE_CREATED_EVENT } from './tmf-events.ts';
import type { FlowStep } from './types.ts';

const PAYEES = ['content-provider', 'csp'] as const;
const CHANNELS = ['csp', 'content-provider'] as const;

/** Figure 11 — ordering and delivering the converged offer. */
export const FIGURE_11: readonly FlowStep[] = [
  {
    id: '11.1',
    figure: 11,
    from: ['driver'],
    to: ['car-manufacturer'],
    title: 'control (self-service portal)',
    rule: 'places the order; the OEM registers it (TMF622 on its own API)',
    observe: allOf(control('driver', 'car-manufacturer', PARTY_API.portalOrder), journal('car-manufacturer', JOURNAL.orderRegistered)),
    // The same order placed through the CSP's or the content provider's channel (issue 5): the channel
    // passes it on to the OEM's TMF622, which fulfils it as in 11.2–11.5. Never required.
    related: [control('driver', CHANNELS, PARTY_API.channelOrder), call(CHANNELS, 'car-manufacturer', 'POST', 'TMF622', 'productOrder')],
  },
  {
    id: '11.2',
    figure: 11,
    from: ['car-manufacturer'],
    to: ['car-manufacturer'],
    title: 'TMF629 GET customer (+ account) (internal)',
    rule: 'retrieves the customer and customer account',
    observe: journal('car-manufacturer', JOURNAL.customerRetrieved),
    after: ['11.1'],
  },
  {
    id: '11.3',
    figure: 11,
    from: ['car-manufacturer'],
    to: ['car-manufacturer'],
    title: 'TMF666 GET billingAccount, POST when missing (internal)',
    rule: 'billing account retrieved or created',
    observe: journal('car-manufacturer', JOURNAL.billingAccountReady),
    after: ['11.2'],
  },
  {
    id: '11.4',
    figure: 11,
    from: ['car-manufacturer'],
    to: ['car-manufacturer'],
    title: 'TMF637 GET product?relatedParty.id=… (internal)',
    rule: 'existing products; compatibility check (e.g. no duplicate active subscription of the same offer)',
    observe: journal('car-manufacturer', JOURNAL.orderCompatibilityChecked),
    after: ['11.2'],
  },
  {
    id: '11.5',
    figure: 11,
    from: ['car-manufacturer'],
    to: ['car-manufacturer'],
    title: 'TMF622 productOrder → completed; TMF637 product created (status created / pendingActive) (internal)',
    rule: 'the converged offer order',
    observe: allOf(journal('car-manufacturer', JOURNAL.orderCompleted), journal('car-manufacturer', JOURNAL.productCreated)),
    after: ['11.3', '11.4'],
  },
  {
    id: '11.6',
    figure: 11,
    from: ['driver'],
    to: ['content-provider'],
    title: 'control',
    rule: 'later, the driver asks the content provider to activate the service',
    observe: control('driver', 'content-provider', PARTY_API.activationRequest),
    after: ['11.5'],
  },
  {
    id: '11.7',
    figure: 11,
    from: ['content-provider'],
    to: ['car-manufacturer'],
    title: 'TMF637 GET product?…',
    rule: 'is the service owned by this customer?',
    observe: call('content-provider', 'car-manufacturer', 'GET', 'TMF637', 'product'),
    after: ['11.6'],
  },
  {
    id: '11.8',
    figure: 11,
    from: ['content-provider'],
    to: ['csp'],
    title: 'TMF622 POST productOrder',
    rule: "requests the connectivity part's activation; subscribes for order events",
    observe: allOf(call('content-provider', 'csp', 'POST', 'TMF622', 'productOrder'), subscribe('content-provider', 'csp', 'TMF622')),
    related: hubTraffic('content-provider', 'csp', 'TMF622'),
    after: ['11.7'],
  },
  {
    id: '11.9',
    figure: 11,
    from: ['csp'],
    to: ['content-provider'],
    title: 'TMF622 ProductOrderStateChangeEvent to listener',
    rule: 'order realization (completed)',
    observe: notify('csp', 'content-provider', 'TMF622', ['productOrderStateChangeEvent']),
    related: [notify('csp', 'content-provider', 'TMF622', PRODUCT_ORDER_EVENTS)],
    after: ['11.8'],
  },
  {
    id: '11.10',
    figure: 11,
    from: ['content-provider'],
    to: ['car-manufacturer'],
    title: 'TMF637 PATCH product status active',
    rule: 'activates the service and notifies the OEM through the inventory',
    observe: call('content-provider', 'car-manufacturer', 'PATCH', 'TMF637', 'product', { body: [equals('status', 'active')] }),
    after: ['11.9'],
  },
  {
    id: '11.11',
    figure: 11,
    from: ['car-manufacturer'],
    to: ['car-manufacturer'],
    title: 'end of billing cycle (internal)',
    rule: "produces the customer's invoice (TMF678 on its own API)",
    observe: journal('car-manufacturer', JOURNAL.billProduced),
    after: ['11.5'],
  },
  {
    id: '11.12',
    figure: 11,
    from: ['car-manufacturer'],
    to: ['content-provider', 'csp'],
    title: 'settlement note advice + TMF676 payment',
    rule:
      'settlements: pays back the content provider and the CSP their shares of the converged offer; ' +
      "shares sum to what the customer paid minus the OEM's margin",
    // Each payee is told of its settlement note advice (hosted by the OEM) and receives a payment.
    observe: allOf(
      notify('car-manufacturer', 'content-provider', 'BillingV2', [SETTLEMENT_NOTE_CREATED_EVENT]),
      notify('car-manufacturer', 'csp', 'BillingV2', [SETTLEMENT_NOTE_CREATED_EVENT]),
      call('car-manufacturer', 'content-provider', 'POST', 'TMF676', 'payment'),
      call('car-manufacturer', 'csp', 'POST', 'TMF676', 'payment'),
    ),
    // The payees may read and answer their note like the call center does in 9.11–9.12.
    related: [
      ...hubTraffic(PAYEES, 'car-manufacturer', 'BillingV2'),
      notify('car-manufacturer', PAYEES, 'BillingV2', SETTLEMENT_NOTE_CHANGE_EVENTS),
      call(PAYEES, 'car-manufacturer', 'GET', 'BillingV2', 'settlementNoteAdvice'),
      call(PAYEES, 'car-manufacturer', 'PATCH', 'BillingV2', 'settlementNoteAdvice'),
    ],
    // Settled from what was paid: after 11.14 too, which the scenarios check (step ids only point back).
    after: ['11.11'],
  },
  // Project additions (docs/FLOWS-ADDITIONS.md): the seed has the driver invoiced and the partners paid
  // "from what the customer paid"; these two steps make the invoice reach the driver and the payment real.
  {
    id: '11.13',
    figure: 11,
    from: ['car-manufacturer'],
    to: ['driver'],
    title: 'inbox',
    rule: 'the driver is told its invoice is available: amount due, due date',
    observe: inbox('car-manufacturer', INBOX_TOPIC.invoiceAvailable),
    after: ['11.11'],
  },
  {
    id: '11.14',
    figure: 11,
    from: ['driver'],
    to: ['car-manufacturer'],
    title: 'TMF676 POST payment',
    rule: "the driver pays the OEM's invoice (in full or in part, never more than remains due); the bill's state follows: " + 'partiallyPaid, then settled',
    observe: allOf(call('driver', 'car-manufacturer', 'POST', 'TMF676', 'payment'), journal('car-manufacturer', JOURNAL.billPaid)),
    // The driver reads its bill (amount remaining) before paying.
    related: [call('driver', 'car-manufacturer', 'GET', 'TMF678', 'customerBill')],
    after: ['11.13'],
  },
  {
    id: '11.15',
    figure: 11,
    from: ['car-manufacturer'],
    to: ['driver'],
    title: 'inbox',
    rule: 'the driver is told its service is active (the content provider activated it), billed from that day',
    observe: inbox('car-manufacturer', INBOX_TOPIC.serviceActivated),
    after: ['11.10'],
  },
];
