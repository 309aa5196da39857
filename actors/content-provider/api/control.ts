import { Router } from 'express';
import { callerOf, harnessOnly } from '../../../tmf/auth.ts';
import { badRequest, forbidden } from '../../../tmf/errors.ts';
import { validateBody } from '../../../tmf/validation.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import { buildConvergedOffer, createOffer, passChannelOrder, requestActivation } from '../processes/converged-offer.ts';
import type { CpData } from '../store.ts';

const text = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || value.length === 0) throw badRequest('Invalid request', `'${name}' is required`);
  return value;
};

const amount = (value: unknown, name: string): string => {
  const fee = text(value, name);
  if (!/^\d+(\.\d+)?$/.test(fee)) throw badRequest('Invalid request', `'${name}' is a decimal amount, got '${fee}'`);
  return fee;
};

const onlyDriver = (res: { locals: Record<string, unknown> }) => {
  if (callerOf(res).party !== 'driver') throw forbidden('Only drivers call this');
};

/** The content provider's triggers (10.4–10.7) and what drivers ask of it (11.6, its sales channel). */
export function cpControl(runtime: ActorRuntime<CpData>): Router {
  const router = Router();
  /** 10.4: `{ "name": "Music access", "monthlyFee": "4.99", "currency": "EUR" }`. */
  router.post('/own-offer', harnessOnly, async (req, res) => {
    res.status(201).json(await createOffer(runtime, { name: text(req.body?.name, 'name'), monthlyFee: amount(req.body?.monthlyFee, 'monthlyFee'), currency: req.body?.currency ?? 'EUR' }));
  });
  /** 10.5–10.7: `{ "name": "5 GB music download", "monthlyFee": "14.99", "ownOfferingId": "…", "cspOfferingId"?: "…" }`. */
  router.post('/converged-offer', harnessOnly, async (req, res) => {
    const request = { name: text(req.body?.name, 'name'), monthlyFee: amount(req.body?.monthlyFee, 'monthlyFee'), ownOfferingId: text(req.body?.ownOfferingId, 'ownOfferingId'), cspOfferingId: req.body?.cspOfferingId };
    res.status(201).json(await passOnRefusal(() => buildConvergedOffer(runtime, request)));
  });
  /** 11.6: the driver asks for its service to be activated. */
  router.post('/activation-request', async (req, res) => {
    onlyDriver(res);
    validateBody('ActivationRequest', req.body);
    res.status(202).json(await passOnRefusal(() => requestActivation(runtime, req.body.customerId)));
  });
  router.post('/channel-order', async (req, res) => {
    onlyDriver(res);
    validateBody('ConvergedOrderRequest', req.body);
    res.status(201).json(await passChannelOrder(runtime, req.body.customerId, req.body.productOfferingId));
  });
  return router;
}
