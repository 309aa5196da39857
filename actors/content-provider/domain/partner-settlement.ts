import { revenueShareOf } from '../../../core/converged-offer.ts';
import { fromTmf, type Money } from '../../../core/money.ts';
import type { PayeeRecords } from '../../../core/partner-settlement-check.ts';
import { collection } from '../../../tmf/data.ts';
import type { CpData } from '../store.ts';

/**
 * The content provider's own records of its part (11.12): the OEM products it activated, each worth its
 * share of a month as its bundle states it (`revenueShare` of the content provider), owed for a whole
 * month once the month has begun.
 */
export function cpPayeeRecords(data: CpData): PayeeRecords {
  const bundles = collection(data, 'TMF620', 'productOffering');
  const products = new Map<string, Money>();
  for (const activation of data.activations.filter((a) => a.state === 'active')) {
    const bundle = bundles.find((b) => b.id === activation.bundleId);
    const share = revenueShareOf(bundle, 'content-provider');
    if (share) products.set(activation.oemProductId, fromTmf(share.amount));
  }
  // Its licence terms: the share is owed in full for every month the service was active, from the first day.
  return { products, taxRatePercent: '20', wholeMonths: true };
}
