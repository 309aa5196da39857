import type { Router } from 'express';
import type { ApiId } from '../../../tmf/apis.ts';
import { items } from '../../../tmf/data.ts';
import { JOURNAL } from '../../../core/journal-events.ts';
import { CSP_BUNDLES } from '../bundles.ts';
import { checkConsumerOrder, requestedCriteriaOf, thirdPartyPayerOf } from '../domain/consumer-order.ts';
import { CATEGORIES } from '../domain/catalog-seed.ts';
import { checkSplitBillingAllowed } from '../domain/split-billing.ts';
import { receiveUsage } from '../domain/mediation.ts';
import { mediatePending } from '../processes/mediation.ts';
import { usageSeenBy } from '../domain/usage-view.ts';
import { CONSUMER_ACCOUNT } from '../domain/third-party-payer.ts';
import { type HooksOf, resourceRouter, type ResourceHooks, type Method } from '../../../tmf/resource.ts';
import type { BillingAccount, Customer, Resource, ResourceName } from '../../../tmf/resources.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { checkOrderItems } from '../domain/order-check.ts';
import { FULFIL_ORDER } from '../processes/fulfilment.ts';
import type { CspData } from '../store.ts';
import type { UsageBook } from '../usage-book/book.ts';
import type { Shelf } from '../../../tmf/shelf.ts';
import { paymentRouter } from './converged-offer.ts';
import { ticketTmfApis } from '../../trouble-tickets/api/tmf.ts';

type Runtime = ActorRuntime<CspData>;
const READ: readonly Method[] = ['GET'];
const READ_PATCH: readonly Method[] = ['GET', 'PATCH'];

/** The CSP's TMF APIs: thin routers over the toolkit, with the domain's hooks. */
export function cspTmfApis(runtime: Runtime, book: UsageBook): { api: ApiId; router: Router }[] {
  // Partners change only what they own: the CSP's catalog, accounts and inventory stay the CSP's.
  const collectionOf = <A extends ApiId, R extends ResourceName<A>>(
    api: A,
    resource: R,
    methods?: readonly Method[],
    hooks?: ResourceHooks<CspData, A, R>,
    shelf?: Shelf<CspData, Resource<A, R>>,
  ) =>
    resourceRouter({
      api,
      resource,
      store: runtime.store,
      clock: runtime.clock,
      notifier: runtime.notifier,
      methods,
      hooks,
      partnerWrites: 'own',
      shelf,
    });
  const many = (...routers: Router[]) => {
    const [first, ...rest] = routers;
    for (const r of rest) first.use(r);
    return first;
  };
  return [
    { api: 'TMF620', router: many(...(['catalog', 'category', 'productOffering', 'productOfferingPrice'] as const).map((r) => collectionOf('TMF620', r))) },
    { api: 'TMF622', router: collectionOf('TMF622', 'productOrder', ['GET', 'POST', 'PATCH'], orderHooks(runtime)) },
    { api: 'TMF629', router: collectionOf('TMF629', 'customer', READ, consumerShared()) },
    { api: 'TMF632', router: many(collectionOf('TMF632', 'organization'), collectionOf('TMF632', 'individual')) },
    // The usage records are kept in the usage book beside the store: there may be millions.
    { api: 'TMF635', router: collectionOf('TMF635', 'usage', ['GET', 'POST'], usageHooks(runtime, book), book) },
    { api: 'TMF666', router: collectionOf('TMF666', 'billingAccount', undefined, consumerShared()) },
    { api: 'TMF637', router: collectionOf('TMF637', 'product', READ_PATCH) },
    { api: 'TMF678', router: many(collectionOf('TMF678', 'customerBill', READ_PATCH), collectionOf('TMF678', 'appliedCustomerBillingRate', READ)) },
    { api: 'TMF676', router: paymentRouter(runtime) },
    ...ticketTmfApis(runtime),
  ];
}

function orderHooks(runtime: Runtime): ResourceHooks<CspData, 'TMF622', 'productOrder'> {
  return {
    create(input, ctx) {
      const orderItems = input.productOrderItem;
      const offerings = items(ctx.draft, 'TMF620', 'productOffering');
      checkOrderItems(orderItems, offerings);
      checkSplitBillingAllowed(
        orderItems.map((item) => ({ ...item, criteria: requestedCriteriaOf(item) })),
        offerings,
        CATEGORIES.splitBilling,
      );
      if (thirdPartyPayerOf(input)) checkConsumerOrder(ctx.draft, input, ctx.caller.party);
      return { ...input, state: 'acknowledged', orderDate: ctx.now.toISOString() };
    },
    afterCreate(order, { draft, caller }) {
      runtime.owe(draft, FULFIL_ORDER, { orderId: order.id, buyer: caller.party }, { key: `${FULFIL_ORDER}:${order.id}`, lane: `${FULFIL_ORDER}:${order.id}` });
    },
  };
}

/**
 * Consumer customers and billing accounts belong to the driver, but a split billing partner may read
 * one it looks up: step 8.4 finds the driver by e-mail, 8.5 the account by the driver's party id (or
 * any of them by id). Browsing every consumer is not a lookup: a partner's list holds only the
 * consumers linked to it. Bills stay private.
 */
const consumerShared = <E extends Customer | BillingAccount>(): HooksOf<CspData, never, E> => ({
  sharedWith: (entity, caller, _data, lookup) =>
    lookup &&
    caller.bundle === CSP_BUNDLES.splitBilling &&
    (entity['@type'] === 'Customer' || ('accountType' in entity && entity.accountType === CONSUMER_ACCOUNT)),
  lookupBy: ['contactMedium.characteristic.emailAddress', 'relatedParty.id'],
});

/**
 * The mediation intake (step 8.9): a record is kept `received` and queued; mediation (8.10) guides and
 * rates the queue after the answer, one stored state at a time.
 */
function usageHooks(runtime: Runtime, book: UsageBook): ResourceHooks<CspData, 'TMF635', 'usage'> {
  return {
    view: (usage, caller, data) => usageSeenBy(usage, caller.party, data.owners),
    create(input, ctx) {
      const { usage, intake } = receiveUsage(book, input);
      (ctx.draft.usageLedger.pending ??= []).push(usage.id);
      runtime.journal(ctx.draft, JOURNAL.usageReceived, {
        usage: usage.id,
        recordId: intake.recordId,
        product: intake.subscription,
        usageClass: intake.usageClass,
      });
      return usage;
    },
    afterCreate() {
      // The record is queued in `usageLedger.pending` by `create`, in the same update: a kill loses no
      // record, and a restarted CSP runs the queue again (index.ts). This only starts the queue now.
      runtime.background(() => mediatePending(runtime, book));
    },
  };
}
