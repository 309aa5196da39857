import type { LogMark } from '../../core/line-log.ts';
import { baseData } from '../../tmf/data.ts';
import type { PayeeData } from '../kit/partner-note.ts';
import type { BillCheck } from '../../core/invoice-control.ts';
import type { TicketData } from '../trouble-tickets/data.ts';
import { seedSlas } from '../trouble-tickets/domain/sla-rules.ts';
import { seedCatalog } from './domain/catalog-seed.ts';
import type { SplitCriteria } from './domain/split-billing.ts';

/**
 * Mediation's guiding table (step 8.8): a subscription whose usage is collected, who pays it by role,
 * and how a record is split between them.
 */
export interface UsageCollection {
  /** The TMF637 product id the car's records name. */
  product: string;
  openedAt: string;
  criteria: SplitCriteria;
  /** Billing account of each payer role on the order (`buyer`, `thirdPartyPayer`). */
  payers: Record<string, { id: string; href: string }>;
}

/**
 * Mediation's rating ledger: the allowance consumed so far (running totals, so that rating never reads
 * every record again), the intake's queue, and how far the usage book beside the store goes. The
 * records themselves, and the index that recognises a record already received, are the usage book's
 * (usage-book.ts).
 */
export interface UsageLedger {
  /** `<subscription>|<usage class>|<YYYY-MM>` → MB rated so far (exact decimal, as text). */
  ratedMB: Record<string, string>;
  /** Ids of the records received and not yet rated or rejected, in the order they arrived: mediated in that order. */
  pending?: string[];
  /** The usage book's committed lines: a book longer than this is cut back to it when opened. */
  log?: LogMark;
}

/** The CSP's database: the TMF collections (seeded with its catalog and SLAs) and mediation's collections. */
export interface CspData extends TicketData {
  usageCollections: UsageCollection[];
  usageLedger: UsageLedger;
  /** Subscribed to the central catalog's converged offerings and its settlement notes (figures 10–11). */
  centralCatalogSubscribed?: boolean;
  /** Its control of the OEM's bills for connectivity tickets (step 9.14). */
  partnerBillChecks?: BillCheck[];
  /** Settlement note advices it paid (9.13): note id → payment id at the payee. Never paid twice. */
  settlementsPaid?: Record<string, string>;
  /** Its copies of the OEM's settlement notes of converged offers, as it answered them (11.12). */
  partnerNotes?: PayeeData['partnerNotes'];
  /** Its verdicts on those notes and their revisions, oldest first (11.12). */
  partnerNoteReviews?: PayeeData['partnerNoteReviews'];
}

export function cspDefaults(start: Date): CspData {
  const data: CspData = { ...baseData(start), usageCollections: [], usageLedger: { ratedMB: {}, pending: [] } };
  data.resources = { ...seedCatalog(), 'TMF623.sla': seedSlas('csp', start) };
  data.counters.sla = 1;
  return data;
}
