import type { Router } from 'express';
import type { ApiId } from '../../../tmf/apis.ts';
import { resourceRouter, type Method, type ResourceHooks } from '../../../tmf/resource.ts';
import type { ResourceName } from '../../../tmf/resources.ts';
import { settlementPaymentHooks } from '../../kit/partner-note.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { CpData } from '../store.ts';

/** The content provider's TMF APIs: its catalog (with distributed converged offers), ordering, payments received. */
export function cpTmfApis(runtime: ActorRuntime<CpData>): { api: ApiId; router: Router }[] {
  const collectionOf = <A extends ApiId, R extends ResourceName<A>>(api: A, resource: R, methods?: readonly Method[], hooks?: ResourceHooks<CpData, A, R>) =>
    resourceRouter({ api, resource, store: runtime.store, clock: runtime.clock, notifier: runtime.notifier, methods, hooks });
  const catalog = collectionOf('TMF620', 'productOffering');
  catalog.use(collectionOf('TMF620', 'productOfferingPrice'));
  return [
    { api: 'TMF620', router: catalog },
    { api: 'TMF622', router: collectionOf('TMF622', 'productOrder') },
    { api: 'TMF676', router: collectionOf('TMF676', 'payment', ['GET', 'POST'], settlementPaymentHooks<CpData>()) },
  ];
}
