import type { ActorId } from '../../core/actor-ids.ts';
import type { ApiId } from '../../tmf/apis.ts';
import type { Figure, StepId } from '../flows/types.ts';

/**
 * Calls a peer is not entitled to make, which the provider must refuse with 403 (FLOWS.md 7.2: "any call
 * outside the bundle is refused"). Each names the step whose rule it probes; a figure adds its own.
 * The caller, a simulated party, makes the call itself with its own credential: before any onboarding,
 * its bootstrap one (derived from CCH_SECRET).
 */
export interface BundleProbe {
  readonly figure: Figure;
  readonly step: StepId;
  readonly provider: ActorId;
  readonly caller: ActorId;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly api: ApiId;
  readonly resource: string;
  /** Probe an entity (`<resource>/<id>`) rather than the collection. */
  readonly byId?: boolean;
  readonly body?: object;
  readonly rule: string;
}

export const BUNDLE_PROBES: readonly BundleProbe[] = [
  {
    figure: 7,
    step: '7.2',
    provider: 'csp',
    caller: 'car-manufacturer',
    method: 'PATCH',
    api: 'TMF637',
    resource: 'product',
    byId: true,
    body: { status: 'suspended' },
    rule: 'a call outside the API bundle is refused with 403 (no partner bundle writes TMF637)',
  },
  {
    figure: 7,
    step: '7.2',
    provider: 'csp',
    caller: 'car-manufacturer',
    method: 'GET',
    api: 'TMF678',
    resource: 'customerBill',
    rule: 'a call outside the API bundle is refused with 403 (before onboarding, a prospect may only read TMF620 and order on TMF622)',
  },
];
