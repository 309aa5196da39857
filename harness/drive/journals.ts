import { ACTOR_IDS, isActorId } from '../../core/actor-ids.ts';
import type { JournalEntry } from '../../tmf/data.ts';
import type { Ecosystem } from '../ecosystem.ts';
import type { JournalEntry as FlowJournalEntry } from '../flows/types.ts';

/** Every party's journal, timed by the wall clock so that it orders against exchanges on the wire. */
export async function journals(ecosystem: Ecosystem): Promise<FlowJournalEntry[]> {
  const all = await Promise.all(ACTOR_IDS.map((id) => ecosystem.control(id).request<JournalEntry[]>('GET', '/control/journal')));
  return all
    .flatMap((r) => r.body)
    .filter((e) => isActorId(e.actor))
    .map((e) => ({ ...e, at: e.recordedAt }));
}
