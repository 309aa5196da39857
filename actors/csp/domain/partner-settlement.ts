import { type Money, sum } from '../../../core/money.ts';
import type { PayeeRecords } from '../../../core/partner-settlement-check.ts';
import { collection } from '../../../tmf/data.ts';
import type { CspData } from '../store.ts';
import { monthlyFee } from './partner-offers.ts';

export const SETTLEMENT_TAX_PERCENT = '20';

/**
 * The CSP's own records of its part in converged offers (11.12): every connectivity order a partner
 * placed for one of the OEM's products (its `externalId`) and completed, worth the monthly fees of the
 * CSP offerings ordered.
 */
export function cspPayeeRecords(data: CspData): PayeeRecords {
  const offerings = collection(data, 'TMF620', 'productOffering');
  const prices = collection(data, 'TMF620', 'productOfferingPrice');
  const products = new Map<string, Money>();
  for (const order of collection(data, 'TMF622', 'productOrder').filter((o) => o.state === 'completed' && typeof o.externalId === 'string')) {
    const fees = order.productOrderItem.flatMap((item) => {
      const offering = offerings.find((o) => o.id === item.productOffering?.id);
      const fee = offering && monthlyFee(offering, prices);
      return fee ? [fee] : [];
    });
    if (fees.length > 0) products.set(String(order.externalId), sum(fees, fees[0].currency));
  }
  return { products, taxRatePercent: SETTLEMENT_TAX_PERCENT };
}
