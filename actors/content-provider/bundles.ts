import type { Bundle } from '../../tmf/auth.ts';
import type { BootstrapBundles } from '../kit/runtime.ts';

/** What the content provider's peers may call on its APIs. */
export const cpBundles: readonly Bundle[] = [
  {
    name: 'cp-channel-partner',
    grants: [
      { api: 'TMF620', access: 'write' },
      { api: 'TMF622', access: 'write' },
    ],
  },
  // The OEM runs the central catalog: it distributes converged offers here (10.9) and pays settlements (11.12).
  {
    name: 'cp-central-catalog',
    grants: [
      { api: 'TMF620', access: 'write' },
      { api: 'TMF622', access: 'write' },
      { api: 'TMF676', access: 'write' },
    ],
  },
];

export const cpBootstrap: BootstrapBundles = { 'car-manufacturer': 'cp-central-catalog', csp: 'cp-channel-partner' };
