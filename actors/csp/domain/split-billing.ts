import { Decimal } from 'decimal.js';
import type { ProductOffering } from '../../../tmf/resources.ts';
import { allocate } from '../../../core/allocation.ts';
import { type Money, MoneyDecimal } from '../../../core/money.ts';
import { invalid } from '../../../core/domain-error.ts';
import { validateFlow } from '../../../tmf/schemas/index.ts';
import { USAGE_CLASSES, type UsageClass, type VolumeRange } from './usage-rating.ts';

/** The split billing criteria of an order item (tmf/schemas/split-billing.ts), payers named by role. */
export type SplitCriteria =
  | { basis: 'usageClass'; payerRoleByUsageClass: Record<string, string>; defaultPayerRole?: string }
  | { basis: 'volumeThreshold'; thresholdMB: number; belowThresholdPayerRole: string; aboveThresholdPayerRole: string }
  | { basis: 'percentage'; shares: { payerRole: string; percent: number }[] };

/**
 * Whether a characteristic's value is split billing criteria: checked against their schema (the order's
 * own validation skips the rule for a tester's body, which is held to the standard only).
 */
export function isSplitCriteria(value: unknown): value is SplitCriteria {
  return validateFlow('SplitBillingCriteria', value, 'request').length === 0;
}

/** The roles on a figure 8 order: the OEM that orders, the driver who pays the connectivity. */
export const ROLES = { buyer: 'buyer', thirdPartyPayer: 'thirdPartyPayer' } as const;

/** Without criteria on the order: infotainment → the 3rd party payer, telematics → the OEM (FLOWS 8). */
export const DEFAULT_CRITERIA: SplitCriteria = {
  basis: 'usageClass',
  payerRoleByUsageClass: { infotainment: ROLES.thirdPartyPayer, telematics: ROLES.buyer },
};

/** One payer's part of a rated record. */
export interface Share {
  readonly payerRole: string;
  readonly amount: Money;
}

/** What splitting needs to know of a rated record. */
export interface SplitInput {
  readonly usageClass: UsageClass;
  readonly amount: Money;
  readonly volume: VolumeRange;
  readonly chargeable: VolumeRange;
}

/**
 * Who pays a rated record, and how much each. Telematics is the OEM's own service: volume and
 * percentage criteria share infotainment only, and telematics goes to the buyer. Shares always sum to
 * the record's amount exactly (largest remainder), and a payer with nothing to pay gets no share.
 */
export function splitRecord(criteria: SplitCriteria, record: SplitInput): Share[] {
  if (criteria.basis === 'usageClass') return [{ payerRole: payerByClass(criteria, record.usageClass), amount: record.amount }];
  if (record.usageClass !== 'infotainment') return [{ payerRole: ROLES.buyer, amount: record.amount }];
  if (criteria.basis === 'percentage')
    return allocateShares(
      record.amount,
      criteria.shares.map((s) => [s.payerRole, new MoneyDecimal(s.percent)]),
    );
  const threshold = new MoneyDecimal(criteria.thresholdMB);
  // The amount is for the chargeable range; with nothing chargeable the record's volume says who it falls to.
  const range = record.chargeable.toMB.greaterThan(record.chargeable.fromMB) ? record.chargeable : record.volume;
  const below = overlap(range, new MoneyDecimal(0), threshold);
  const above = range.toMB.minus(range.fromMB).minus(below);
  return allocateShares(record.amount, [
    [criteria.belowThresholdPayerRole, below],
    [criteria.aboveThresholdPayerRole, above],
  ]);
}

function payerByClass(criteria: Extract<SplitCriteria, { basis: 'usageClass' }>, usageClass: string): string {
  const role = criteria.payerRoleByUsageClass[usageClass] ?? criteria.defaultPayerRole;
  if (!role) throw new Error(`no payer for usage class ${usageClass}`); // refused at order time (checkCriteria)
  return role;
}

function overlap(range: VolumeRange, from: Decimal, to: Decimal): Decimal {
  const start = Decimal.max(range.fromMB, from);
  const end = Decimal.min(range.toMB, to);
  return end.greaterThan(start) ? end.minus(start) : new MoneyDecimal(0);
}

/** Splits by weight; payers with zero weight drop out; all weights zero → the first payer takes it all. */
function allocateShares(amount: Money, weighted: readonly (readonly [string, Decimal])[]): Share[] {
  const paying = weighted.filter(([, w]) => w.greaterThan(0));
  if (paying.length === 0) return [{ payerRole: weighted[0][0], amount }];
  const parts = allocate(
    amount,
    paying.map(([, w]) => w),
  );
  return paying.map(([payerRole], i) => ({ payerRole, amount: parts[i] }));
}

/**
 * Criteria an order may carry: every payer they name is a role on the order, percentages add up to
 * 100, and every usage class has a payer. All reasons at once, as a 400 naming the order item.
 */
export function checkCriteria(itemId: string, criteria: SplitCriteria, roles: readonly string[]): void {
  const reasons: string[] = [];
  const named = rolesNamed(criteria);
  for (const role of named) if (!roles.includes(role)) reasons.push(`payer role '${role}' is not a role of the order's relatedParty`);
  if (criteria.basis === 'percentage') {
    const total = criteria.shares.reduce((acc, s) => acc.plus(new MoneyDecimal(s.percent)), new MoneyDecimal(0));
    if (!total.equals(100)) reasons.push(`percentages add up to ${total.toFixed()}, not 100`);
  }
  if (criteria.basis === 'usageClass') {
    for (const c of USAGE_CLASSES) if (!criteria.payerRoleByUsageClass[c] && !criteria.defaultPayerRole) reasons.push(`no payer for usage class '${c}'`);
  }
  if (reasons.length > 0) throw invalid('Invalid split billing criteria', `item ${itemId}: ${reasons.join('; ')}`, 'INVALID_SPLIT_BILLING');
}

function rolesNamed(criteria: SplitCriteria): string[] {
  switch (criteria.basis) {
    case 'usageClass':
      return [...Object.values(criteria.payerRoleByUsageClass), ...(criteria.defaultPayerRole ? [criteria.defaultPayerRole] : [])];
    // Telematics goes to the buyer under these bases (see splitRecord).
    case 'volumeThreshold':
      return [criteria.belowThresholdPayerRole, criteria.aboveThresholdPayerRole, ROLES.buyer];
    case 'percentage':
      return [...criteria.shares.map((s) => s.payerRole), ROLES.buyer];
  }
}

/** What an order item needs to know of its offering to tell whether it may split its billing. */
interface SplitItem {
  readonly id: string;
  readonly productOffering?: { id: string };
  readonly criteria?: unknown;
}

/**
 * Only the advanced offers — those the catalog places in the split billing category — may carry split
 * billing criteria (step 8.7); criteria on any other offer are refused, every such item named, as a 400.
 */
export function checkSplitBillingAllowed(items: readonly SplitItem[], offerings: readonly ProductOffering[], category: string): void {
  const reasons = items
    .filter((item) => item.criteria !== undefined)
    .flatMap((item) => {
      const offering = offerings.find((o) => o.id === item.productOffering?.id);
      const allowed = (offering?.category ?? []).some((c) => c.name === category);
      return allowed
        ? []
        : [`item ${item.id}: productOffering ${item.productOffering?.id} does not allow split billing (only offers of category '${category}' do)`];
    });
  if (reasons.length > 0) throw invalid('Split billing not allowed', reasons.join('; '), 'SPLIT_BILLING_NOT_ALLOWED');
}
