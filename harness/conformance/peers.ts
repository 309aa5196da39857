import { ACTOR_IDS, type ActorId } from '../../core/actor-ids.ts';
import { bootstrapKey, harnessKey } from '../../tmf/auth.ts';
import type { Ecosystem } from '../ecosystem.ts';

/**
 * What a bound partner must be configured with so that everything it sends goes through the wire:
 * the URL to call each peer, and the URL each peer uses to reach it (what it gives peers as hub
 * callbacks). The same body as PUT /control/peers, which the harness sends when the partner has it.
 */
export interface PeerUrls {
  readonly party: ActorId;
  /** The partner's own URL, where the wire forwards calls to it. */
  readonly url: string;
  readonly peers: Readonly<Record<string, string>>;
  readonly callbacks: Readonly<Record<string, string>>;
  /**
   * The bootstrap credentials, so a partner needs no shared secret: the bearer key it presents to each
   * peer, the key each peer presents to it, and the key the harness drives its control API with.
   */
  readonly credentials: {
    readonly presentsTo: Readonly<Record<string, string>>;
    readonly accepts: Readonly<Record<string, string>>;
    readonly harness: string;
  };
}

export function peerUrlsOf(ecosystem: Ecosystem, party: ActorId): PeerUrls {
  const others = ACTOR_IDS.filter((p) => p !== party);
  return {
    party,
    url: ecosystem.actorUrls[party],
    // Itself too: what it tells a unit of its own (its resolution team, 9.26) goes through the wire.
    peers: Object.fromEntries(ACTOR_IDS.map((p) => [p, ecosystem.wireUrl(party, p)])),
    callbacks: Object.fromEntries(ACTOR_IDS.map((p) => [p, ecosystem.wireUrl(p, party)])),
    credentials: {
      presentsTo: Object.fromEntries(others.map((p) => [p, bootstrapKey(ecosystem.secret, party, p)])),
      accepts: Object.fromEntries(others.map((p) => [p, bootstrapKey(ecosystem.secret, p, party)])),
      harness: harnessKey(ecosystem.secret, party),
    },
  };
}

/** The lines the terminal shows. */
export function describePeerUrls(all: readonly PeerUrls[]): string[] {
  return all.flatMap((p) => [
    `${p.party} (${p.url}) must call its peers at:`,
    ...Object.entries(p.peers).map(([peer, url]) => `  ${peer.padEnd(17)} ${url}`),
    '  and give its peers these callback URLs (hub subscriptions):',
    ...Object.entries(p.callbacks).map(([peer, url]) => `  ${peer.padEnd(17)} ${url}`),
    '  with the bearer credentials listed in peers.json (or the same CCH_SECRET as the harness).',
  ]);
}
