import type { Router } from 'express';
import type { ApiId } from '../../../tmf/apis.ts';
import type { Entity } from '../../../tmf/data.ts';
import { resourceRouter } from '../../../tmf/resource.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { OemData } from '../store.ts';
import { oemFigure9Apis } from './settlement.ts';

/** The OEM's TMF APIs: its own service catalog (and, with part 4, the central catalog). */
export function oemTmfApis(runtime: ActorRuntime<OemData>): { api: ApiId; router: Router }[] {
  const collectionOf = (api: ApiId, resource: string) =>
    resourceRouter<OemData, Entity>({ api, resource, store: runtime.store, clock: runtime.clock, notifier: runtime.notifier });
  const catalog = collectionOf('TMF620', 'productOffering');
  catalog.use(collectionOf('TMF620', 'productOfferingPrice'));
  return [{ api: 'TMF620', router: catalog }, ...oemFigure9Apis(runtime)];
}
