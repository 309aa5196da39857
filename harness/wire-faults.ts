/**
 * Faults injected on the wire, for demos and drills: a party taken down, or its events delayed or
 * sent twice. The recorder consults this table for every exchange; the dashboard edits it. Whatever
 * a fault does is recorded like any other exchange, so the harness reports its effects as it would
 * report a real outage: red arrows, missing steps, duplicate events.
 */
import type { ActorId, WireParty } from '../core/actor-ids.ts';

/** What can go wrong with one party. */
export type WireFault =
  /** Every call to the party fails as if it were unreachable. */
  | { readonly kind: 'down' }
  /** The party's events (hub notifications it sends) reach their listeners `ms` late. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** The party's events are delivered twice: the listener must notice the second one. */
  | { readonly kind: 'duplicate' };

/** A request header marking the second delivery of a duplicated event, so it is not duplicated again. */
export const DUPLICATE_HEADER = 'x-cch-injected-duplicate';

/** The longest delay the table accepts: a demo should not hang a run. */
export const MAX_DELAY_MS = 10_000;

/** What the recorder must do with one exchange. */
export interface FaultDecision {
  /** Fail the exchange with this reason instead of forwarding it. */
  readonly down?: string;
  readonly delayMs?: number;
  /** After answering, deliver the same request once more. */
  readonly duplicate?: boolean;
}

const isEvent = (path: string) => path.startsWith('/listener/');

/** The faults in force, one per party at most. */
export class FaultTable {
  readonly #faults = new Map<ActorId, WireFault>();

  set(party: ActorId, fault: WireFault): void {
    this.#faults.set(party, fault.kind === 'delay' ? { kind: 'delay', ms: Math.min(Math.max(fault.ms, 0), MAX_DELAY_MS) } : fault);
  }

  clear(party: ActorId): void {
    this.#faults.delete(party);
  }

  clearAll(): void {
    this.#faults.clear();
  }

  list(): Partial<Record<ActorId, WireFault>> {
    return Object.fromEntries(this.#faults);
  }

  /** What happens to a call from `from` to `to` on `path`; nothing when no fault applies. */
  decide(from: WireParty, to: ActorId, path: string, headers: (name: string) => string | undefined): FaultDecision {
    const callee = this.#faults.get(to);
    // The harness still reaches a party that is down to its peers: it must reset it and read its state.
    if (callee?.kind === 'down' && from !== 'harness') return { down: `${to} is down (fault injected from the dashboard)` };
    const sender = from === 'harness' ? undefined : this.#faults.get(from);
    if (!sender || !isEvent(path)) return {};
    if (sender.kind === 'delay') return { delayMs: sender.ms };
    if (sender.kind === 'duplicate' && headers(DUPLICATE_HEADER) === undefined) return { duplicate: true };
    return {};
  }
}

/** The error the recorder raises instead of forwarding to a party that is down. */
export class InjectedDown extends Error {}

/**
 * Sends a request through the wire once more, marked as the duplicate, so it is recorded and delivered
 * like the original. Its outcome is the listener's business: nobody waits for it.
 */
export function deliverAgain(wireUrl: string, method: string, headers: Record<string, string>, body: Buffer | undefined): void {
  fetch(wireUrl, { method, headers: { ...headers, [DUPLICATE_HEADER]: '1' }, body: body ? new Uint8Array(body) : undefined }).catch(() => undefined);
}
