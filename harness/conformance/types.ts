import type { ActorId, WireParty } from '../../core/actor-ids.ts';

/** The verdict of one cell of the conformance matrix. */
export type Verdict = 'pass' | 'fail' | 'not exercised';

/** Where a finding comes from. */
export type FindingSource =
  | 'schema' // a body against the project's schemas (tmf/schemas)
  | 'official' // a body against the official TMF file of its API (where the files are at hand)
  | 'convention' // a TMF convention: id/href/@type, paging headers, filters, status codes
  | 'flow' // the documented steps of FLOWS.md: seen, missing, out of order, unexpected
  | 'rule' // a business rule of a step (bill = sum of items, subscribed events delivered, bundle refusals)
  | 'transport' // unreachable, timed out
  | 'scenario'; // a Gherkin scenario's own assertion

/** The exchange a finding is about, as a person needs it to reproduce the problem. */
export interface ExchangeRef {
  readonly seq: number;
  readonly scenario: string;
  readonly from: WireParty;
  readonly to: ActorId;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** Set when the callee was unreachable or timed out: what happened, with the URL. */
  readonly failure?: string;
  readonly request?: unknown;
  readonly response?: unknown;
}

/** The cell of the matrix a finding belongs to. */
export interface Cell {
  readonly party: ActorId;
  /** A TMF API id, `control`, `inbox`, `internal` (journal steps), `scenario` or `unknown`. */
  readonly api: string;
  /** E.g. `GET customerBill`, `event customerBillCreateEvent`, `POST /control/onboarding-result`. */
  readonly operation: string;
  /** The FLOWS.md step, or `—` when no documented step holds the operation. */
  readonly step: string;
}

/** One check of the partner, passed or failed. */
export interface Finding extends Cell {
  /** `not probed`: a check the harness could not make (e.g. too few entities to page): shown, never a pass. */
  readonly verdict: 'pass' | 'fail' | 'not probed';
  readonly source: FindingSource;
  /** The rule that was checked, e.g. `schema CustomerBill: required` or `X-Result-Count ≤ limit`. */
  readonly rule: string;
  /** JSON pointer into the body at fault (`response/taxIncludedAmount/value`). */
  readonly path?: string;
  readonly message: string;
  readonly scenario?: string;
  readonly exchange?: ExchangeRef;
}

/** One row of the matrix. */
export interface MatrixRow extends Cell {
  readonly verdict: Verdict;
  readonly passed: number;
  readonly failed: number;
  /** Why a row was not exercised. */
  readonly reason?: string;
}

/** How far the harness could go with a partner. */
export type Mode = 'full' | 'provider-only' | 'unreachable';

export interface PartnerMode {
  readonly party: ActorId;
  readonly url: string;
  readonly mode: Mode;
  /** Why (e.g. `GET /control/openapi.json → 404`, or the missing operations). */
  readonly reason: string;
}
