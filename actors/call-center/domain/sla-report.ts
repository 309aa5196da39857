import { INBOX_TOPIC } from '../../../core/party-api.ts';
import type { CreateBody, Sla, SlaViolation } from '../../../tmf/resources.ts';

export const violationOf = (v: Pick<SlaViolation, 'violation'>) => v.violation;

/** Step 9.22: what the driver is told about a violation of an SLA that covers their service. */
export function slaReport(violation: SlaViolation, sla: Sla, provider: string): Record<string, unknown> {
  const v = violationOf(violation);
  return {
    from: 'call-center',
    topic: INBOX_TOPIC.slaReport,
    subject: `Service level report: ${sla.name ?? `SLA ${String(sla.id)}`}`,
    body:
      `${provider} did not meet its commitment (${v.metric}: ${v.actualValue}${v.unit ?? ''}, committed ${v.operator ?? ''} ${v.referenceValue ?? ''}${v.unit ?? ''}). ` +
      'We have raised an alarm with the team responsible and will keep you informed.',
    relatedEntity: [{ id: String(violation.id), role: 'slaViolation', '@referredType': 'SlaViolation' }],
  };
}

/** Step 9.23: the violation as told to the other party, pointing at the provider's SLA and violation. */
export function violationNotice(violation: SlaViolation, provider: string, providerUrl: string): CreateBody<'TMF623', 'slaViolation'> {
  const sla = violation.sla;
  return {
    date: violation.date,
    violation: violation.violation,
    sla: { id: sla.id, href: sla.href ? `${providerUrl}${sla.href}` : undefined, description: sla.description },
    relatedParty: [
      { id: provider, role: 'SLAProvider', '@referredType': 'Organization' },
      { id: 'call-center', role: 'SLAAuditor', '@referredType': 'Organization' },
    ],
  };
}
