import { setUpConsumerService } from '../actors/csp/domain/consumer-order.ts';
import { registerExistingCustomer } from '../actors/csp/domain/third-party-payer.ts';
import type { CspData } from '../actors/csp/store.ts';
import { addEntity } from '../tmf/entity.ts';

/** A driver as the CSP knows it: name and e-mail. */
export interface SeedDriver {
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
}

/**
 * Seeds a CSP store with what figure 8 leaves there, without the wire: an existing customer ordered the
 * 5 GB infotainment package through the OEM as 3rd party payer (with split billing criteria if given),
 * and the CSP set up the service. The OEM must already be onboarded. Answers the product's id.
 */
export function subscribeDriverAtCsp(draft: CspData, driver: SeedDriver, now: Date, splitBillingCriteria?: object): string {
  const { individual } = registerExistingCustomer(draft, driver, now);
  const order = addEntity(
    draft,
    'TMF622',
    'productOrder',
    {
      state: 'inProgress',
      relatedParty: [
        { id: 'car-manufacturer', role: 'buyer' },
        { id: individual.id, role: 'thirdPartyPayer' },
      ],
      productOrderItem: [
        {
          id: '1',
          action: 'add',
          productOffering: { id: 'po-infotainment-5gb' },
          product: { productCharacteristic: splitBillingCriteria ? [{ name: 'splitBillingCriteria', value: splitBillingCriteria }] : [] },
        },
      ],
    },
    'car-manufacturer',
  );
  return setUpConsumerService(draft, order, 'car-manufacturer', now).products[0].id;
}
