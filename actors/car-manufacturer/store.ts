import type { PeerCreateMarks } from '../kit/peer-create-once.ts';
import type { BillCheck } from '../../core/invoice-control.ts';
import { baseData, type Entity } from '../../tmf/data.ts';
import type { TicketData } from '../trouble-tickets/data.ts';
import { seedSlas } from '../trouble-tickets/domain/sla-rules.ts';
import { seedOemData } from './domain/seed.ts';

/** The OEM's database: its TMF collections, plus what the CSP told it at onboarding. */
export interface OemData extends TicketData, PeerCreateMarks {
  /** The API bundle the CSP granted (step 7.3); empty until onboarded. */
  cspBundle: string;
  /** The OEM's invoice control of each bill it received: items summed against the bill (step 7.9). */
  billChecks: BillCheck[];
  /** Copies of the CSP's trouble tickets, kept from its events (step 9.9). */
  cspTickets?: Entity[];
  /** Cars sold, with their driver (step 8.1). */
  cars: SoldCar[];
  /** Consumption follow-ups of its cars' usage at the CSP (step 8.11). */
  usageFollowUps: UsageFollowUp[];
  /** Mediation's states of its cars' usage records, as the CSP's events told them (step 8.10). */
  usageStates?: UsageStateSeen[];
  /** Settlement notes of converged offers issued and not yet announced to their payee, in order (11.12). */
  notesToAnnounce?: string[];
}

/** One state a usage record of its cars reached at the CSP's mediation, and the shares it pays. */
export interface UsageStateSeen {
  usage: string;
  recordId: string;
  status: string;
  /** What the OEM pays of the record once rated (its own shares only), as text. */
  amount?: string;
}

/** A car the OEM sold, and who drives it. */
export interface SoldCar {
  vehicleId: string;
  soldAt: string;
  driver: { givenName: string; familyName: string; email: string };
}

/** What the OEM saw of its cars' usage at the CSP: records and MB per usage class and status. */
export interface UsageFollowUp {
  at: string;
  vehicles: string[];
  records: number;
  megabytesByClass: Record<string, string>;
  statuses: Record<string, number>;
}

/** Kept here too: the OEM's store holds its invoice controls. */
export type { BillCheck };

export function oemDefaults(start: Date): OemData {
  const data: OemData = { ...baseData(start), cspBundle: '', billChecks: [], cars: [], usageFollowUps: [] };
  data.resources = { ...seedOemData(), 'TMF623.sla': seedSlas('car-manufacturer', start) };
  data.counters.sla = 1;
  return data;
}
