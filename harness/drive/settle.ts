import { ACTOR_IDS } from '../../core/actor-ids.ts';
import type { Ecosystem } from '../ecosystem.ts';

/**
 * Lets every party finish what it started (background work, event deliveries) until the wire is quiet:
 * one party's drain can start another's work, so rounds repeat until a round adds no exchange.
 * The drains go to the parties directly, off the record: how many rounds it takes, and where each poll
 * would fall among the deliveries it waits for, depend on the machine's load, so recorded they made the
 * same run give different traces. What the parties do meanwhile is recorded as ever.
 */
export async function settle(ecosystem: Ecosystem, maxRounds = 20): Promise<void> {
  const flowCount = () => ecosystem.recorder.flowCount;
  for (let round = 0; round < maxRounds; round++) {
    const before = flowCount();
    for (const id of ACTOR_IDS) await ecosystem.poll(id).post('/control/drain', {});
    if (flowCount() === before) return;
  }
  throw new Error(`the ecosystem did not settle after ${maxRounds} rounds`);
}

/** Every party's simulated clock to the same instant. */
export async function setClock(ecosystem: Ecosystem, at: Date): Promise<void> {
  for (const id of ACTOR_IDS) await ecosystem.control(id).request('PUT', '/control/clock', { now: at.toISOString() });
}

export async function resetAll(ecosystem: Ecosystem): Promise<void> {
  for (const id of ACTOR_IDS) await ecosystem.control(id).post('/control/reset', {});
}
