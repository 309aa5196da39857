import { changedFields } from '../../../tmf/events.ts';
import type { Product } from '../../../tmf/resources.ts';
import { forbidden, invalid } from '../../../core/domain-error.ts';
import { HARNESS_PARTY } from '../../../tmf/credentials.ts';
import type { WriteContext } from '../../../tmf/entity.ts';
import type { OemData } from '../store.ts';

/**
 * A partner's PATCH of a product in the OEM's inventory (11.10): only the content provider serving it
 * may change it, only to activate it from `created` / `pendingActive`. Activation starts the service,
 * so billing runs from that instant.
 */
export function activationPatch(current: Product, next: Product, ctx: WriteContext<OemData>): Product {
  if (ctx.caller.party === HARNESS_PARTY) return next;
  const provider = (current.relatedParty ?? []).find((p) => p.role === 'serviceProvider')?.id;
  if (provider !== ctx.caller.party) throw forbidden(`${ctx.caller.party} does not provide product ${current.id}`);
  const changed = changedFields(current, next);
  if (changed.some((k) => k !== 'status') || next.status !== 'active')
    throw invalid('Invalid activation', 'a provider may only set status to active', 'INVALID_ACTIVATION');
  if (current.status !== 'created' && current.status !== 'pendingActive')
    throw invalid('Invalid activation', `product ${current.id} is ${current.status}`, 'INVALID_ACTIVATION');
  return { ...next, startDate: ctx.now.toISOString() };
}
