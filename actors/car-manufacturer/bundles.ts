import type { Bundle } from '../../tmf/auth.ts';
import type { BootstrapBundles } from '../kit/runtime.ts';
import { RESOLUTION_TEAM_BUNDLE } from '../trouble-tickets/processes/resolution-team.ts';

/** What the OEM's partners may call on its APIs. */
export const oemBundles: readonly Bundle[] = [
  {
    name: 'oem-csp-partner',
    grants: [
      { api: 'TMF620', access: 'write' },
      { api: 'TMF621', access: 'write' },
      { api: 'TMF623', access: 'write' },
      { api: 'TMF678', access: 'read' },
      { api: 'BillingV2', access: 'write' },
      { api: 'TMF622', access: 'write' },
    ],
  },
  // Figures 10–11: publishes to the central catalog, sells converged offers, activates them in the inventory.
  {
    name: 'oem-content-partner',
    grants: [
      { api: 'TMF620', access: 'write' },
      { api: 'TMF637', access: 'write' },
      { api: 'TMF622', access: 'write' },
      { api: 'BillingV2', access: 'write' },
    ],
  },
  // A driver reads its own orders and services (8.3, figure 11) and its invoices, and pays them.
  {
    name: 'oem-driver',
    grants: [
      { api: 'TMF678', access: 'read' },
      { api: 'TMF676', access: 'write' },
      { api: 'TMF622', access: 'read' },
      { api: 'TMF637', access: 'read' },
    ],
  },
  {
    name: 'oem-call-center',
    grants: [
      { api: 'TMF621', access: 'write' },
      { api: 'TMF623', access: 'write' },
      { api: 'BillingV2', access: 'write' },
    ],
  },
  RESOLUTION_TEAM_BUNDLE,
];

export const oemBootstrap: BootstrapBundles = {
  csp: 'oem-csp-partner',
  'content-provider': 'oem-content-partner',
  'call-center': 'oem-call-center',
  driver: 'oem-driver',
  // Its own resolution team, reaching it through the wire's self-route (9.26).
  'car-manufacturer': RESOLUTION_TEAM_BUNDLE.name,
};
