import type { Express } from 'express';
import type { ActorId } from '../../core/actor-ids.ts';
import { listenOn } from '../../core/listen.ts';
import { answerUnparsableRequests } from '../../tmf/errors.ts';
import type { BaseData } from '../../tmf/data.ts';
import type { ActorRuntime } from './runtime.ts';

/** A simulated actor listening on a port. */
export interface RunningActor {
  readonly id: ActorId;
  readonly url: string;
  readonly runtime: ActorRuntime<BaseData>;
  /** The actor's app: its route table (the fuzz test walks it). */
  readonly app: Express;
  stop(): Promise<void>;
}

/** Listens on `port` (0 in tests: a free port) and returns the running actor. */
export async function serve<D extends BaseData>(
  runtime: ActorRuntime<D>,
  app: Express,
  port = 0,
  host = runtime.config.host ?? '127.0.0.1',
): Promise<RunningActor> {
  const server = await listenOn(app, port, host);
  answerUnparsableRequests(server);
  const address = server.address();
  // Listening on a TCP port, the server's address is an AddressInfo (a string only for a pipe or socket).
  const url = `http://${host}:${typeof address === 'object' && address !== null ? address.port : port}`;
  runtime.resume();
  return {
    id: runtime.id,
    url,
    runtime: runtime as unknown as ActorRuntime<BaseData>,
    app,
    async stop() {
      await runtime.drain().catch(() => undefined);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      runtime.stopped();
    },
  };
}
