import { Router } from 'express';
import { harnessOnly } from '../../../tmf/auth.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { billingRun } from '../processes/billing.ts';
import type { CspData } from '../store.ts';
import { convergedOfferControl } from './converged-offer.ts';
import { cspFigure9Control } from './tickets.ts';

/** The CSP's business triggers. */
export function cspControl(runtime: ActorRuntime<CspData>): Router {
  const router = Router();
  router.use(cspFigure9Control(runtime));
  /** End of billing period: `{ "period": "2026-01" }`, default the month before the clock's. */
  router.post('/billing-run', harnessOnly, async (req, res) => {
    const bills = await billingRun(runtime, req.body?.period);
    res.status(201).json({ bills: bills.map((b) => ({ id: b.id, billNo: b.billNo, amountDue: b.amountDue })) });
  });
  router.use(convergedOfferControl(runtime));
  return router;
}
