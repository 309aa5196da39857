import type { WireParty, ActorId } from '../core/actor-ids.ts';
import type { PartyUnit } from '../core/party-api.ts';
import type { ApiId } from '../tmf/apis.ts';
import type { ValidationIssue } from '../tmf/schemas/validation-issue.ts';

/** Kept here too: the recorder and the reports speak of a validation issue as part of an exchange. */
export type { ValidationIssue };

/** What kind of traffic an exchange is: a TMF call, a hub notification, or a non-TMF API. */
export type ExchangeKind =
  | 'call' // a TMF API operation between two parties
  | 'notification' // a hub event POSTed to a listener
  | 'party-api' // a party's own non-TMF API used by a flow step (control triggers between parties, inbox)
  | 'harness'; // the harness driving a scenario (control, reset, state dump): never a flow step

/** The API an exchange belongs to: a TMF API, or one of the non-TMF surfaces. */
export type WireApi = ApiId | 'control' | 'inbox' | 'listener' | 'unknown';

/**
 * A request or response as recorded. The wire gives exchanges whose bytes and headers are the same one
 * message (see Recorder): treat a message, its headers and its body as read-only.
 */
export interface RecordedMessage {
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** One HTTP exchange recorded on the wire. `trace.json` is an array of these. */
export interface Exchange {
  /** Position on the wire in this run (1-based, increasing). */
  readonly seq: number;
  /** The scenario that was running, or '' outside scenarios. */
  readonly scenario: string;
  readonly from: WireParty;
  readonly to: ActorId;
  /**
   * The callee's unit, when the call went to one rather than to the party: a party notifying its own
   * resolution team goes from `csp` to `csp`, unit `resolution-team` (the wire's self-route).
   */
  readonly unit?: PartyUnit;
  readonly kind: ExchangeKind;
  readonly api: WireApi;
  /** Human label, e.g. `POST productOrder`, `GET customerBill/{id}`, `productOrderStateChangeEvent`. */
  readonly operation: string;
  readonly method: string;
  /** Path on the callee, with query string. */
  readonly path: string;
  readonly status: number;
  readonly request: RecordedMessage;
  readonly response: RecordedMessage;
  readonly valid: boolean;
  readonly errors: readonly ValidationIssue[];
  /** Wall-clock start (ISO) and duration; the simulated time lives in the bodies. */
  readonly startedAt: string;
  readonly durationMs: number;
  /** Set when the callee could not be reached or timed out. */
  readonly failure?: string;
}
