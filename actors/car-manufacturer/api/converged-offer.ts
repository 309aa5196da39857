import type { Router } from 'express';
import { PARTY_API } from '../../../core/party-api.ts';
import { obj, period } from '../../kit/control-contract.ts';
import { controlRoute, type ControlRoute } from '../../kit/control-router.ts';
import type { ApiId } from '../../../tmf/apis.ts';
import { collection, setOwner } from '../../../tmf/data.ts';
import { forbidden } from '../../../tmf/errors.ts';
import { resourceRouter, type Method, type ResourceHooks } from '../../../tmf/resource.ts';
import type { ResourceName } from '../../../tmf/resources.ts';
import { JOURNAL } from '../../../core/journal-events.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { channelOrderInput, fulfilConvergedOrder } from '../domain/converged-order.ts';
import { driverBillingRun, placePortalOrder, SETTLE_PAID_BILL, withProduct } from '../processes/converged-offer.ts';
import { applyDriverPayment, checkPaysDriverBill, paidBillIndex } from '../domain/driver-payment.ts';
import type { OemData } from '../store.ts';
import { activationPatch } from '../domain/activation.ts';
import { oweActivationMessage } from '../processes/driver-messages.ts';

type Runtime = ActorRuntime<OemData>;
const READ: readonly Method[] = ['GET'];

/**
 * The OEM's APIs for figure 11: orders from partner channels (TMF622), customers (TMF629) and the product
 * inventory the content provider reads and activates (TMF637). A partner sees only what involves it.
 * The drivers' bills (TMF678) and the settlement note advices (Billing v2) share figure 9's collections.
 */
export function convergedOfferApis(runtime: Runtime): { api: ApiId; router: Router }[] {
  const base = { store: runtime.store, clock: runtime.clock, notifier: runtime.notifier };
  const collectionOf = <A extends ApiId, R extends ResourceName<A>>(api: A, resource: R, methods?: readonly Method[], hooks?: ResourceHooks<OemData, A, R>) =>
    resourceRouter({ ...base, api, resource, methods, hooks });
  return [
    {
      api: 'TMF622',
      router: resourceRouter({ ...base, api: 'TMF622', resource: 'productOrder', methods: ['GET', 'POST'], hooks: channelOrderHooks(runtime) }),
    },
    { api: 'TMF629', router: collectionOf('TMF629', 'customer', READ) },
    {
      api: 'TMF637',
      router: resourceRouter({
        ...base,
        api: 'TMF637',
        resource: 'product',
        methods: ['GET', 'PATCH'],
        // The content provider activates a product the OEM holds (11.10): the patch hook lets it do that alone.
        partnerWrites: 'visible',
        hooks: {
          visible: (p, caller) => (p.relatedParty ?? []).some((r) => r.id === caller.party),
          patch(current, next, ctx) {
            const product = activationPatch(current, next, ctx);
            if (product.status === 'active') oweActivationMessage(runtime, ctx.draft, product);
            return product;
          },
        },
      }),
    },
    {
      api: 'TMF676',
      router: resourceRouter({ ...base, api: 'TMF676', resource: 'payment', methods: ['GET', 'POST'], hooks: driverPaymentHooks(runtime) }),
    },
  ];
}

/** The driver pays its invoice (TMF676 at the OEM); a bill paid in full settles the partners (11.12). */
function driverPaymentHooks(runtime: Runtime): ResourceHooks<OemData, 'TMF676', 'payment'> {
  return {
    admit(input, ctx) {
      if (ctx.caller.party !== 'driver') throw forbidden('Only drivers pay their invoices here');
      checkPaysDriverBill(ctx.draft, input);
    },
    create(input, ctx) {
      // Only a tester's payment can name no driver bill (admit holds partners to one): it settles nothing.
      if (paidBillIndex(ctx.draft, input) < 0) return input;
      const { payment, bill } = applyDriverPayment(ctx.draft, input, ctx.now);
      setOwner(ctx.draft, payment.href, 'driver');
      runtime.journal(ctx.draft, JOURNAL.billPaid, {
        bill: bill.id,
        payment: payment.id,
        amount: payment.totalAmount.value,
        state: bill.state,
        remaining: bill.remainingAmount?.value,
      });
      runtime.notifier.enqueue(ctx.draft, ctx.now, { api: 'TMF678', eventType: 'CustomerBillStateChangeEvent', resource: 'customerBill', entity: bill });
      return payment;
    },
    afterCreate(payment, { draft }) {
      // The payment that settles the bill in full owes the partners' settlement, once per bill.
      const index = paidBillIndex(draft, payment);
      const bill = index < 0 ? undefined : collection(draft, 'TMF678', 'customerBill')[index];
      if (bill?.state !== 'settled') return;
      SETTLE_PAID_BILL.owe(runtime, draft, { billId: bill.id }, { key: `${SETTLE_PAID_BILL}:${bill.id}` });
    },
  };
}

/** A channel's order (CSP, content provider) is fulfilled as a portal order, in the same change. */
function channelOrderHooks(runtime: Runtime): ResourceHooks<OemData, 'TMF622', 'productOrder'> {
  return {
    create(input, ctx) {
      const order = { ...input, state: 'acknowledged' as const, orderDate: ctx.now.toISOString() };
      const journal = (type: string, data: Record<string, unknown>) => runtime.journal(ctx.draft, type, data);
      const request = channelOrderInput(order, ctx.caller.party);
      journal(JOURNAL.orderRegistered, { order: order.id, channel: request.channel, customer: request.customerId });
      const outcome = fulfilConvergedOrder(ctx.draft, order, request, ctx.now, journal);
      return { ...order, state: outcome.state, completionDate: outcome.completionDate, productOrderItem: withProduct(order, outcome.product) };
    },
  };
}

/** The OEM's triggers for figure 11: the drivers' portal (11.1) and the end of a billing cycle (11.11). */
export function convergedOfferControl(runtime: Runtime): ControlRoute[] {
  return [
    controlRoute(
      {
        method: 'post',
        path: PARTY_API.portalOrder,
        summary: 'A driver orders a converged offer on the self-service portal',
        steps: ['11.1'],
        caller: { parties: ['driver'], refusal: 'Only drivers order on the self-service portal' },
        body: 'ConvergedOrderRequest',
        response: { status: 201, description: 'the TMF622 order' },
      },
      async (req, res) => {
        const order = await placePortalOrder(runtime, {
          customerId: req.body.customerId,
          newCustomer: req.body.newCustomer,
          productOfferingId: req.body.productOfferingId,
          channel: 'car-manufacturer',
        });
        res.status(201).json(order);
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/driver-billing-run',
        summary: "The end of the drivers' billing cycle: bills and invoice messages",
        caller: 'harness',
        steps: ['11.11', '11.13'],
        body: obj({ period }),
        response: { status: 201, description: 'the bills produced', schema: obj({ bills: { type: 'array' } }) },
      },
      async (req, res) => {
        const { bills } = await driverBillingRun(runtime, req.body?.period);
        res.status(201).json({ bills: bills.map((b) => ({ id: b.id, billNo: b.billNo, amountDue: b.amountDue })) });
      },
    ),
  ];
}
