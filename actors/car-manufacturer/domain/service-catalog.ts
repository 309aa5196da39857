import type { Entity } from '../../../tmf/data.ts';

/**
 * The OEM's own service offer built on a CSP connectivity offer (step 7.6): sold under the OEM's name,
 * referencing the CSP offering it rides on, so an order can be traced back to the connectivity it needs.
 */
export function serviceOfferFrom(cspOffer: Entity, cspBaseUrl: string): Record<string, unknown> {
  return {
    name: `Connected infotainment — ${cspOffer.name}`,
    description: `Infotainment service with connectivity by the CSP (${cspOffer.name})`,
    lifecycleStatus: 'Launched',
    isBundle: false,
    isSellable: true,
    category: [{ id: 'oem-infotainment', name: 'infotainment-services' }],
    productOfferingRelationship: [
      { id: cspOffer.id, href: `${cspBaseUrl}${cspOffer.href}`, name: String(cspOffer.name), relationshipType: 'requires', '@referredType': 'ProductOffering' },
    ],
  };
}
