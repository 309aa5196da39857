import type { ActorId } from '../core/actor-ids.ts';
import { startCallCenter } from './call-center/index.ts';
import { startCarManufacturer } from './car-manufacturer/index.ts';
import { startContentProvider } from './content-provider/index.ts';
import { startCsp } from './csp/index.ts';
import { startDriver } from './driver/index.ts';
import type { ActorConfig } from './kit/config.ts';
import type { RunningActor } from './kit/serve.ts';

export type { RunningActor } from './kit/serve.ts';

const STARTERS: Record<ActorId, (config: ActorConfig, port?: number) => Promise<RunningActor>> = {
  csp: startCsp,
  'car-manufacturer': startCarManufacturer,
  'content-provider': startContentProvider,
  'call-center': startCallCenter,
  driver: startDriver,
};

/** Starts one simulated actor on `port` (0: any free port). */
export function startActor(id: ActorId, config: ActorConfig, port = 0): Promise<RunningActor> {
  return STARTERS[id](config, port);
}
