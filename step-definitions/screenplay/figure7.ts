import { parsePeriodId } from '../../core/billing-period.ts';
import type { Entity } from '../../tmf/data.ts';
import type { HarnessWorld } from '../support/world.ts';

/**
 * Tasks and questions of figure 7, in the domain's words. Steps call these; these call the parties'
 * control APIs (tasks) or read the parties' state (questions).
 */
export const PartnerSetup = {
  /** 7.1–7.4: the OEM's partner order, fulfilled and onboarded. */
  orderPartnerOffers: (world: HarnessWorld) => world.trigger('car-manufacturer', 'partner-order'),
  /** 7.5–7.6: the OEM's own catalog, built on the CSP's offers. */
  buildServiceCatalog: (world: HarnessWorld) => world.trigger<Entity[]>('car-manufacturer', 'build-catalog'),
  /** 7.7–7.9: the clock reaches the end of the period, the CSP runs its bill run. */
  endBillingPeriod: async (world: HarnessWorld, period: string) => {
    await world.setClock(parsePeriodId(period).end);
    return world.trigger<{ bills: { id: string }[] }>('csp', 'billing-run', { period });
  },
};

export const PartnerQuestions = {
  onboarding: async (world: HarnessWorld) => {
    // Credentials exist only in the CSP's own state; the rest is what it serves.
    const { credentials } = await world.state<{ credentials: { party: string; bundle: string }[] }>('csp');
    return {
      credentials,
      organizations: await world.served('csp', 'TMF632.organization'),
      accounts: await world.served('csp', 'TMF666.billingAccount'),
      products: await world.served('csp', 'TMF637.product'),
    };
  },
  oemCatalog: (world: HarnessWorld) => world.served('car-manufacturer', 'TMF620.productOffering'),
  cspOfferings: (world: HarnessWorld) => world.served('csp', 'TMF620.productOffering'),
  /** The CSP's launched infotainment connectivity offers, read from its own catalog (not through the filter under test). */
  cspLaunchedInfotainmentOffers: async (world: HarnessWorld) =>
    (await PartnerQuestions.cspOfferings(world)).filter(
      (o) => o.lifecycleStatus === 'Launched' && (o.category as { name: string }[]).some((c) => c.name === 'infotainment-connectivity'),
    ),
  billsAtCsp: async (world: HarnessWorld) => {
    return { bills: await world.served('csp', 'TMF678.customerBill'), rates: await world.served('csp', 'TMF678.appliedCustomerBillingRate') };
  },
  oemBillChecks: async (world: HarnessWorld) =>
    (await world.state<{ billChecks: { billId: string; matches: boolean; amount: string; itemsTotal: string; items: number }[] }>('car-manufacturer'))
      .billChecks,
};
