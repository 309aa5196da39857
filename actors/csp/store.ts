import { type BaseData, baseData } from '../../tmf/data.ts';
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

/** The CSP's database: the TMF collections (seeded with its catalog) and mediation's collections. */
export interface CspData extends BaseData {
  usageCollections: UsageCollection[];
}

export function cspDefaults(start: Date): CspData {
  const data = { ...baseData(start), usageCollections: [] };
  data.resources = seedCatalog();
  return data;
}
