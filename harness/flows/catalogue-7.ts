import { JOURNAL } from '../../core/journal-events.ts';
import { allOf, call, control, hubTraffic, journal, notify, differs } from './observe.ts';
import { PARTY_API } from '../../core/party-api.ts';
import { PRODUCT_ORDER_EVENTS } from './tmf-events.ts';
import type { FlowStep } from './types.ts';

/** Figure 7 — product setup and billing. */
export const FIGURE_7: readonly FlowStep[] = [
  {
    id: '7.1',
    figure: 7,
    from: ['car-manufacturer'],
    to: ['csp'],
    title: 'TMF622 POST productOrder',
    rule: 'orders the connectivity offer and the split billing offer (partner order)',
    // The partner order has no 3rd party payer: that is what tells it from the driver's order of 8.7.
    observe: call('car-manufacturer', 'csp', 'POST', 'TMF622', 'productOrder', { body: [differs('relatedParty.role', 'thirdPartyPayer')] }),
    related: [...hubTraffic('car-manufacturer', 'csp', 'TMF622'), notify('csp', 'car-manufacturer', 'TMF622', PRODUCT_ORDER_EVENTS)],
  },
  {
    id: '7.2',
    figure: 7,
    from: ['csp'],
    to: ['csp'],
    title: 'partner onboarding (internal)',
    rule:
      "creates the OEM's organization (TMF632), billing account (TMF666), API credentials and the API bundle: " +
      'the named set of APIs this partner may call (e.g. connected-car-split-billing = TMF620 read, 622, 629, 632, ' +
      '635 read, 666, 678 read). Any call outside the bundle is refused (403); no credentials is 401',
    observe: journal('csp', JOURNAL.partnerOnboarded),
    after: ['7.1'],
  },
  {
    id: '7.3',
    figure: 7,
    from: ['csp'],
    to: ['car-manufacturer'],
    title: 'out-of-band (control / onboarding result)',
    rule: 'returns portal credentials and the bundle name',
    observe: control('csp', 'car-manufacturer', PARTY_API.onboardingResult),
    after: ['7.2'],
  },
  {
    id: '7.4',
    figure: 7,
    from: ['csp'],
    to: ['csp'],
    title: 'billing (internal)',
    rule: "registers the offer subscription (TMF637 product, active, billing account = OEM's)",
    observe: journal('csp', JOURNAL.subscriptionRegistered),
    after: ['7.2'],
  },
  {
    id: '7.5',
    figure: 7,
    from: ['car-manufacturer'],
    to: ['csp'],
    title: 'TMF620 GET productOffering with filters',
    rule:
      'retrieves only the infotainment data connectivity offers ' +
      '(filter e.g. category.name=infotainment-connectivity&lifecycleStatus=Launched); the filter must name category.name',
    observe: call('car-manufacturer', 'csp', 'GET', 'TMF620', 'productOffering', { query: ['category.name'] }),
    after: ['7.3'],
  },
  {
    id: '7.6',
    figure: 7,
    from: ['car-manufacturer'],
    to: ['car-manufacturer'],
    title: 'TMF620 POST on its own catalog (internal)',
    rule: 'builds its own service catalog from those offers (each references the CSP offering)',
    observe: journal('car-manufacturer', JOURNAL.catalogBuilt),
    after: ['7.5'],
  },
  {
    id: '7.7',
    figure: 7,
    from: ['csp'],
    to: ['csp'],
    title: 'end of billing period (internal)',
    rule: 'rates recurring fees of the subscribed offers (connectivity + split billing), produces one customerBill for the OEM',
    observe: journal('csp', JOURNAL.billProduced),
    after: ['7.4'],
  },
  {
    id: '7.8',
    figure: 7,
    from: ['csp'],
    to: ['car-manufacturer'],
    title: 'TMF678 event or listener notification',
    rule: "the OEM learns the invoice is available (choice): CustomerBill create notification to the OEM's listener",
    observe: notify('csp', 'car-manufacturer', 'TMF678', ['customerBillCreateEvent']),
    related: [...hubTraffic('car-manufacturer', 'csp', 'TMF678'), notify('csp', 'car-manufacturer', 'TMF678', ['customerBillStateChangeEvent'])],
    after: ['7.7'],
  },
  {
    id: '7.9',
    figure: 7,
    from: ['car-manufacturer'],
    to: ['csp'],
    title: 'TMF678 GET customerBill, GET appliedCustomerBillingRate?bill.id=…',
    rule: 'retrieves the invoice and its bill items; the sum of items equals the bill amount',
    observe: allOf(
      call('car-manufacturer', 'csp', 'GET', 'TMF678', 'customerBill'),
      call('car-manufacturer', 'csp', 'GET', 'TMF678', 'appliedCustomerBillingRate', { query: ['bill.id'] }),
    ),
    after: ['7.8'],
  },
];
