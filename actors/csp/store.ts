import { baseData } from '../../tmf/data.ts';
import type { BillCheck } from '../car-manufacturer/store.ts';
import type { TicketData } from '../trouble-tickets/data.ts';
import { seedSlas } from '../trouble-tickets/domain/sla-rules.ts';
import { seedCatalog } from './domain/catalog-seed.ts';

/** The CSP's database: the TMF collections (seeded with its catalog and SLAs). */
export interface CspData extends TicketData {
  /** Subscribed to the central catalog's converged offerings and its settlement notes (figures 10–11). */
  centralCatalogSubscribed?: boolean;
  /** Its control of the OEM's bills for connectivity tickets (step 9.14). */
  partnerBillChecks?: BillCheck[];
}

export function cspDefaults(start: Date): CspData {
  const data = baseData(start);
  data.resources = { ...seedCatalog(), 'TMF623.sla': seedSlas('csp', start) };
  return data;
}
