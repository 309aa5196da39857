import { Router } from 'express';
import { harnessOnly, callerOf } from '../../../tmf/auth.ts';
import { badRequest, forbidden } from '../../../tmf/errors.ts';
import { PARTY_API } from '../../../core/party-api.ts';
import { checkSelection, followCarUsage, orderSelectedService, sellCar } from '../processes/service-sale.ts';
import { validateBody } from '../../../tmf/validation.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { acceptOnboarding, buildServiceCatalog, placePartnerOrder } from '../processes/partner-setup.ts';
import type { OemData } from '../store.ts';
import { convergedOfferControl } from './converged-offer.ts';
import { oemFigure9Control } from './ticket-settlement-control.ts';

/** The OEM's business triggers, and the control endpoints its partners call. */
export function oemControl(runtime: ActorRuntime<OemData>): Router {
  const router = Router();
  router.use(oemFigure9Control(runtime));
  router.post('/partner-order', harnessOnly, async (req, res) => {
    const ids: unknown = req.body?.productOfferingIds;
    // Checked before anything is done: a refused call leaves no hub subscription behind.
    if (ids !== undefined && !(Array.isArray(ids) && ids.length > 0 && ids.every((id) => typeof id === 'string' && id !== ''))) {
      throw badRequest('Invalid partner order', "'productOfferingIds' is a non-empty list of offering ids");
    }
    const order = await placePartnerOrder(runtime, ids as string[] | undefined);
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
  /** Step 8.1: a car is sold to a driver `{driver: {givenName, familyName, email}}`; the driver is offered services. */
  router.post('/car-sale', harnessOnly, async (req, res) => {
    const driver = req.body?.driver;
    if (!driver || ![driver.givenName, driver.familyName, driver.email].every((v) => typeof v === 'string' && v)) {
      throw badRequest('Invalid sale', 'POST /control/car-sale needs {"driver": {"givenName", "familyName", "email"}}');
    }
    res.status(201).json(await sellCar(runtime, driver));
  });
  /** Step 8.2: the driver picks a service and agrees to pay its connectivity (only the driver calls this). */
  router.post(PARTY_API.serviceSelection.slice('/control'.length), async (req, res) => {
    if (callerOf(res).party !== 'driver') throw forbidden('Only the driver selects a service for its car');
    validateBody('ServiceSelection', req.body);
    const offer = checkSelection(runtime.store.data, req.body);
    runtime.background(() => orderSelectedService(runtime, req.body, offer));
    res.status(202).json({ accepted: true });
  });
  /** Step 8.11: the OEM follows up the usage of its cars at the CSP. */
  router.post('/usage-follow-up', harnessOnly, async (_req, res) => {
    res.status(201).json(await followCarUsage(runtime));
  });
  return router;
}
