import { ACTOR_IDS, isActorId, type ActorId } from '../core/actor-ids.ts';
import type { Ecosystem } from '../harness/ecosystem.ts';
import type { Figure, JournalEntry as FlowJournalEntry } from '../harness/flows/types.ts';
import type { JournalEntry } from '../tmf/data.ts';

/** Drives one figure's scenario through the parties' control APIs, until the wire is quiet. */
export type FigureRun = (ecosystem: Ecosystem) => Promise<void>;

/** At most this many drain rounds: a party that keeps producing traffic is a fault, not a wait. */
const MAX_SETTLE_ROUNDS = 20;

const flowCount = (ecosystem: Ecosystem) => ecosystem.recorder.exchanges.filter((e) => e.kind !== 'harness').length;

/** Drains every party until the number of flow exchanges stops changing. */
export async function settle(ecosystem: Ecosystem): Promise<void> {
  for (let round = 0; round < MAX_SETTLE_ROUNDS; round++) {
    const before = flowCount(ecosystem);
    for (const id of ACTOR_IDS) await ecosystem.control(id).post('/control/drain', {});
    if (flowCount(ecosystem) === before) return;
  }
  throw new Error(`the ecosystem did not settle after ${MAX_SETTLE_ROUNDS} rounds`);
}

async function setClock(ecosystem: Ecosystem, at: string): Promise<void> {
  for (const id of ACTOR_IDS) await ecosystem.control(id).request('PUT', '/control/clock', { now: at });
}

async function trigger(ecosystem: Ecosystem, actor: ActorId, operation: string, body: object = {}): Promise<void> {
  await ecosystem.control(actor).post(`/control/${operation}`, body);
  await settle(ecosystem);
}

/** Figure 7: partner order, catalog build, then the first monthly billing run. */
async function runFigure7(ecosystem: Ecosystem): Promise<void> {
  for (const id of ACTOR_IDS) await ecosystem.control(id).post('/control/reset', {});
  await setClock(ecosystem, '2026-01-01T08:00:00Z');
  await trigger(ecosystem, 'car-manufacturer', 'partner-order');
  await trigger(ecosystem, 'car-manufacturer', 'build-catalog');
  await setClock(ecosystem, '2026-02-01T00:00:00Z');
  await trigger(ecosystem, 'csp', 'billing-run', { period: '2026-01' });
}

/** The figures the dashboard can drive; the others are not scripted yet. */
export const FIGURE_RUNS: Partial<Record<Figure, FigureRun>> = { 7: runFigure7 };

/** Every party's journal, timed by the wall clock so that it orders against the wire. */
export async function journals(ecosystem: Ecosystem): Promise<FlowJournalEntry[]> {
  const all = await Promise.all(ACTOR_IDS.map((id) => ecosystem.control(id).request<JournalEntry[]>('GET', '/control/journal')));
  return all.flatMap((r) => r.body).filter((e) => isActorId(e.actor)).map((e) => ({ ...e, at: e.recordedAt }));
}
