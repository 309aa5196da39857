import { type BaseData, baseData } from '../../tmf/data.ts';
import { seedCatalog } from './domain/catalog-seed.ts';

/** The CSP's database: the TMF collections (seeded with its catalog) and nothing else yet. */
export type CspData = BaseData;

export function cspDefaults(start: Date): CspData {
  const data = baseData(start);
  data.resources = seedCatalog();
  return data;
}
