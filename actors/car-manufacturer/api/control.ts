import { Router } from 'express';
import { harnessOnly, callerOf } from '../../../tmf/auth.ts';
import { forbidden } from '../../../tmf/errors.ts';
import { validateBody } from '../../../tmf/validation.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { acceptOnboarding, buildServiceCatalog, placePartnerOrder } from '../processes/partner-setup.ts';
import type { OemData } from '../store.ts';
import { convergedOfferControl } from './converged-offer.ts';
import { oemFigure9Control } from './settlement-control.ts';

/** The OEM's business triggers, and the control endpoints its partners call. */
export function oemControl(runtime: ActorRuntime<OemData>): Router {
  const router = Router();
  router.use(oemFigure9Control(runtime));
  router.post('/partner-order', harnessOnly, async (req, res) => {
    const order = await placePartnerOrder(runtime, req.body?.productOfferingIds);
    res.status(201).json(order);
  });
  router.post('/build-catalog', harnessOnly, async (_req, res) => {
    const offers = await buildServiceCatalog(runtime);
    res.status(201).json(offers);
  });
  /** Step 7.3: the CSP hands over the portal credentials and the bundle name. */
  router.post('/onboarding-result', async (req, res) => {
    if (callerOf(res).party !== 'csp') throw forbidden('Only the CSP sends onboarding results');
    validateBody('OnboardingResult', req.body);
    runtime.background(() => acceptOnboarding(runtime, req.body));
    res.status(202).json({ accepted: true });
  });
  router.use(convergedOfferControl(runtime));
  return router;
}
