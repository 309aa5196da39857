import type { Bundle } from '../../tmf/auth.ts';
import type { BootstrapBundles } from '../kit/runtime.ts';
import { RESOLUTION_TEAM_BUNDLE } from '../trouble-tickets/processes/resolution-team.ts';

/**
 * The CSP's API bundles (step 7.2). `connected-car-split-billing` is what the OEM gets once its partner
 * order is fulfilled; before that, a prospect may only browse the catalog and place that order.
 */
export const CSP_BUNDLES = {
  prospect: 'partner-onboarding',
  splitBilling: 'connected-car-split-billing',
  troubleTicketing: 'trouble-ticketing',
  contentPartner: 'content-partner',
  car: 'car-mediation',
} as const;

export const cspBundles: readonly Bundle[] = [
  // The OEM also runs the central catalog: it distributes converged offers to the CSP's catalog (10.9)
  // and pays the CSP's settlements (11.12), before and after its onboarding alike.
  {
    name: CSP_BUNDLES.prospect,
    grants: [
      { api: 'TMF620', access: 'write' },
      { api: 'TMF622', access: 'write' },
      { api: 'TMF676', access: 'write' },
    ],
  },
  {
    name: CSP_BUNDLES.splitBilling,
    grants: [
      { api: 'TMF620', access: 'write' },
      { api: 'TMF622', access: 'write' },
      { api: 'TMF629', access: 'write' },
      { api: 'TMF676', access: 'write' },
      { api: 'TMF632', access: 'write' },
      { api: 'TMF635', access: 'read' },
      { api: 'TMF666', access: 'write' },
      { api: 'TMF678', access: 'read' },
      { api: 'TMF637', access: 'read' },
      // Partners exchange trouble tickets: redirects both ways, and the OEM follows the CSP's (figure 9).
      { api: 'TMF621', access: 'write' },
    ],
  },
  {
    name: CSP_BUNDLES.troubleTicketing,
    grants: [
      { api: 'TMF621', access: 'write' },
      { api: 'TMF623', access: 'write' },
      { api: 'TMF676', access: 'write' },
    ],
  },
  {
    name: CSP_BUNDLES.contentPartner,
    grants: [
      { api: 'TMF620', access: 'read' },
      { api: 'TMF622', access: 'write' },
    ],
  },
  { name: CSP_BUNDLES.car, grants: [{ api: 'TMF635', access: 'write' }] },
  RESOLUTION_TEAM_BUNDLE,
];

/** What each peer's bootstrap credential opens at the CSP before any onboarding. */
export const cspBootstrap: BootstrapBundles = {
  'car-manufacturer': CSP_BUNDLES.prospect,
  'call-center': CSP_BUNDLES.troubleTicketing,
  'content-provider': CSP_BUNDLES.contentPartner,
  driver: CSP_BUNDLES.car,
  // Its own resolution team, reaching it through the wire's self-route (9.26).
  csp: RESOLUTION_TEAM_BUNDLE.name,
};
