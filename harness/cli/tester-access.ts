import { ACTOR_IDS, ACTOR_TITLES, type ActorId } from '../../core/actor-ids.ts';
import { harnessKey } from '../../tmf/auth.ts';

/** What a party says it serves on `GET /`: its TMF APIs and their base paths. */
interface PartyIndex {
  readonly apis: ReadonlyArray<{ readonly api: string; readonly basePath: string }>;
}

/**
 * What a tester needs to point any TMF tool at a party: the base URL of each API it serves (under
 * `base`, the party's own URL or the wire's) and the bearer that opens all of them (the harness key).
 */
export async function testerAccess(id: ActorId, partyUrl: string, base: string, secret: string): Promise<string[]> {
  const index = (await (await fetch(`${partyUrl}/`)).json()) as PartyIndex;
  return [`${ACTOR_TITLES[id]} (${id})`, ...index.apis.map((a) => `  ${a.api} at ${base}${a.basePath}`), `  tester key: ${harnessKey(secret, id)}`];
}

/**
 * Stable ports for the parties: `first`, `first + 1`, … in the fixed order of ACTOR_IDS (csp,
 * car-manufacturer, content-provider, call-center, driver), so a script finds them without parsing.
 */
export function partyPortsFrom(first: number): Record<ActorId, number> {
  if (first + ACTOR_IDS.length - 1 > 65535) throw new Error(`party ports from ${first} would pass 65535`);
  return Object.fromEntries(ACTOR_IDS.map((id, i) => [id, first + i])) as Record<ActorId, number>;
}
