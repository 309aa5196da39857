import type { PartyUnit } from '../../core/party-api.ts';
import type { ActorId } from '../../core/actor-ids.ts';
import type { ApiId } from '../../tmf/apis.ts';
import type { JournalType } from '../../core/journal-events.ts';

/** The figures of the use case that FLOWS.md describes step by step. */
export const FIGURES = [7, 8, 9, 10, 11] as const;
export type Figure = (typeof FIGURES)[number];

/** A step id as FLOWS.md writes it: `<figure>.<n>`, e.g. `7.5` or `9.23`. */
export type StepId = `${Figure}.${number}`;

/**
 * Branch labels of the steps that happen only on one path of a figure. A scenario names the branches
 * it takes; steps of the other branches are neither expected nor missing.
 */
export const BRANCHES = {
  /** 8.5: the driver is already a CSP customer (8.4 found one). */
  existingCustomer: 'existing-customer',
  /** 8.6: the driver is not a CSP customer yet (8.4 found none). */
  newParty: 'new-party',
  /** 9.4: the ticket reached the wrong party and is redirected. */
  misdirected: 'misdirected',
  /** 9.14: the OEM invoices the CSP for connectivity-related tickets ("may" in FLOWS.md). */
  oemInvoicesCsp: 'oem-invoices-csp',
} as const;
export type Branch = (typeof BRANCHES)[keyof typeof BRANCHES];

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * A condition on the request body of an exchange. `field` is a dotted path; arrays on the way are
 * searched, so `relatedParty.role` looks at the role of every related party. `equals` holds when some
 * value found there is one of `values`; `differs` holds when none is (an absent field differs).
 */
export interface BodyPredicate {
  readonly field: string;
  /** `present`: some non-empty value is there (`values` unused). */
  readonly op: 'equals' | 'differs' | 'present';
  readonly values: readonly (string | boolean)[];
}

interface WireEnds {
  /** The caller; any of these actors. */
  readonly from: readonly ActorId[];
  /** The callee; any of these actors. */
  readonly to: readonly ActorId[];
  /**
   * The callee is this unit of the caller itself (a party notifying its own resolution team, on the
   * wire's self-route). Without it, only exchanges with the party itself match.
   */
  readonly ownUnit?: PartyUnit;
}

/** A TMF operation between two parties (`kind: 'call'` on the wire). */
export interface CallMatcher extends WireEnds {
  readonly kind: 'call';
  readonly api: ApiId;
  readonly method: HttpMethod;
  /** The resource segment of the path (`productOffering`), or `hub` for event subscriptions. */
  readonly resource: string;
  /** Query parameter names the request must carry, e.g. `category.name` (any value). */
  readonly query?: readonly string[];
  readonly body?: readonly BodyPredicate[];
}

/**
 * A hub event POSTed to a listener, `/listener/<event>` on the callee. The body's `eventType` must name
 * the same event as the path: an event posted to the wrong listener proves nothing.
 */
export interface NotificationMatcher extends WireEnds {
  readonly kind: 'notification';
  /** The TMF API the event belongs to. */
  readonly api: ApiId;
  /** Accepted event names (lowerCamel, as in the listener path), any of. */
  readonly events: readonly string[];
  /** What the event must say, e.g. `event.productOrder.state` = `completed`. */
  readonly body?: readonly BodyPredicate[];
}

/** A call on a party's own non-TMF API: its control API or the driver's inbox. */
export interface PartyApiMatcher extends WireEnds {
  readonly kind: 'party-api';
  readonly api: 'control' | 'inbox';
  /** The path on the callee must end with this, e.g. `/control/onboarding-result`. */
  readonly path: string;
  readonly body?: readonly BodyPredicate[];
}

/** How a step between two parties shows on the wire. */
export type WireMatcher = CallMatcher | NotificationMatcher | PartyApiMatcher;

/** How an internal step shows: a domain event in the journal of the actor that did it. */
export interface InternalMatcher {
  readonly kind: 'journal';
  /** Any of these actors may record it (e.g. "csp / car-manufacturer (internal)"). */
  readonly actor: readonly ActorId[];
  readonly type: JournalType;
}

/**
 * Every part must be seen. The first part is the step's anchor (where it starts, used for ordering).
 * Hub subscriptions among the other parts may predate the step they serve, so the anchor is a
 * subscription only when the step is nothing but subscribing.
 */
export interface AllOf {
  readonly kind: 'all';
  readonly parts: readonly Observation[];
}

/** One of the options is enough (FLOWS.md: "… or …"). */
export interface AnyOf {
  readonly kind: 'any';
  readonly options: readonly Observation[];
}

/** What proves that a step happened. */
export type Observation = WireMatcher | InternalMatcher | AllOf | AnyOf;

/** One documented step of FLOWS.md, as data. */
export interface FlowStep {
  readonly id: StepId;
  readonly figure: Figure;
  /** The "API / operation" column. */
  readonly title: string;
  /** The business rule the step carries. */
  readonly rule: string;
  /** The documented direction ("from → to"); an internal step has the acting party on both ends. */
  readonly from: readonly ActorId[];
  readonly to: readonly ActorId[];
  readonly observe: Observation;
  /**
   * Traffic that belongs to the step without proving it (event subscriptions, intermediate events,
   * retries of a follow-up read). It is never reported as unexpected, and never required.
   */
  readonly related?: readonly WireMatcher[];
  /** Steps of the same figure that must come before this one when both are seen. */
  readonly after?: readonly StepId[];
  readonly branch?: Branch;
}

/**
 * A domain event an actor records in its journal. `seq` increases within one actor's journal; `at` is
 * the wall-clock time (ISO 8601) it was recorded, comparable with `Exchange.startedAt` — not the
 * simulated business clock — so internal steps can be ordered against wire exchanges.
 */
export interface JournalEntry {
  readonly seq: number;
  /** When the party recorded it, on the harness's clock (harness/drive/journals.ts). */
  readonly at: string;
  /** How far `at` may be off the harness's clock (a party on a clock of its own); absent: on the harness's clock. */
  readonly uncertaintyMs?: number;
  /** Who recorded it. A string, as a state dump delivers it; an entry of a non-actor proves nothing. */
  readonly actor: string;
  readonly type: string;
  readonly data: unknown;
}
