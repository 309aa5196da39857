import { PARTY_API } from '../../core/party-api.ts';
import type { BaseData } from '../../tmf/data.ts';
import type { EffectHandler } from '../../tmf/owed-effects.ts';
import type { ActorRuntime } from './runtime.ts';

/** The owed effect by which any party tells the driver something, in its inbox. */
export const DRIVER_MESSAGE = 'driver-message';

/**
 * Records, in the update that causes it, that the driver is owed `message` (an InboxMessage without id).
 * `key` names the cause (e.g. `invoice-available:<bill id>`): the message is owed once per key, and the
 * key is the message's id, so a message resent after a crash is kept once by the driver.
 */
export function oweDriverMessage<D extends BaseData>(runtime: ActorRuntime<D>, draft: D, key: string, message: Record<string, unknown>): void {
  runtime.owe(draft, DRIVER_MESSAGE, { message }, { key: `${DRIVER_MESSAGE}:${key}` });
}

/** Carries out one owed driver message (every actor registers it). */
export function driverMessageEffect<D extends BaseData>(runtime: ActorRuntime<D>): EffectHandler<D> {
  return async (args, effect) => {
    await runtime.client('driver').post(PARTY_API.inbox, { ...(args.message as Record<string, unknown>), id: `${runtime.id}-${effect.key}` });
  };
}
