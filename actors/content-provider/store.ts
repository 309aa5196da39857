import { type BaseData, baseData } from '../../tmf/data.ts';
import type { PayeeData } from '../kit/partner-note.ts';

/** A converged offering the content provider built (10.6) and registered (10.7). */
export interface ConvergedRecord {
  /** The bundle in the provider's own catalog. */
  bundleId: string;
  /** Its id in the central catalog, once registered. */
  centralId?: string;
  /** The CSP offerings to order for activation (11.8), by their id in the CSP's catalog. */
  cspOfferingIds: string[];
}

/** A driver's activation request in progress (11.6–11.10). */
export interface Activation {
  customerId: string;
  oemProductId: string;
  cspOrderId: string;
  state: 'ordered' | 'active';
  /** The provider's bundle the product is of: its share of a month is on it (11.12). */
  bundleId?: string;
}

/** The content provider's database: its TMF collections, its converged offerings and activations. */
export interface CpData extends BaseData {
  convergedOffers: ConvergedRecord[];
  activations: Activation[];
  /** Its copies of the settlement notes the OEM sent it, as it answered them (11.12). */
  partnerNotes?: PayeeData['partnerNotes'];
  /** Its verdicts on those notes and their revisions, oldest first (11.12). */
  partnerNoteReviews?: PayeeData['partnerNoteReviews'];
}

export function cpDefaults(start: Date): CpData {
  return { ...baseData(start), convergedOffers: [], activations: [] };
}
