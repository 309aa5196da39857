import { Router } from 'express';
import { harnessOnly } from '../../../tmf/auth.ts';
import { badRequest } from '../../../tmf/errors.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { drive, resendLastUsage, selectService } from '../processes/car.ts';
import { driveFleet } from '../processes/fleet.ts';
import type { DriverData } from '../store.ts';

/** What the driver (a person) and the car do, triggered by the harness. */
export function driverControl(runtime: ActorRuntime<DriverData>): Router {
  const router = Router();
  /** Step 8.2: `{service: "5 GB", splitBillingCriteria?}` picks an offered service, as 3rd party payer. */
  router.post('/select-service', harnessOnly, async (req, res) => {
    if (typeof req.body?.service !== 'string') throw badRequest('Invalid selection', 'POST /control/select-service needs {"service": "<part of its name>"}');
    await selectService(runtime, req.body.service, req.body.splitBillingCriteria);
    res.status(202).json({ selected: req.body.service });
  });
  /** Step 8.9: a month of driving, `{subscription, period, infotainmentMB, telematicsMB, sessions?}`. */
  router.post('/drive', harnessOnly, async (req, res) => {
    res.status(201).json(await drive(runtime, req.body ?? {}));
  });
  /** Step 8.9 for a fleet: `{period, cars: [{vehicleId, subscription, seed, infotainmentMB, telematicsMB, sessions}]}`, sent as one usage batch. */
  router.post('/fleet-drive', harnessOnly, async (req, res) => {
    res.status(201).json(await driveFleet(runtime, req.body?.period, req.body?.cars));
  });
  /** The car retransmits its last usage record. */
  router.post('/resend-usage', harnessOnly, async (_req, res) => {
    res.status(201).json(await resendLastUsage(runtime));
  });
  return router;
}
