/**
 * Figure 9's contract between the OEM and the call center, known to both: the OEM computes the
 * settlement from it, the call center reviews the advice against it. A fee per handled ticket, adjusted
 * by resolution time against a target.
 */
export interface SettlementPolicy {
  readonly currency: string;
  readonly feePerTicket: string;
  readonly targetHours: string;
  /** Added to the fee of a ticket resolved within the target, in percent. */
  readonly bonusPercent: string;
  /** Taken off the fee of a ticket resolved late, in percent. */
  readonly malusPercent: string;
  readonly taxRatePercent: string;
}
