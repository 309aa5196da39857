import type { ActorId } from '../../core/actor-ids.ts';
import type { StorageOption } from '../../core/store.ts';
import type { DeliveryPolicy } from '../../tmf/notifier.ts';

/**
 * Everything an actor needs to run, and nothing about how it is deployed: its peers are URLs (the
 * wire's, in an ecosystem), its store is memory or a file, its time is simulated.
 */
export interface ActorConfig {
  readonly storage: StorageOption;
  /** Shared secret from which bootstrap credentials are derived (the same in every process). */
  readonly secret: string;
  /** Base URL to call each peer (the wire's URL for that caller → callee pair). */
  readonly peers: Partial<Record<ActorId, string>>;
  /** Base URL each peer uses to reach this actor: what goes into hub callbacks given to that peer. */
  readonly callbacks: Partial<Record<ActorId, string>>;
  /** Seed for generated data (faker). */
  readonly seed: number;
  readonly delivery?: DeliveryPolicy;
  /** Time-out of calls to peers. */
  readonly peerTimeoutMs?: number;
  /** Address to listen on (default 127.0.0.1; 0.0.0.0 in a container). */
  readonly host?: string;
}

export const DEFAULT_SECRET = 'connected-car-harness';
export const DEFAULT_SEED = 7;
