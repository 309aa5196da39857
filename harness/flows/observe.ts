import type { ActorId } from '../../core/actor-ids.ts';
import type { ApiId } from '../../tmf/apis.ts';
import type { JournalType } from '../../core/journal-events.ts';
import { PARTY_API, type InboxTopic, type PartyUnit } from '../../core/party-api.ts';
import type {
  AllOf,
  AnyOf,
  BodyPredicate,
  CallMatcher,
  HttpMethod,
  InternalMatcher,
  NotificationMatcher,
  Observation,
  PartyApiMatcher,
  WireMatcher,
} from './types.ts';

/** One actor, or any of several ("csp or car-manufacturer"). */
export type Parties = ActorId | readonly ActorId[];

const list = (parties: Parties): readonly ActorId[] => (typeof parties === 'string' ? [parties] : parties);

/** A TMF operation `method resource` on `api`, from a caller to a callee. */
export function call(
  from: Parties,
  to: Parties,
  method: HttpMethod,
  api: ApiId,
  resource: string,
  extra: { query?: readonly string[]; body?: readonly BodyPredicate[] } = {},
): CallMatcher {
  return { kind: 'call', from: list(from), to: list(to), method, api, resource, ...extra };
}

/** An event subscription (POST hub) on `api` of the callee. */
export function subscribe(from: Parties, to: Parties, api: ApiId): CallMatcher {
  return call(from, to, 'POST', api, 'hub');
}

/** Subscription traffic that may accompany a step: subscribing and unsubscribing. */
export function hubTraffic(from: Parties, to: Parties, api: ApiId): WireMatcher[] {
  return [subscribe(from, to, api), call(from, to, 'DELETE', api, 'hub')];
}

/** An event of `api` posted by the provider to the subscriber's listener; `body`: what it must say. */
export function notify(from: Parties, to: Parties, api: ApiId, events: readonly string[], body?: readonly BodyPredicate[]): NotificationMatcher {
  return { kind: 'notification', from: list(from), to: list(to), api, events, ...(body ? { body } : {}) };
}

/** An event of `api` a party posts to a unit of its own (its resolution team), through the wire's self-route. */
export function notifyOwnUnit(parties: Parties, unit: PartyUnit, api: ApiId, events: readonly string[], body?: readonly BodyPredicate[]): NotificationMatcher {
  return { ...notify(parties, parties, api, events, body), ownUnit: unit };
}

/** A call on the callee's control API, at `path`. */
export function control(from: Parties, to: Parties, path: string): PartyApiMatcher {
  return { kind: 'party-api', api: 'control', from: list(from), to: list(to), path };
}

/** A message posted to the driver's inbox, told apart by its topic. */
export function inbox(from: Parties, topic: InboxTopic): PartyApiMatcher {
  return {
    kind: 'party-api',
    api: 'inbox',
    from: list(from),
    to: ['driver'],
    path: PARTY_API.inbox,
    body: [equals('topic', topic)],
  };
}

/** A domain event of `type` in the journal of (any of) `actor`. */
export function journal(actor: Parties, type: JournalType): InternalMatcher {
  return { kind: 'journal', actor: list(actor), type };
}

export function allOf(...parts: Observation[]): AllOf {
  return { kind: 'all', parts };
}

export function anyOf(...options: Observation[]): AnyOf {
  return { kind: 'any', options };
}

/** Some value at `field` is one of `values` (a state a step names: `equals('state', 'accepted', 'disputed')`). */
export function equals(field: string, ...values: (string | boolean)[]): BodyPredicate {
  return { field, op: 'equals', values };
}

/** Some non-empty value is at `field` (an identifier the step must carry, whatever it is). */
export function present(field: string): BodyPredicate {
  return { field, op: 'present', values: [] };
}

export function differs(field: string, ...values: (string | boolean)[]): BodyPredicate {
  return { field, op: 'differs', values };
}

/** The single matchers inside an observation, in the order they are written. */
export function leavesOf(o: Observation): (WireMatcher | InternalMatcher)[] {
  switch (o.kind) {
    case 'all':
      return o.parts.flatMap(leavesOf);
    case 'any':
      return o.options.flatMap(leavesOf);
    default:
      return [o];
  }
}
