import { Router } from 'express';
import { callerOf, harnessOnly } from '../../../tmf/auth.ts';
import type { Entity } from '../../../tmf/data.ts';
import { badRequest, forbidden } from '../../../tmf/errors.ts';
import type { EventHandler } from '../../../tmf/hub.ts';
import { resourceRouter } from '../../../tmf/resource.ts';
import { validateBody } from '../../../tmf/validation.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { createOffer, markPartnerEligible, passChannelOrder, publishOffer, verifyConvergedOffering } from '../processes/converged-offer.ts';
import type { CspData } from '../store.ts';
import { partnerNoteListener, settlementPaymentHooks } from '../../kit/partner-note.ts';
import { cspPayeeRecords } from '../domain/partner-settlement.ts';

type Runtime = ActorRuntime<CspData>;

const text = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value.length === 0) throw badRequest('Invalid request', `'${name}' is required`);
  return value;
};

/** The CSP's triggers of figures 10 and 11: its catalog manager's actions, and its sales channel. */
export function convergedOfferControl(runtime: Runtime): Router {
  const router = Router();
  /** 10.1: `{ "name": "5 GB data", "monthlyFee": "7.50", "currency": "EUR" }`. */
  router.post('/partner-offer', harnessOnly, async (req, res) => {
    const fee = text(req.body?.monthlyFee, 'monthlyFee');
    if (!/^\d+(\.\d+)?$/.test(fee)) throw badRequest('Invalid request', `'monthlyFee' is a decimal amount, got '${fee}'`);
    res.status(201).json(await createOffer(runtime, { name: text(req.body?.name, 'name'), description: req.body?.description, monthlyFee: fee, currency: req.body?.currency ?? 'EUR' }));
  });
  /** 10.2: `{ "productOfferingId": "…" }`. */
  router.post('/partner-eligible', harnessOnly, async (req, res) => {
    res.json(await markPartnerEligible(runtime, text(req.body?.productOfferingId, 'productOfferingId')));
  });
  /** 10.3: `{ "productOfferingId": "…" }`. */
  router.post('/publish-offer', harnessOnly, async (req, res) => {
    res.status(201).json(await publishOffer(runtime, text(req.body?.productOfferingId, 'productOfferingId')));
  });
  /** A driver orders a converged offer through the CSP's channel. */
  router.post('/channel-order', async (req, res) => {
    if (callerOf(res).party !== 'driver') throw forbidden('Only drivers order through this channel');
    validateBody('ConvergedOrderRequest', req.body);
    res.status(201).json(await passChannelOrder(runtime, req.body.customerId, req.body.productOfferingId));
  });
  return router;
}

/** What the CSP does when the central catalog tells it of a new converged offering: verify it (10.8). */
export function convergedOfferListeners(runtime: Runtime): Record<string, EventHandler> {
  return {
    ProductOfferingCreateEvent: (event) => {
      const offering = event.event.productOffering as Entity;
      if (offering.isBundle === true) runtime.background(() => verifyConvergedOffering(runtime, offering.id));
    },
    /** 11.12: the OEM sent a settlement note of the CSP's share: checked against its connectivity orders, then answered. */
    SettlementNoteAdviceCreateEvent: partnerNoteListener(runtime, cspPayeeRecords),
    /** 11.12 after a dispute: the OEM revised the note; verified again and answered. */
    SettlementNoteAdviceStateChangeEvent: partnerNoteListener(runtime, cspPayeeRecords),
  };
}

/** TMF676: the payments the CSP receives (its settlement of converged offers, 11.12). */
export function paymentRouter(runtime: Runtime): Router {
  return resourceRouter<CspData, Entity>({ api: 'TMF676', resource: 'payment', store: runtime.store, clock: runtime.clock, notifier: runtime.notifier, methods: ['GET', 'POST'], hooks: settlementPaymentHooks<CspData>() });
}
