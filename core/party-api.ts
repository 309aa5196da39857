/**
 * The party-API endpoints that flow steps use between parties, and the topics of inbox messages. Two
 * steps can share caller, callee and API (8.2 and 11.1 are both driver → car-manufacturer control;
 * 9.7 and 9.22 are both call-center → driver inbox), so the catalogue tells them apart by path and by
 * the inbox message's `topic`. Actors serve and send exactly these.
 */
export const PARTY_API = {
  /** 7.3 csp → car-manufacturer: portal credentials and API bundle name after onboarding. */
  onboardingResult: '/control/onboarding-result',
  /** 8.2 driver → car-manufacturer: the driver picks an infotainment service, agrees to pay its connectivity. */
  serviceSelection: '/control/service-selection',
  /** 9.1 driver → call-center: a support request (a phone call in the seed). */
  supportRequest: '/control/support-request',
  /** 11.1 driver → car-manufacturer: an order placed on the self-service portal. */
  portalOrder: '/control/portal-order',
  /**
   * driver → csp / content-provider: the converged offer ordered through another channel than the OEM
   * portal; the channel passes it to the OEM, which fulfils it as in 11.2–11.5 (related to 11.1).
   */
  channelOrder: '/control/channel-order',
  /** 11.6 driver → content-provider: the driver asks for the service to be activated. */
  activationRequest: '/control/activation-request',
  /**
   * 8.9–8.10 driver → csp: many usage records in one request (NDJSON, one TMF635 Usage create body a
   * line), streamed into the same intake and mediation as the one-record TMF635 create. An extension
   * beside the TMF API: TMF635 has no batch operation.
   */
  usageBatch: '/extension/usage-batch',
  /** Where every party posts what the driver is told. */
  inbox: '/inbox',
} as const;

/** The answer to a usage batch: what its lines became, the refused ones by line number (from 1) and reason. */
export interface UsageBatchSummary {
  lines: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  duplicateLines: { line: number; recordId: string }[];
  rejections: { line: number; code: string; reason: string }[];
}

/** The `topic` an inbox message carries. */
export const INBOX_TOPIC = {
  /** 8.1 car-manufacturer: infotainment services offered with the car. */
  serviceOffer: 'service-offer',
  /** 11.15 car-manufacturer: the driver's converged service is active. */
  serviceActivated: 'service-activated',
  /** 8.14 csp, 11.13 car-manufacturer: an invoice is available. */
  invoiceAvailable: 'invoice-available',
  /** 9.7 call-center: the outcome of the driver's ticket. */
  ticketOutcome: 'ticket-outcome',
  /** 9.22 call-center: an SLA report about a violation. */
  slaReport: 'sla-report',
} as const;

export type InboxTopic = (typeof INBOX_TOPIC)[keyof typeof INBOX_TOPIC];

/**
 * Units of a party that are reached over HTTP as a listener of their own party: the resolution team of
 * the CSP or the OEM hears its party's SLA violations (9.26). A unit is served under `/<unit>` at its
 * party and reached through the wire's self-route (`/wire/<party>/<party>/<unit>/…`).
 */
export const PARTY_UNIT = { resolutionTeam: 'resolution-team' } as const;
export type PartyUnit = (typeof PARTY_UNIT)[keyof typeof PARTY_UNIT];

const UNITS: readonly PartyUnit[] = Object.values(PARTY_UNIT);
const isPartyUnit = (name: string): name is PartyUnit => UNITS.some((unit) => unit === name);

/** The unit a path addresses (`/resolution-team/listener/x` → resolution-team, `/listener/x`), or the party itself. */
export function unitOfPath(path: string): { unit?: PartyUnit; rest: string } {
  const m = /^\/([a-z-]+)(\/.*)$/.exec(path);
  return m && isPartyUnit(m[1]) ? { unit: m[1], rest: m[2] } : { rest: path };
}
