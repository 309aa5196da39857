import { Router } from 'express';
import { harnessOnly } from '../../../tmf/auth.ts';
import { badRequest } from '../../../tmf/errors.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { registerExistingCustomer } from '../domain/third-party-payer.ts';
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
  /** A person who already has a CSP contract (figure 8, branch 8.5): `{givenName, familyName, email}`. */
  router.post('/existing-customer', harnessOnly, async (req, res) => {
    const { givenName, familyName, email } = req.body ?? {};
    if (![givenName, familyName, email].every((v) => typeof v === 'string' && v)) throw badRequest('Invalid customer', 'givenName, familyName and email are required');
    const created = await runtime.store.update((draft) => registerExistingCustomer(draft, { givenName, familyName, email }, runtime.clock.now()));
    res.status(201).json({ individual: created.individual.id, customer: created.customer.id, billingAccount: created.account.id });
  });
  return router;
}
