import { type BaseData, baseData } from '../../tmf/data.ts';
import { seedOemData } from './domain/seed.ts';

/** The OEM's database: its TMF collections, plus what the CSP told it at onboarding. */
export interface OemData extends BaseData {
  /** The API bundle the CSP granted (step 7.3); empty until onboarded. */
  cspBundle: string;
  /** The OEM's invoice control of each bill it received: items summed against the bill (step 7.9). */
  billChecks: BillCheck[];
}

export interface BillCheck {
  billId: string;
  billNo: string;
  amount: string;
  itemsTotal: string;
  items: number;
  matches: boolean;
}

export function oemDefaults(start: Date): OemData {
  const data: OemData = { ...baseData(start), cspBundle: '', billChecks: [] };
  data.resources = seedOemData();
  return data;
}
