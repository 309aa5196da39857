import { type BaseData, baseData } from '../../tmf/data.ts';
import type { SettlementNoteAdvice } from '../../tmf/resources.ts';
import type { SettlementReview } from './domain/ticket-settlement-review.ts';

/** The call center's database: master tickets and payments (TMF), and what it follows at its partners. */
export interface CallCenterData extends BaseData {
  /** Its copies of the settlement note advices the OEM issued it (9.11), kept current from events and answers. */
  settlementNotes: SettlementNoteAdvice[];
  /** Metric identifiers of the SLA violations it handles: a violation heard twice is handled once. */
  handledMetrics: string[];
  /** Its judgement of each settlement note (and revision) it received, item by item (9.12). */
  settlementReviews?: (SettlementReview & { revision: number; escalated?: boolean })[];
}

export function callCenterDefaults(start: Date): CallCenterData {
  return { ...baseData(start), settlementNotes: [], handledMetrics: [] };
}
