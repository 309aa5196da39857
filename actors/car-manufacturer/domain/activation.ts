import type { Entity } from '../../../tmf/data.ts';
import { forbidden, invalid } from '../../../core/domain-error.ts';
import { HARNESS_PARTY } from '../../../tmf/credentials.ts';
import type { WriteContext } from '../../../tmf/entity.ts';
import type { OemData } from '../store.ts';

/**
 * A partner's PATCH of a product in the OEM's inventory (11.10): only the content provider serving it
 * may change it, only to activate it from `created` / `pendingActive`. Activation starts the service,
 * so billing runs from that instant.
 */
export function activationPatch(current: Entity, next: Entity, ctx: WriteContext<OemData>): Entity {
  if (ctx.caller.party === HARNESS_PARTY) return next;
  const provider = ((current.relatedParty as { id: string; role?: string }[] | undefined) ?? []).find((p) => p.role === 'serviceProvider')?.id;
  if (provider !== ctx.caller.party) throw forbidden(`${ctx.caller.party} does not provide product ${current.id}`);
  const changed = Object.keys({ ...current, ...next }).filter((k) => JSON.stringify(current[k]) !== JSON.stringify(next[k]));
  if (changed.some((k) => k !== 'status') || next.status !== 'active')
    throw invalid('Invalid activation', 'a provider may only set status to active', 'INVALID_ACTIVATION');
  if (!['created', 'pendingActive'].includes(String(current.status)))
    throw invalid('Invalid activation', `product ${current.id} is ${String(current.status)}`, 'INVALID_ACTIVATION');
  return { ...next, startDate: ctx.now.toISOString() };
}
