import type { Router } from 'express';
import type { ApiId } from '../../../tmf/apis.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { OemData } from '../store.ts';
import { catalogRouter } from './central-catalog.ts';
import { convergedOfferApis } from './converged-offer.ts';

/** The OEM's TMF APIs: its product catalog and the central catalog (one TMF620), and figure 11's. */
export function oemTmfApis(runtime: ActorRuntime<OemData>): { api: ApiId; router: Router }[] {
  return [{ api: 'TMF620', router: catalogRouter(runtime) }, ...convergedOfferApis(runtime)];
}
