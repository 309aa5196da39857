import { type BaseData, baseData } from '../../tmf/data.ts';
import { seedCatalog } from './domain/catalog-seed.ts';

/** The CSP's database: the TMF collections (seeded with its catalog). */
export interface CspData extends BaseData {
  /** Subscribed to the central catalog's converged offerings and its settlement notes (figures 10–11). */
  centralCatalogSubscribed?: boolean;
}

export function cspDefaults(start: Date): CspData {
  const data = baseData(start);
  data.resources = seedCatalog();
  return data;
}
