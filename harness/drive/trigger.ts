import type { ActorId } from '../../core/actor-ids.ts';
import type { Ecosystem } from '../ecosystem.ts';
import { settle } from './settle.ts';

/** A party's control trigger, then every consequence until the wire is quiet. */
export async function trigger<T = unknown>(ecosystem: Ecosystem, actor: ActorId, operation: string, body: object = {}): Promise<T> {
  const result = await ecosystem.control(actor).post<T>(`/control/${operation}`, body);
  await settle(ecosystem);
  return result;
}
