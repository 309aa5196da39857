import type { Bundle } from '../../tmf/auth.ts';
import type { BootstrapBundles } from '../kit/runtime.ts';

/** What the call center's partners may call: the OEM works on tickets, the CSP also pays settlements. */
export const callCenterBundles: readonly Bundle[] = [
  {
    name: 'cc-resolver',
    grants: [
      { api: 'TMF621', access: 'write' },
      { api: 'TMF623', access: 'read' },
    ],
  },
  {
    name: 'cc-payer',
    grants: [
      { api: 'TMF621', access: 'write' },
      { api: 'TMF676', access: 'write' },
      { api: 'TMF623', access: 'read' },
    ],
  },
];

export const callCenterBootstrap: BootstrapBundles = { csp: 'cc-payer', 'car-manufacturer': 'cc-resolver' };
