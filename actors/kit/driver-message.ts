import { PARTY_API } from '../../core/party-api.ts';
import type { BaseData } from '../../tmf/data.ts';
import type { EffectHandler } from '../../tmf/owed-effects.ts';
import { EffectKind } from './effect-kind.ts';
import type { ActorRuntime } from './runtime.ts';

/** The owed effect by which any party tells the driver something, in its inbox. */
export const DRIVER_MESSAGE = new EffectKind<{ message: Record<string, unknown> }>('driver-message');

/**
 * Records, in the update that causes it, that the driver is owed `message` (an InboxMessage without id).
 * `key` names the cause (e.g. `invoice-available:<bill id>`): the message is owed once per key, and the
 * key is the message's id, so a message resent after a crash is kept once by the driver.
 */
export function oweDriverMessage<D extends BaseData>(runtime: ActorRuntime<D>, draft: D, key: string, message: Record<string, unknown>): void {
  DRIVER_MESSAGE.owe(runtime, draft, { message }, { key: `${DRIVER_MESSAGE}:${key}` });
}

/** Carries out one owed driver message (every actor registers it). */
export function driverMessageEffect<D extends BaseData>(runtime: ActorRuntime<D>): EffectHandler<D> {
  return DRIVER_MESSAGE.handler(async ({ message }, effect) => {
    await runtime.client('driver').post(PARTY_API.inbox, { ...message, id: `${runtime.id}-${effect.key}` });
  });
}
