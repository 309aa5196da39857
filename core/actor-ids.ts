/** The five parties of the connected-car ecosystem, as named in FLOWS.md. */
export const ACTOR_IDS = ['csp', 'car-manufacturer', 'content-provider', 'call-center', 'driver'] as const;
export type ActorId = (typeof ACTOR_IDS)[number];

/** Who can appear on the wire: a party, or the harness itself driving a scenario. */
export type WireParty = ActorId | 'harness';

export function isActorId(value: string): value is ActorId {
  return ACTOR_IDS.some((id) => id === value);
}

export const ACTOR_TITLES: Record<ActorId, string> = {
  csp: 'CSP (telecom operator)',
  'car-manufacturer': 'Car manufacturer (OEM)',
  'content-provider': 'Infotainment content provider',
  'call-center': 'Call center',
  driver: 'Driver',
};
