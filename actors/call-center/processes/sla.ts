import type { ActorId } from '../../../core/actor-ids.ts';
import { INBOX_TOPIC } from '../../../core/party-api.ts';
import type { Entity } from '../../../tmf/data.ts';
import { addEntity } from '../../../tmf/resource.ts';
import { oweDriverMessage } from '../../kit/driver-message.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { RESOLVERS } from '../../trouble-tickets/domain/redirect.ts';
import { openTicket } from '../../trouble-tickets/domain/ticket-status.ts';
import { alarmMaster } from '../domain/master-ticket.ts';
import { slaReport, violationNotice, violationOf } from '../domain/sla-report.ts';
import type { CallCenterData } from '../store.ts';
import { joinHub } from './hubs.ts';
import { sendToResolver } from './tickets.ts';

type Runtime = ActorRuntime<CallCenterData>;

/** Step 9.20: the call center listens to SLA violations at the CSP and at the OEM. */
export async function followSlaViolations(runtime: Runtime): Promise<string[]> {
  return Promise.all(RESOLVERS.map((party) => joinHub(runtime, party, 'TMF623', 'eventType=SlaViolationCreateEvent')));
}

/**
 * Step 9.21 heard. A violation is handled once per metric identifier: the copy the call center itself
 * told another party (9.23) comes back as that party's event and is recognised.
 */
export async function violationHeard(runtime: Runtime, provider: ActorId, violation: Entity): Promise<void> {
  const metric = violationOf(violation).metric;
  const fresh = await runtime.store.update((draft) => {
    if (draft.handledMetrics.includes(metric)) return false;
    draft.handledMetrics.push(metric);
    return true;
  });
  if (fresh) runtime.background(() => handleViolation(runtime, provider, violation));
}

/**
 * Steps 9.22, 9.23, 9.25: read the SLA, keep the violation as the call center handles it (what the
 * parties retrieve in 9.24), tell the driver, tell the other party, raise the alarm.
 */
async function handleViolation(runtime: Runtime, provider: ActorId, violation: Entity): Promise<void> {
  const providerClient = runtime.client(provider);
  const sla = await providerClient.get<Entity>('TMF623', 'sla', String((violation.sla as { id: string }).id));
  await runtime.store.update((draft) => {
    addEntity(draft, 'TMF623', 'slaViolation', {
      ...violationNotice(violation, provider, providerClient.baseUrl),
      description: `${String(sla.name)}: reported to the driver, told to the other party, alarm raised at ${provider}`,
    });
    // 9.22, owed with the violation the call center keeps: told once, whatever crashes.
    oweDriverMessage(runtime, draft, `${INBOX_TOPIC.slaReport}:${provider}:${String(violation.id)}`, slaReport(violation, sla, provider));
  });
  for (const other of RESOLVERS.filter((p) => p !== provider)) {
    await runtime.client(other).create('TMF623', 'slaViolation', violationNotice(violation, provider, providerClient.baseUrl));
  }
  const v = violationOf(violation);
  const alarm = await runtime.store.update((draft) =>
    addEntity(draft, 'TMF621', 'troubleTicket', openTicket(alarmMaster(v.metric, `SLA violation ${String(violation.id)} at ${provider}: ${v.metric} = ${v.actualValue}`) as Entity, runtime.clock.now())));
  await sendToResolver(runtime, alarm.id, provider);
}
