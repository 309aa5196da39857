import { JOURNAL } from '../../../core/journal-events.ts';
import { PARTY_API } from '../../../core/party-api.ts';
import { collection, type Entity } from '../../../tmf/data.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { onboardPartner, type OnboardingResult } from '../domain/onboarding.ts';
import { isPartnerOrder, type OrderItem } from '../domain/order-check.ts';
import { registerSubscriptions } from '../domain/subscriptions.ts';
import { thirdPartyPayerOf } from '../domain/consumer-order.ts';
import { fulfilConsumerOrder } from './consumer-fulfilment.ts';
import { findOrder, setOrderState } from './order-state.ts';
import type { CspData } from '../store.ts';
import { isConvergedConnectivity } from '../domain/partner-offers.ts';
import { activateConvergedConnectivity } from './converged-offer.ts';

type Runtime = ActorRuntime<CspData>;

/**
 * Fulfils an accepted order: acknowledged → inProgress → completed, each change notified. A partner
 * order (figure 7) onboards the partner, registers its subscriptions, then hands it its credentials.
 */
export async function fulfilOrder(runtime: Runtime, orderId: string, buyer: string): Promise<void> {
  await setOrderState(runtime, orderId, 'inProgress');
  const order = findOrder(runtime, orderId);
  const items = order.productOrderItem as OrderItem[];
  if (thirdPartyPayerOf(order)) return fulfilConsumerOrder(runtime, orderId, buyer);
  if (isConvergedConnectivity(items, collection(runtime.store.data, 'TMF620', 'productOffering'))) return activateConvergedConnectivity(runtime, order, buyer);
  if (!isPartnerOrder(items)) return;
  const onboarding = await runtime.store.update((draft) => {
    const now = runtime.clock.now();
    const { organization, billingAccount, result } = onboardPartner(
      draft,
      buyer,
      tradingNameOf(order, buyer),
      now,
      runtime.config.secret,
      portalUrlFor(runtime, buyer),
    );
    runtime.journal(draft, JOURNAL.partnerOnboarded, {
      partner: buyer,
      organization: organization.id,
      billingAccount: billingAccount.id,
      bundle: result.bundle,
    });
    const products = registerSubscriptions(draft, order, items, billingAccount, buyer, now);
    for (const product of products) runtime.journal(draft, JOURNAL.subscriptionRegistered, { product: product.id, billingAccount: billingAccount.id });
    const stored = collection(draft, 'TMF622', 'productOrder').find((o) => o.id === orderId)!;
    stored.productOrderItem = items.map((item, i) => ({ ...item, state: 'completed', product: { id: products[i].id, href: products[i].href } }));
    return result;
  });
  await setOrderState(runtime, orderId, 'completed');
  await sendOnboardingResult(runtime, buyer, onboarding);
}

/** Step 7.3: the partner's credentials and bundle name, out of band (the partner's control API). */
async function sendOnboardingResult(runtime: Runtime, partner: string, result: OnboardingResult): Promise<void> {
  if (partner !== 'car-manufacturer') return;
  await runtime.client('car-manufacturer').post(PARTY_API.onboardingResult, result);
}

function tradingNameOf(order: Entity, buyer: string): string {
  const parties = (order.relatedParty as { name?: string; role?: string }[] | undefined) ?? [];
  return parties.find((p) => p.role === 'buyer' || p.role === 'customer')?.name ?? buyer;
}

/** Where the partner reaches the CSP's APIs: the URL this partner was configured with for the CSP. */
function portalUrlFor(runtime: Runtime, partner: string): string {
  const url = runtime.config.callbacks[partner as keyof typeof runtime.config.callbacks];
  return `${url ?? 'http://localhost'}/tmf-api`;
}
