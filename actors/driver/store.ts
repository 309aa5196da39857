import { type BaseData, baseData } from '../../tmf/data.ts';

/** A message the driver was told (invoice available, ticket outcome, SLA report, service offer). */
export interface InboxEntry {
  receivedAt: string;
  from: string;
  topic?: string;
  subject: string;
  body?: string;
  relatedEntity?: unknown[];
}

export interface DriverData extends BaseData {
  inbox: InboxEntry[];
}

export function driverDefaults(start: Date): DriverData {
  return { ...baseData(start), inbox: [] };
}
