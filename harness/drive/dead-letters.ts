import { ACTOR_IDS, type ActorId } from '../../core/actor-ids.ts';
import type { DeliveryState } from '../../tmf/delivery-state.ts';
import type { Ecosystem } from '../ecosystem.ts';
import type { PartyDeadLetter } from '../reports/run-summary.ts';

/** Every party's dead letters (events and effects it gave up on), read from its `/control/state`; a party that does not answer has none to show. */
export async function deadLetters(ecosystem: Ecosystem): Promise<PartyDeadLetter[]> {
  const of = async (party: ActorId) => {
    const { body } = await ecosystem
      .control(party)
      .request<{ delivery?: DeliveryState }>('GET', '/control/state')
      .catch(() => ({ body: {} as { delivery?: DeliveryState } }));
    return (body.delivery?.deadLetters ?? []).map((letter) => ({ party, ...letter }));
  };
  return (await Promise.all(ACTOR_IDS.map(of))).flat();
}
