import { obj, period, text } from '../../kit/control-contract.ts';
import { controlRoute, type ControlRoute } from '../../kit/control-router.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { registerExistingCustomer } from '../domain/third-party-payer.ts';
import { billingRun } from '../processes/billing.ts';
import type { CspData } from '../store.ts';
import type { UsageBook } from '../usage-book/book.ts';
import { convergedOfferControl } from './converged-offer.ts';
import { cspFigure9Control } from './tickets.ts';

/** The CSP's business triggers. */
export function cspControl(runtime: ActorRuntime<CspData>, book: UsageBook): ControlRoute[] {
  return [
    ...cspFigure9Control(runtime),
    controlRoute(
      {
        method: 'post',
        path: '/control/billing-run',
        summary: "End of a billing period (default: the month before the clock's): rate, bill and notify",
        caller: 'harness',
        steps: ['7.7', '7.8'],
        body: obj({ period }),
        response: { status: 201, description: 'the bills produced', schema: obj({ bills: { type: 'array' } }) },
      },
      async (req, res) => {
        const bills = await billingRun(runtime, book, req.body?.period);
        res.status(201).json({ bills: bills.map((b) => ({ id: b.id, billNo: b.billNo, amountDue: b.amountDue })) });
      },
    ),
    controlRoute(
      {
        method: 'get',
        path: '/control/usage-summary',
        summary: "Mediation's books at a glance: how many usage records the CSP keeps, by status (counted from its index, no record read)",
        caller: 'harness',
        response: {
          status: 200,
          description: 'the counts',
          schema: obj({ records: { type: 'integer' }, byStatus: { type: 'object' } }, ['records', 'byStatus']),
        },
      },
      (_req, res) => {
        const byStatus = book.statusCounts();
        res.json({ records: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus });
      },
    ),
    ...convergedOfferControl(runtime),
    controlRoute(
      {
        method: 'post',
        path: '/control/existing-customer',
        summary: 'A person who already has a CSP contract (figure 8, branch 8.5)',
        caller: 'harness',
        steps: ['8.5'],
        body: obj({ givenName: text, familyName: text, email: text }, ['givenName', 'familyName', 'email']),
        response: { status: 201, description: 'the individual, customer and billing account ids' },
      },
      async (req, res) => {
        const { givenName, familyName, email } = req.body;
        const created = await runtime.store.update((draft) => registerExistingCustomer(draft, { givenName, familyName, email }, runtime.clock.now()));
        res.status(201).json({ individual: created.individual.id, customer: created.customer.id, billingAccount: created.account.id });
      },
    ),
  ];
}
