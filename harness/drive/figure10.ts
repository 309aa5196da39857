import type { Entity } from '../../tmf/data.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { setClock } from './settle.ts';
import { trigger } from './trigger.ts';

/** The example offers of figures 10 and 11: 5 GB data from the CSP, music from the provider, bundled. */
export const EXAMPLE = {
  cspOffer: { name: '5 GB infotainment data', monthlyFee: '7.50', currency: 'EUR' },
  ownOffer: { name: 'Music access', monthlyFee: '4.99', currency: 'EUR' },
  converged: { name: '5 GB music download', monthlyFee: '14.99' },
} as const;

/** What figure 10 produced: the ids a scenario refers back to. */
export interface ConvergedOfferIds {
  cspOffering: string;
  ownOffering: string;
  central: string;
}

/** 10.1–10.3: the CSP's offer created, made partner-eligible and published. Returns its CSP id. */
export async function publishCspOffer(ecosystem: Ecosystem): Promise<string> {
  const offering = await trigger<Entity>(ecosystem, 'csp', 'partner-offer', EXAMPLE.cspOffer);
  await trigger(ecosystem, 'csp', 'partner-eligible', { productOfferingId: offering.id });
  await trigger(ecosystem, 'csp', 'publish-offer', { productOfferingId: offering.id });
  return offering.id;
}

/**
 * Figure 10 driven without Cucumber: the CSP publishes its offer, the provider creates its own, bundles
 * them and registers the bundle; the CSP and the OEM verify it and the OEM distributes it.
 */
export async function driveFigure10(ecosystem: Ecosystem): Promise<ConvergedOfferIds> {
  await setClock(ecosystem, new Date('2026-01-01T08:00:00Z'));
  const cspOffering = await publishCspOffer(ecosystem);
  const own = await trigger<Entity>(ecosystem, 'content-provider', 'own-offer', EXAMPLE.ownOffer);
  const central = await trigger<Entity>(ecosystem, 'content-provider', 'converged-offer', { ...EXAMPLE.converged, ownOfferingId: own.id });
  return { cspOffering, ownOffering: own.id, central: central.id };
}
