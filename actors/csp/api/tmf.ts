import type { Router } from 'express';
import type { ApiId } from '../../../tmf/apis.ts';
import { items } from '../../../tmf/data.ts';
import { resourceRouter, type ResourceHooks, type Method } from '../../../tmf/resource.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { checkOrderItems, type OrderItem } from '../domain/order-check.ts';
import { fulfilOrder } from '../processes/fulfilment.ts';
import type { CspData } from '../store.ts';
import { paymentRouter } from './converged-offer.ts';
import type { Entity } from '../../../tmf/data.ts';
import { ticketTmfApis } from '../../trouble-tickets/api/tmf.ts';

type Runtime = ActorRuntime<CspData>;
const READ: readonly Method[] = ['GET'];
const READ_PATCH: readonly Method[] = ['GET', 'PATCH'];

/** The CSP's TMF APIs: thin routers over the toolkit, with the domain's hooks. */
export function cspTmfApis(runtime: Runtime): { api: ApiId; router: Router }[] {
  const collectionOf = (api: ApiId, resource: string, methods?: readonly Method[], hooks?: ResourceHooks<CspData, Entity>) =>
    resourceRouter<CspData, Entity>({ api, resource, store: runtime.store, clock: runtime.clock, notifier: runtime.notifier, methods, hooks });
  const many = (...routers: Router[]) => {
    const [first, ...rest] = routers;
    rest.forEach((r) => first.use(r));
    return first;
  };
  return [
    { api: 'TMF620', router: many(...['catalog', 'category', 'productOffering', 'productOfferingPrice'].map((r) => collectionOf('TMF620', r))) },
    { api: 'TMF622', router: collectionOf('TMF622', 'productOrder', ['GET', 'POST', 'PATCH'], orderHooks(runtime)) },
    { api: 'TMF632', router: many(collectionOf('TMF632', 'organization'), collectionOf('TMF632', 'individual')) },
    { api: 'TMF666', router: collectionOf('TMF666', 'billingAccount') },
    { api: 'TMF637', router: collectionOf('TMF637', 'product', READ_PATCH) },
    { api: 'TMF678', router: many(collectionOf('TMF678', 'customerBill', READ_PATCH), collectionOf('TMF678', 'appliedCustomerBillingRate', READ)) },
    { api: 'TMF676', router: paymentRouter(runtime) },
    ...ticketTmfApis(runtime),
  ];
}

function orderHooks(runtime: Runtime): ResourceHooks<CspData, Entity> {
  return {
    create(input, ctx) {
      checkOrderItems((input.productOrderItem as OrderItem[] | undefined) ?? [], items(ctx.draft, 'TMF620', 'productOffering'));
      return { ...input, state: 'acknowledged', orderDate: ctx.now.toISOString() };
    },
    afterCreate(order, caller) {
      runtime.background(() => fulfilOrder(runtime, order.id, caller.party));
    },
  };
}
