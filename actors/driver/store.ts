import { seededFaker } from '../../core/seeded-faker.ts';
import type { UsageRecord } from './domain/usage-records.ts';
import { type BaseData, baseData } from '../../tmf/data.ts';

/** A message the driver was told (invoice available, ticket outcome, SLA report, service offer). */
export interface InboxEntry {
  /** The sender's id for the message, when it gives one: a resend with the same id is kept once. */
  id?: string;
  receivedAt: string;
  from: string;
  topic?: string;
  subject: string;
  body?: string;
  relatedEntity?: { id: string; href?: string; name?: string; role: string; '@referredType': string }[];
}

/** Who the driver is: generated from the seed, the same in every run. */
export interface DriverProfile {
  givenName: string;
  familyName: string;
  email: string;
}

/** A usage record the car sent to the CSP's mediation (step 8.9), and how the CSP answered. */
export interface SentUsage {
  recordId: string;
  httpStatus: number;
  /** The record's status at the CSP (`rated`, `rejected`, …), or the refusal's reason. */
  outcome: string;
  body: UsageRecord;
}

export interface DriverData extends BaseData {
  inbox: InboxEntry[];
  profile: DriverProfile;
  usageSent: SentUsage[];
}

export function driverProfile(seed: number): DriverProfile {
  const faker = seededFaker(seed);
  const givenName = faker.person.firstName();
  const familyName = faker.person.lastName();
  return { givenName, familyName, email: faker.internet.email({ firstName: givenName, lastName: familyName, provider: 'example.com' }).toLowerCase() };
}

export function driverDefaults(start: Date, seed = 0): DriverData {
  return { ...baseData(start), inbox: [], profile: driverProfile(seed), usageSent: [] };
}
