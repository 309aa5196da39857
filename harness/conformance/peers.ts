import { ACTOR_IDS, type ActorId } from '../../core/actor-ids.ts';
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
}

export function peerUrlsOf(ecosystem: Ecosystem, party: ActorId): PeerUrls {
  const others = ACTOR_IDS.filter((p) => p !== party);
  return {
    party,
    url: ecosystem.actorUrls[party],
    peers: Object.fromEntries(others.map((p) => [p, ecosystem.wireUrl(party, p)])),
    callbacks: Object.fromEntries(others.map((p) => [p, ecosystem.wireUrl(p, party)])),
  };
}

/** The lines the terminal shows. */
export function describePeerUrls(all: readonly PeerUrls[]): string[] {
  return all.flatMap((p) => [
    `${p.party} (${p.url}) must call its peers at:`,
    ...Object.entries(p.peers).map(([peer, url]) => `  ${peer.padEnd(17)} ${url}`),
    '  and give its peers these callback URLs (hub subscriptions):',
    ...Object.entries(p.callbacks).map(([peer, url]) => `  ${peer.padEnd(17)} ${url}`),
  ]);
}
