import type { Router } from 'express';
import { PARTY_API } from '../../../core/party-api.ts';
import { decimal, obj, str, text } from '../../kit/control-contract.ts';
import { controlRoute, type ControlRoute } from '../../kit/control-router.ts';
import { type EventHandler, eventResource } from '../../../tmf/hub.ts';
import { resourceRouter } from '../../../tmf/resource.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { createOffer, markPartnerEligible, passChannelOrder, publishOffer, VERIFY_CONVERGED_OFFERING } from '../processes/converged-offer.ts';
import type { CspData } from '../store.ts';
import { partnerNoteListener, settlementPaymentHooks } from '../../kit/partner-note.ts';

type Runtime = ActorRuntime<CspData>;

/** The CSP's triggers of figures 10 and 11: its catalog manager's actions, and its sales channel. */
export function convergedOfferControl(runtime: Runtime): ControlRoute[] {
  return [
    controlRoute(
      {
        method: 'post',
        path: '/control/partner-offer',
        summary: 'The catalog manager creates an offer for partners',
        caller: 'harness',
        steps: ['10.1'],
        body: obj({ name: text, description: str, monthlyFee: decimal, currency: text }, ['name', 'monthlyFee']),
        response: { status: 201, description: 'the TMF620 ProductOffering' },
      },
      async (req, res) => {
        res.status(201).json(
          await createOffer(runtime, {
            name: req.body.name,
            description: req.body.description,
            monthlyFee: req.body.monthlyFee,
            currency: req.body.currency ?? 'EUR',
          }),
        );
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/partner-eligible',
        summary: 'An offer is marked as one partners may build on',
        caller: 'harness',
        steps: ['10.2'],
        body: obj({ productOfferingId: text }, ['productOfferingId']),
        response: { status: 200, description: 'the offering' },
      },
      async (req, res) => {
        res.json(await markPartnerEligible(runtime, req.body.productOfferingId));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: '/control/publish-offer',
        summary: 'The offer is published to the central catalog',
        caller: 'harness',
        steps: ['10.3'],
        body: obj({ productOfferingId: text }, ['productOfferingId']),
        response: { status: 201, description: 'the offering as published' },
      },
      async (req, res) => {
        res.status(201).json(await publishOffer(runtime, req.body.productOfferingId));
      },
    ),
    controlRoute(
      {
        method: 'post',
        path: PARTY_API.channelOrder,
        summary: "A driver orders a converged offer through the CSP's channel",
        caller: { parties: ['driver'], refusal: 'Only drivers order through this channel' },
        body: 'ConvergedOrderRequest',
        response: { status: 201, description: 'the order passed to the OEM' },
      },
      async (req, res) => {
        res.status(201).json(await passChannelOrder(runtime, req.body.customerId, req.body.productOfferingId));
      },
    ),
  ];
}

/** What the CSP does when the central catalog tells it of a new converged offering: verify it (10.8). */
export function convergedOfferListeners(runtime: Runtime): Record<string, EventHandler> {
  return {
    ProductOfferingCreateEvent: (event) => {
      const offering = eventResource(event, 'TMF620', 'productOffering');
      if (offering?.isBundle !== true) return;
      return runtime.owing(VERIFY_CONVERGED_OFFERING, { centralId: offering.id }, { key: `${VERIFY_CONVERGED_OFFERING}:${offering.id}` });
    },
    /** 11.12: the OEM sent a settlement note of the CSP's share: checked against its connectivity orders, then answered. */
    SettlementNoteAdviceCreateEvent: partnerNoteListener(runtime),
    /** 11.12 after a dispute: the OEM revised the note; verified again and answered. */
    SettlementNoteAdviceStateChangeEvent: partnerNoteListener(runtime),
  };
}

/** TMF676: the payments the CSP receives (its settlement of converged offers, 11.12). */
export function paymentRouter(runtime: Runtime): Router {
  return resourceRouter({
    api: 'TMF676',
    resource: 'payment',
    store: runtime.store,
    clock: runtime.clock,
    notifier: runtime.notifier,
    methods: ['GET', 'POST'],
    hooks: settlementPaymentHooks<CspData>(),
  });
}
