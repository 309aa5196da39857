import { Router } from 'express';
import { harnessOnly } from '../../../tmf/auth.ts';
import { badRequest } from '../../../tmf/errors.ts';
import { validateBody } from '../../../tmf/validation.ts';
import { PARTY_API } from '../../../core/party-api.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import type { DriverData } from '../store.ts';
import { payInvoice } from '../processes/invoice-payment.ts';

const CHANNELS = ['csp', 'content-provider'] as const;

/**
 * What the driver does in figure 11, as the harness asks it: order the converged offer on the OEM
 * portal (11.1) or through another channel, and ask the content provider for activation (11.6). A
 * refusal comes back as the refusing party's TMF error.
 */
export function convergedOfferControl(runtime: ActorRuntime<DriverData>): Router {
  const router = Router();
  router.post('/portal-order', harnessOnly, async (req, res) => {
    validateBody('ConvergedOrderRequest', req.body);
    const who = req.body.newCustomer ? { newCustomer: req.body.newCustomer } : { customerId: req.body.customerId };
    const body = { ...who, productOfferingId: req.body.productOfferingId };
    res.status(201).json(await passOnRefusal(() => runtime.client('car-manufacturer').post(PARTY_API.portalOrder, body)));
  });
  router.post('/channel-order', harnessOnly, async (req, res) => {
    const channel = req.body?.channel as (typeof CHANNELS)[number];
    if (!CHANNELS.includes(channel)) throw badRequest('Invalid channel', `channel is one of ${CHANNELS.join(', ')}`);
    validateBody('ConvergedOrderRequest', req.body);
    const body = { customerId: req.body.customerId, productOfferingId: req.body.productOfferingId };
    res.status(201).json(await passOnRefusal(() => runtime.client(channel).post(PARTY_API.channelOrder, body)));
  });
  router.post('/request-activation', harnessOnly, async (req, res) => {
    validateBody('ActivationRequest', req.body);
    res.status(202).json(await passOnRefusal(() => runtime.client('content-provider').post(PARTY_API.activationRequest, { customerId: req.body.customerId })));
  });
  /** `{customerId, amount?}`: the driver pays its invoice at the car manufacturer (all that remains by default). */
  router.post('/pay-invoice', harnessOnly, async (req, res) => {
    if (typeof req.body?.customerId !== 'string') throw badRequest('Invalid request', "'customerId' is required");
    if (req.body.amount !== undefined && !/^\d+(\.\d{1,2})?$/.test(String(req.body.amount))) throw badRequest('Invalid request', `'amount' is a decimal amount, got '${String(req.body.amount)}'`);
    res.status(201).json(await payInvoice(runtime, req.body.customerId, req.body.amount === undefined ? undefined : String(req.body.amount)));
  });
  return router;
}
