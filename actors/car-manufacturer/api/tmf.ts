import type { Router } from 'express';
import type { ApiId } from '../../../tmf/apis.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { OemData } from '../store.ts';
import { catalogRouter } from './central-catalog.ts';
import { convergedOfferApis } from './converged-offer.ts';
import { oemFigure9Apis } from './ticket-settlement.ts';

/**
 * The OEM's TMF APIs: its product catalog and the central catalog (one TMF620), figure 11's ordering,
 * customers and inventory, and figure 9's tickets, SLAs, settlement note advices and bills (the bills
 * and notes of figure 11 live in the same collections).
 */
export function oemTmfApis(runtime: ActorRuntime<OemData>): { api: ApiId; router: Router }[] {
  return [{ api: 'TMF620', router: catalogRouter(runtime) }, ...convergedOfferApis(runtime), ...oemFigure9Apis(runtime)];
}
