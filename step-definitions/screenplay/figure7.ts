import type { ActorId } from '../../core/actor-ids.ts';
import { parsePeriodId } from '../../core/billing-period.ts';
import { type Actor, Question, Task } from './core/actor.ts';
import { control, ecosystemRun, notes, wire } from './core/cast.ts';

/** Figure 7's tasks, in the domain's words: performed by the party that does them, through its control API. */
export const PartnerSetup = {
  /** The tester sets every party's simulated clock. */
  clockReads: (at: string) => Task.where(`#actor sets the simulated clock to ${at}`, (actor) => ecosystemRun(actor).setClock(new Date(at))),
  /** 7.1–7.4: the OEM's partner order, fulfilled and onboarded. */
  orderPartnerOffers: () => Task.where('#actor orders the partner offers', (oem) => control(oem).trigger('partner-order')),
  /** 7.5–7.6: the OEM's own catalog, built on the CSP's offers. */
  buildServiceCatalog: () => Task.where('#actor builds its service catalog', (oem) => control(oem).trigger('build-catalog')),
  /** A bill run of the CSP (7.7–7.9 once the period has ended). */
  runBillRun: (period: string) => Task.where(`#actor runs the bill run of ${period}`, (csp) => control(csp).trigger('billing-run', { period })),
  /** 7.7–7.9: the clock reaches the end of the period (the tester), the CSP runs its bill run. */
  endBillingPeriod: (period: string) =>
    Task.where(`#actor ends the billing period ${period}`, async (tester) => {
      await ecosystemRun(tester).setClock(parsePeriodId(period).end);
      await control(tester).trigger('billing-run', { period }, 'csp');
    }),
};

/** Calls a party makes by hand in a scenario, its answer kept in the notepad for the Then steps. */
export const Calls = {
  /** `method path` at `to`, as the actor (the tester calls with no credentials at all). */
  to: (to: ActorId, method: string, path: string, body?: object) =>
    Task.where(`#actor calls ${method} ${path}`, async (actor) => notes(actor).write('answer', await wire(actor).call(to, method, path, body))),
  /**
   * TMF637 is read-only in the OEM's bundle: a PATCH of a product must be refused. `finder` (the tester)
   * finds one over TMF, so the check holds for a CSP bound by URL as much as for the simulated one.
   */
  tryToSuspendAProductOfTheCsp: (finder: Actor) =>
    Task.where("#actor tries to suspend a product of the CSP's", async (oem) => {
      const [product] = await control(finder).list('TMF637', 'product', { limit: 1 }, 'csp');
      if (!product) throw new Error('the CSP serves no product in TMF637 to try the PATCH on');
      await oem.attemptsTo(Calls.to('csp', 'PATCH', `/tmf-api/productInventory/v4/product/${product.id}`, { status: 'suspended' }));
    }),
};

/** Questions of figure 7, answered by the tester from what the parties serve (or only their state shows). */
export const PartnerQuestions = {
  onboarding: () =>
    Question.about("the CSP's onboarding of its partner", async (tester) => {
      const csp = control(tester);
      // Credentials exist only in the CSP's own state; the rest is what it serves.
      const { credentials } = await csp.state<{ credentials: { party: string; bundle: string }[] }>('csp');
      return {
        credentials,
        organizations: await csp.served('TMF632.organization', 'csp'),
        accounts: await csp.served('TMF666.billingAccount', 'csp'),
        products: await csp.served('TMF637.product', 'csp'),
      };
    }),
  offeringsOf: (party: ActorId) => Question.about(`the product offerings of ${party}`, (tester) => control(tester).served('TMF620.productOffering', party)),
  /** The CSP's launched infotainment connectivity offers, read from its own catalog (not through the filter under test). */
  cspLaunchedInfotainmentOffers: () =>
    Question.about("the CSP's launched infotainment connectivity offers", async (tester) =>
      (await tester.answer(PartnerQuestions.offeringsOf('csp'))).filter(
        (o) => o.lifecycleStatus === 'Launched' && (o.category ?? []).some((c) => c.name === 'infotainment-connectivity'),
      ),
    ),
  billsAtCsp: () =>
    Question.about('the bills the CSP issued and their items', async (tester) => ({
      bills: await control(tester).served('TMF678.customerBill', 'csp'),
      rates: await control(tester).served('TMF678.appliedCustomerBillingRate', 'csp'),
    })),
  oemBillChecks: () =>
    Question.about("the car manufacturer's invoice controls", async (tester) => {
      type Check = { billId: string; matches: boolean; amount: string; itemsTotal: string; items: number };
      return (await control(tester).state<{ billChecks: Check[] }>('car-manufacturer')).billChecks;
    }),
};
