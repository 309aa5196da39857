import type { BaseData } from '../../tmf/data.ts';
import type { ViolationNotice } from './domain/alarm.ts';
import type { Outage } from './domain/sla-rules.ts';

/** A resolution team's handling of an SLA violation: the alarm ticket it correlated with it (9.26). */
export interface AlarmHandling {
  ticket: string;
  violation: string;
  metric: string;
  /** Closed when the alarm ticket is closed: the end of the violation's handling (9.27). */
  state: 'open' | 'closed';
}

/** What a party with a resolution team keeps besides its TMF collections (created on first use). */
export interface TicketData extends BaseData {
  alarms?: AlarmHandling[];
  /** The violations the resolution team heard of from its own party (9.26), kept until an alarm names them. */
  teamNotices?: ViolationNotice[];
  /** Faults of its service its monitoring saw (scheduled by a scenario): what availability is measured from. */
  outages?: Outage[];
  /** What it retrieved from the call center about violations, by metric identifier (9.24). */
  slaInformation?: { metric: string; retrievedAt: string; violations: string[]; description: string[] }[];
}
