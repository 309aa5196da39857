import { Decimal } from 'decimal.js';
import { type BillingPeriod, parsePeriodId } from '../../../core/billing-period.ts';
import { INBOX_TOPIC, PARTY_API } from '../../../core/party-api.ts';
import { TmfCallError } from '../../../tmf/client.ts';
import { badRequest, conflict } from '../../../tmf/errors.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { isRecord } from '../../../core/plain-data.ts';
import { recordIdOf, type UsageRecord, usageRecords } from '../domain/usage-records.ts';
import type { DriverData, InboxEntry, SentUsage } from '../store.ts';

type Runtime = ActorRuntime<DriverData>;

/** The last service offer the OEM sent (step 8.1): the car it is for and the services offered. */
function lastServiceOffer(data: DriverData): { vehicleId: string; services: NonNullable<InboxEntry['relatedEntity']> } {
  const offer = [...data.inbox].reverse().find((m) => m.topic === INBOX_TOPIC.serviceOffer);
  if (!offer) throw conflict('No service offer', 'The driver has not been offered any infotainment service yet (step 8.1)');
  const related = offer.relatedEntity ?? [];
  return { vehicleId: related.find((e) => e.role === 'vehicle')?.id ?? '', services: related.filter((e) => e.role === 'serviceOffer') };
}

/** Step 8.2: the driver picks the offered service whose name contains `service`, agreeing to pay its connectivity. */
export async function selectService(runtime: Runtime, service: string, splitBillingCriteria?: Record<string, unknown>): Promise<void> {
  const { vehicleId, services } = lastServiceOffer(runtime.store.data);
  const chosen = services.find((s) => (s.name ?? '').toLowerCase().includes(service.toLowerCase()));
  if (!chosen) throw badRequest('Unknown service', `No offered service is named like '${service}': ${services.map((s) => s.name).join('; ')}`);
  await runtime.client('car-manufacturer').post(PARTY_API.serviceSelection, {
    vehicleId,
    productOffering: { id: chosen.id, href: chosen.href, name: chosen.name },
    customer: runtime.store.data.profile,
    thirdPartyPayer: true,
    ...(splitBillingCriteria ? { splitBillingCriteria } : {}),
  });
}

/** Sessions a month of driving may have, per usage class: bounds what one control call generates. */
export const MAX_SESSIONS = 1000;

/** A whole number of sessions from 0 to MAX_SESSIONS. */
export const isSessionCount = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_SESSIONS;

function checkSessions(sessions: unknown): void {
  if (sessions === undefined) return;
  const valid = isRecord(sessions) && isSessionCount(sessions.infotainment) && isSessionCount(sessions.telematics);
  if (!valid) throw badRequest('Invalid sessions', `sessions is {infotainment, telematics}, each a whole number from 0 to ${MAX_SESSIONS}`);
}

/** What a drive of one month asks of the car. */
export interface DriveRequest {
  subscription: string;
  period: string;
  infotainmentMB: string | number;
  telematicsMB: string | number;
  sessions?: { infotainment: number; telematics: number };
}

/** Step 8.9: the car's usage records of a month, each sent to the CSP's mediation intake as it is produced. */
export async function drive(runtime: Runtime, request: DriveRequest): Promise<SentUsage[]> {
  checkSessions(request.sessions);
  const { vehicleId } = lastServiceOffer(runtime.store.data);
  let period: BillingPeriod;
  try {
    period = parsePeriodId(request.period);
    new Decimal(request.infotainmentMB);
    new Decimal(request.telematicsMB);
  } catch {
    throw badRequest('Invalid drive', 'A drive needs {subscription, period: YYYY-MM, infotainmentMB, telematicsMB}');
  }
  const records = usageRecords({
    subscription: request.subscription,
    vehicleId,
    period,
    infotainmentMB: request.infotainmentMB,
    telematicsMB: request.telematicsMB,
    sessions: request.sessions ?? { infotainment: 12, telematics: 6 },
    seed: runtime.config.seed,
    firstRecord: runtime.store.data.usageSent.length + 1,
  });
  const sent: SentUsage[] = [];
  for (const body of records) sent.push(await sendUsage(runtime, body));
  return sent;
}

/** Sends a record the car already sent once more (a retransmission): mediation must not rate it twice. */
export async function resendLastUsage(runtime: Runtime): Promise<SentUsage> {
  const last = runtime.store.data.usageSent.at(-1);
  if (!last) throw conflict('Nothing sent', 'The car has not sent any usage record yet');
  return sendUsage(runtime, last.body);
}

async function sendUsage(runtime: Runtime, body: UsageRecord): Promise<SentUsage> {
  const recordId = recordIdOf(body);
  let result: SentUsage;
  try {
    const usage = await runtime.client('csp').create('TMF635', 'usage', body);
    result = { recordId, httpStatus: 201, outcome: String(usage.status), body };
  } catch (error) {
    if (!(error instanceof TmfCallError)) throw error;
    result = { recordId, httpStatus: error.status, outcome: error.body?.reason ?? 'refused', body };
  }
  await runtime.store.update((draft) => {
    draft.usageSent.push(result);
  });
  return result;
}
