import type { Decimal } from 'decimal.js';
import { type BillingPeriod, periodContaining, periodId } from '../../../core/billing-period.ts';
import { fromTmf, type Money, MoneyDecimal } from '../../../core/money.ts';
import { collection, findBy, snapshot } from '../../../tmf/data.ts';
import type { BillingAccount, EntityRef, Money as TmfMoney, RatedProductUsage, Usage } from '../../../tmf/resources.ts';
import type { CspData } from '../store.ts';
import type { LineSource } from './billing-cycle.ts';
import { charValue, LEDGER, USAGE_CHAR } from './mediation.ts';
import { type InPlace, throughDraft } from '../../../core/in-place.ts';

/** A payer's share of a rated record, as mediation stores it in `ratedProductUsage`: one with its payer and amount. */
type RatedShare = RatedProductUsage & { taxExcludedRatingAmount: TmfMoney; productRef: EntityRef; payerRole: string; billingAccount: EntityRef };

const isShare = (s: RatedProductUsage): s is RatedShare =>
  s.taxExcludedRatingAmount !== undefined && s.productRef !== undefined && s.payerRole !== undefined && s.billingAccount !== undefined;

/** The record's rated product usages, each at its position (what an in-place write addresses). */
const sharesOf = (usage: Usage) => usage.ratedProductUsage ?? [];

/** Usage up to the period's end: the period's own, and late records of earlier periods that no bill run has billed yet. */
const dueBy = (usage: Usage, period: BillingPeriod) => new Date(String(usage.usageDate)) < period.end;

/** The month a record's usage belongs to (its allowance and its line), whichever bill carries it. */
const usagePeriodOf = (usage: Usage) => periodContaining(new Date(String(usage.usageDate)));

/** A share with its record, and where they are in the collection (to be marked billed in place). */
interface PlacedShare {
  usage: Usage;
  share: RatedShare;
  at: number;
  shareAt: number;
}

type AccountShares = Map<string, PlacedShare[]>;

/**
 * The period's shares grouped by billing account, built once per bill run rather than scanning every
 * record for every account (a bill run of n accounts over m records would be n × m). Kept for the same
 * usage array while it does not grow: records are never removed, and a new one invalidates it.
 */
const sharesByAccount = new WeakMap<readonly Usage[], { period: string; size: number; index: AccountShares }>();

function accountShares(draft: CspData, period: BillingPeriod): AccountShares {
  // The committed records, not the draft's: reading a million records through a draft would draft each.
  const usages = snapshot(collection(draft, 'TMF635', 'usage'));
  const cached = sharesByAccount.get(usages);
  if (cached && cached.period === periodId(period) && cached.size === usages.length) return cached.index;
  const index: AccountShares = new Map();
  for (const [at, usage] of usages.entries()) {
    if (!dueBy(usage, period)) continue;
    for (const [shareAt, share] of sharesOf(usage).entries()) {
      if (!isShare(share)) continue;
      const list = index.get(share.billingAccount.id) ?? [];
      list.push({ usage, share, at, shareAt });
      index.set(share.billingAccount.id, list);
    }
  }
  sharesByAccount.set(usages, { period: periodId(period), size: usages.length, index });
  return index;
}

/** The account's unbilled shares of rated records up to the period's end, with their record. */
function unbilled(draft: CspData, account: BillingAccount, period: BillingPeriod): PlacedShare[] {
  return (accountShares(draft, period).get(account.id) ?? []).filter(({ usage, share }) => usage.status === 'rated' && !share.isBilled);
}

const className = (usageClass: string) => usageClass.charAt(0).toUpperCase() + usageClass.slice(1);

/**
 * Usage bill lines of an account (step 8.12): one line per subscription, usage class and month of use,
 * the exact sum of the account's (already rounded) shares. A record that arrived after its month was
 * billed is charged on the next bill, on a line of its own month, and never twice (its share is then
 * billed). Shares of nothing to pay (included usage) make no line.
 */
export const usageLines: LineSource = (draft, account, period) => {
  const groups = new Map<string, { product: string; usageClass: string; month: BillingPeriod; amount: Money; records: number; chargeableMB: Decimal }>();
  for (const { usage, share } of unbilled(draft, account, period)) {
    const month = usagePeriodOf(usage);
    const key = `${share.productRef.id}|${String(usage.usageType)}|${periodId(month)}`;
    const amount = fromTmf(share.taxExcludedRatingAmount);
    const group = groups.get(key);
    const chargeableMB = new MoneyDecimal(String(charValue(usage, USAGE_CHAR.chargeable) ?? 0));
    if (!group) groups.set(key, { product: share.productRef.id, usageClass: String(usage.usageType), month, amount, records: 1, chargeableMB });
    else groups.set(key, { ...group, amount: group.amount.plus(amount), records: group.records + 1, chargeableMB: group.chargeableMB.plus(chargeableMB) });
  }
  const products = collection(draft, 'TMF637', 'product');
  return [...groups.values()]
    .filter((g) => !g.amount.isZero())
    .map((g) => ({
      name: `${className(g.usageClass)} data usage (${periodId(g.month)})${periodId(g.month) === periodId(period) ? '' : ', received late'}`,
      amount: g.amount,
      product: findBy(products, 'id', g.product)!,
      coverage: { start: g.month.start, end: g.month.end },
      characteristic: [
        { name: 'usageClass', value: g.usageClass },
        { name: 'usageRecords', value: String(g.records) },
        { name: 'chargeableMB', value: g.chargeableMB.toFixed() },
        { name: 'usagePeriod', value: periodId(g.month) },
      ],
    }));
};

/**
 * Once the account's bill of the period is issued, its shares are billed; without a bill (nothing to
 * charge) only its zero shares are, since they need none. A record whose every share is billed becomes
 * `billed`. Returns the records it touched; a second call finds nothing left.
 */
export function markUsageBilled(
  draft: CspData,
  account: BillingAccount,
  period: BillingPeriod,
  billIssued: boolean,
  writes: InPlace = throughDraft(draft),
): string[] {
  const touched = new Map<Usage, { at: number; marked: Set<number> }>();
  for (const { usage, share, at, shareAt } of unbilled(draft, account, period)) {
    if (!billIssued && share.taxExcludedRatingAmount.value !== 0) continue;
    writes.set([...LEDGER.usages, at, 'ratedProductUsage', shareAt], 'isBilled', true);
    const marks = touched.get(usage) ?? { at, marked: new Set<number>() };
    marks.marked.add(shareAt);
    touched.set(usage, marks);
  }
  // Read as committed: the shares just marked count as billed whichever way they were written.
  for (const [usage, { at, marked }] of touched)
    if (sharesOf(usage).every((s, j) => s.isBilled || marked.has(j))) writes.set([...LEDGER.usages, at], 'status', 'billed');
  return [...touched.keys()].map((u) => u.id);
}
