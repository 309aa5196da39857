import type { ActorId } from '../../../core/actor-ids.ts';
import { INBOX_TOPIC } from '../../../core/party-api.ts';
import type { CreateBody, SlaViolation } from '../../../tmf/resources.ts';
import { addEntity } from '../../../tmf/resource.ts';
import { oweDriverMessage } from '../../kit/driver-message.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { EffectHandler } from '../../../tmf/owed-effects.ts';
import { RESOLVERS } from '../../trouble-tickets/domain/redirect.ts';
import { openTicket } from '../../trouble-tickets/domain/ticket-status.ts';
import { alarmMaster } from '../domain/master-ticket.ts';
import { slaReport, violationNotice, violationOf } from '../domain/sla-report.ts';
import type { CallCenterData } from '../store.ts';
import { joinHub } from './hubs.ts';
import { oweSendToResolver } from './tickets.ts';

type Runtime = ActorRuntime<CallCenterData>;

/** Step 9.20: the call center listens to SLA violations at the CSP and at the OEM. */
export async function followSlaViolations(runtime: Runtime): Promise<string[]> {
  return Promise.all(RESOLVERS.map((party) => joinHub(runtime, party, 'TMF623', 'eventType=SlaViolationCreateEvent')));
}

/** The owed effects of a violation heard: handling it (9.22, 9.25), and telling each other party (9.23). */
export const HANDLE_VIOLATION = 'handle-sla-violation';
export const TELL_VIOLATION = 'tell-sla-violation';

/**
 * Step 9.21 heard. A violation is handled once per metric identifier: the copy the call center itself
 * told another party (9.23) comes back as that party's event and is recognised. Its handling is owed in
 * the update that records the metric, so a crash neither loses nor repeats it.
 */
export async function violationHeard(runtime: Runtime, provider: ActorId, violation: SlaViolation): Promise<void> {
  const metric = violationOf(violation).metric;
  await runtime.store.update((draft) => {
    if (draft.handledMetrics.includes(metric)) return;
    draft.handledMetrics.push(metric);
    runtime.owe(draft, HANDLE_VIOLATION, { provider, violation }, { key: `${HANDLE_VIOLATION}:${metric}` });
  });
}

/**
 * Steps 9.22, 9.23, 9.25: read the SLA; then, in the update that marks the handling done, keep the
 * violation as the call center handles it (what the parties retrieve in 9.24), and owe the driver's
 * report, the notice to the other party and the alarm ticket at the provider.
 */
export const handleViolationEffect =
  (runtime: Runtime): EffectHandler<CallCenterData> =>
  async (args) => {
    const provider = args.provider as ActorId;
    const violation = args.violation as SlaViolation;
    const providerClient = runtime.client(provider);
    const sla = await providerClient.get('TMF623', 'sla', String(violation.sla.id));
    const notice = violationNotice(violation, provider, providerClient.baseUrl);
    const v = violationOf(violation);
    return (draft) => {
      addEntity(draft, 'TMF623', 'slaViolation', {
        ...notice,
        description: `${String(sla.name)}: reported to the driver, told to the other party, alarm raised at ${provider}`,
      });
      oweDriverMessage(runtime, draft, `${INBOX_TOPIC.slaReport}:${provider}:${String(violation.id)}`, slaReport(violation, sla, provider));
      for (const other of RESOLVERS.filter((p) => p !== provider)) {
        runtime.owe(draft, TELL_VIOLATION, { to: other, notice }, { key: `${TELL_VIOLATION}:${v.metric}:${other}` });
      }
      const alarm = addEntity(
        draft,
        'TMF621',
        'troubleTicket',
        openTicket(alarmMaster(v.metric, `SLA violation ${String(violation.id)} at ${provider}: ${v.metric} = ${v.actualValue}`), runtime.clock.now()),
      );
      oweSendToResolver(runtime, draft, alarm.id, provider);
    };
  };

/** Step 9.23: the other party is told of the violation, unless it already was (a try cut short by a crash or a time-out). */
export const tellViolationEffect =
  (runtime: Runtime): EffectHandler<CallCenterData> =>
  async (args) => {
    const notice = args.notice as CreateBody<'TMF623', 'slaViolation'>;
    const client = runtime.client(args.to as ActorId);
    const metric = violationOf(notice).metric;
    const { items: told } = await client.list('TMF623', 'slaViolation');
    const byUs = (t: SlaViolation) => (t.relatedParty ?? []).some((p) => p.id === runtime.id && p.role === 'SLAAuditor');
    if (told.some((t) => byUs(t) && violationOf(t)?.metric === metric)) return;
    await client.create('TMF623', 'slaViolation', notice);
  };
