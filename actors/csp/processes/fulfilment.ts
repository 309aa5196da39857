import { isActorId } from '../../../core/actor-ids.ts';
import { JOURNAL } from '../../../core/journal-events.ts';
import { PARTY_API } from '../../../core/party-api.ts';
import { collection } from '../../../tmf/data.ts';
import type { ProductOrder } from '../../../tmf/resources.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { EffectHandler } from '../../../tmf/owed-effects.ts';
import { onboardingResultOf, onboardPartner, type OnboardingResult } from '../domain/onboarding.ts';
import { isPartnerOrder } from '../domain/order-check.ts';
import { registerSubscriptions } from '../domain/subscriptions.ts';
import { thirdPartyPayerOf } from '../domain/consumer-order.ts';
import { fulfilConsumerOrder } from './consumer-fulfilment.ts';
import { completeOrder, findOrder, isRegistered, putProductsOnItems, setOrderState } from './order-state.ts';
import type { CspData } from '../store.ts';
import { isConvergedConnectivity } from '../domain/partner-offers.ts';
import { activateConvergedConnectivity } from './converged-offer.ts';

type Runtime = ActorRuntime<CspData>;

/** Owed with the order's creation: its fulfilment. */
export const FULFIL_ORDER = 'fulfil-order';

/**
 * States in which an owed fulfilment is (still) to be carried out: not started, cut short by a kill
 * half-way, or completed with the partner's credentials not known to be delivered. A cancelled order is
 * left alone.
 */
const TAKEN_UP: readonly ProductOrder['state'][] = ['acknowledged', 'inProgress', 'completed'];

/**
 * Carries out an owed fulfilment. Retry-safe: every step of `fulfilOrder` checks whether it is already
 * done, so an attempt cut short by a kill is resumed where it stopped and nothing is done twice.
 */
export const fulfilOrderEffect =
  (runtime: Runtime): EffectHandler<CspData> =>
  async (args) => {
    const orderId = String(args.orderId);
    if (!TAKEN_UP.includes(findOrder(runtime, orderId).state)) return;
    await fulfilOrder(runtime, orderId, String(args.buyer));
  };

/**
 * Fulfils an accepted order: acknowledged → inProgress → completed, each change notified. A partner
 * order (figure 7) onboards the partner, registers its subscriptions, then hands it its credentials.
 * Resumable: a state already reached and a registration already made (products made for the order)
 * are skipped; the hand-over is repeated, the partner keeping the same result once.
 */
export async function fulfilOrder(runtime: Runtime, orderId: string, buyer: string): Promise<void> {
  if (findOrder(runtime, orderId).state === 'acknowledged') await setOrderState(runtime, orderId, 'inProgress');
  const order = findOrder(runtime, orderId);
  const items = order.productOrderItem;
  if (thirdPartyPayerOf(order)) return fulfilConsumerOrder(runtime, orderId, buyer);
  if (isConvergedConnectivity(items, collection(runtime.store.data, 'TMF620', 'productOffering'))) return activateConvergedConnectivity(runtime, order, buyer);
  if (!isPartnerOrder(items)) return;
  if (!isRegistered(runtime, order.id)) await onboardAndRegister(runtime, order, buyer);
  await completeOrder(runtime, orderId);
  await sendOnboardingResult(runtime, buyer, onboardingResultOf(runtime.store.data, buyer, portalUrlFor(runtime, buyer))!);
}

/** Step 7.2 and the partner's subscriptions, in one change that also puts the products on the order's items. */
async function onboardAndRegister(runtime: Runtime, order: ProductOrder, buyer: string): Promise<void> {
  const items = order.productOrderItem;
  await runtime.store.update((draft) => {
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
    putProductsOnItems(draft, order.id, products);
  });
}

/** Step 7.3: the partner's credentials and bundle name, out of band (the partner's control API). */
async function sendOnboardingResult(runtime: Runtime, partner: string, result: OnboardingResult): Promise<void> {
  if (partner !== 'car-manufacturer') return;
  await runtime.client('car-manufacturer').post(PARTY_API.onboardingResult, result);
}

function tradingNameOf(order: ProductOrder, buyer: string): string {
  const parties = order.relatedParty ?? [];
  return parties.find((p) => p.role === 'buyer' || p.role === 'customer')?.name ?? buyer;
}

/** Where the partner reaches the CSP's APIs: the URL this partner was configured with for the CSP. */
function portalUrlFor(runtime: Runtime, partner: string): string {
  const url = isActorId(partner) ? runtime.config.callbacks[partner] : undefined;
  return `${url ?? 'http://localhost'}/tmf-api`;
}
