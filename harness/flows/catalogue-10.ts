import { JOURNAL } from '../../core/journal-events.ts';
import { allOf, call, hubTraffic, journal, notify, subscribe } from './observe.ts';
import type { FlowStep } from './types.ts';

/** Figure 10 — creating a converged infotainment offer. */
export const FIGURE_10: readonly FlowStep[] = [
  {
    id: '10.1',
    figure: 10,
    from: ['csp'],
    to: ['csp'],
    title: 'TMF620 POST productOffering + productOfferingPrice (internal)',
    rule: 'the CSP catalog manager creates an offer (e.g. 5 GB data for X EUR)',
    observe: journal('csp', JOURNAL.offeringCreated),
  },
  {
    id: '10.2',
    figure: 10,
    from: ['csp'],
    to: ['csp'],
    title: 'TMF620 PATCH (internal)',
    rule: 'marks it eligible for partners',
    observe: journal('csp', JOURNAL.offeringPartnerEligible),
    after: ['10.1'],
  },
  {
    id: '10.3',
    figure: 10,
    from: ['csp'],
    to: ['car-manufacturer'],
    title: 'TMF620 POST productOffering on the central catalog',
    rule: 'publishes it to the central catalog',
    observe: call('csp', 'car-manufacturer', 'POST', 'TMF620', 'productOffering'),
    // A party that puts an offer in the central catalog subscribes there, once, to the settlement notes
    // the offer will bring it (figure 11, 11.12).
    related: [subscribe('csp', 'car-manufacturer', 'BillingV2')],
    after: ['10.2'],
  },
  {
    id: '10.4',
    figure: 10,
    from: ['content-provider'],
    to: ['content-provider'],
    title: 'TMF620 POST on its own catalog (internal)',
    rule: 'creates its own offer (e.g. music access)',
    observe: journal('content-provider', JOURNAL.offeringCreated),
  },
  {
    id: '10.5',
    figure: 10,
    from: ['content-provider'],
    to: ['car-manufacturer'],
    title: 'TMF620 GET productOffering (partner-eligible, from the CSP)',
    rule: 'retrieves CSP offers from the central catalog',
    observe: call('content-provider', 'car-manufacturer', 'GET', 'TMF620', 'productOffering'),
    after: ['10.3'],
  },
  {
    id: '10.6',
    figure: 10,
    from: ['content-provider'],
    to: ['content-provider'],
    title: 'TMF620 POST bundle (internal)',
    rule: 'creates the converged offer (e.g. 5 GB music download for Y EUR): isBundle, bundledProductOffering = its offer + the CSP offer',
    observe: journal('content-provider', JOURNAL.offeringBundled),
    after: ['10.4', '10.5'],
  },
  {
    id: '10.7',
    figure: 10,
    from: ['content-provider'],
    to: ['car-manufacturer'],
    title: 'TMF620 POST productOffering',
    rule: 'registers the converged offer in the central catalog',
    observe: call('content-provider', 'car-manufacturer', 'POST', 'TMF620', 'productOffering'),
    related: [subscribe('content-provider', 'car-manufacturer', 'BillingV2')], // as 10.3
    after: ['10.6'],
  },
  {
    id: '10.8',
    figure: 10,
    from: ['csp', 'car-manufacturer'],
    to: ['car-manufacturer'],
    title: 'TMF620 GET + verification',
    rule: 'both check it: every bundled offer exists, is partner-eligible and launched; price consistent with the shares; ' + 'a rejection gives reasons',
    observe: allOf(
      call('csp', 'car-manufacturer', 'GET', 'TMF620', 'productOffering'),
      journal('csp', JOURNAL.offeringVerified),
      journal('car-manufacturer', JOURNAL.offeringVerified),
    ),
    // How the CSP learns of the new offer (an event) and hands its verdict back (a PATCH on the central
    // offering) is left to the parties: FLOWS.md names neither, so both are allowed, neither required.
    related: [
      ...hubTraffic('csp', 'car-manufacturer', 'TMF620'),
      notify('car-manufacturer', 'csp', 'TMF620', ['productOfferingCreateEvent', 'productOfferingStateChangeEvent']),
      call('csp', 'car-manufacturer', 'PATCH', 'TMF620', 'productOffering'),
    ],
    after: ['10.7'],
  },
  {
    id: '10.9',
    figure: 10,
    from: ['car-manufacturer'],
    to: ['csp', 'content-provider', 'car-manufacturer'],
    title: 'TMF620 POST productOffering',
    rule: 'once approved, the converged offer is distributed to the three product catalogs: it can be ordered through any of the three channels',
    observe: allOf(
      call('car-manufacturer', 'csp', 'POST', 'TMF620', 'productOffering'),
      call('car-manufacturer', 'content-provider', 'POST', 'TMF620', 'productOffering'),
      journal('car-manufacturer', JOURNAL.offeringDistributed),
    ),
    after: ['10.8'],
  },
];
