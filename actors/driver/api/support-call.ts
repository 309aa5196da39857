import { Router } from 'express';
import { PARTY_API } from '../../../core/party-api.ts';
import { harnessOnly } from '../../../tmf/auth.ts';
import { passOnRefusal } from '../../kit/peer-error.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { DriverData } from '../store.ts';

/** The driver picks up the phone: `{description, symptoms?}` becomes a support request to the call center (9.1). */
export function supportCall(runtime: ActorRuntime<DriverData>): Router {
  const router = Router();
  router.post('/call-support', harnessOnly, async (req, res) => {
    const request = { customer: { id: 'driver', name: 'Driver' }, description: req.body?.description, ...(req.body?.symptoms ? { symptoms: req.body.symptoms } : {}) };
    res.status(201).json(await passOnRefusal(() => runtime.client('call-center').post(PARTY_API.supportRequest, request)));
  });
  return router;
}
