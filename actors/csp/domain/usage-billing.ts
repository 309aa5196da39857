import type { Decimal } from 'decimal.js';
import { type BillingPeriod, periodContaining, periodId } from '../../../core/billing-period.ts';
import { Money, MoneyDecimal, minorUnitsOf } from '../../../core/money.ts';
import { collection, findBy } from '../../../tmf/data.ts';
import type { BillingAccount } from '../../../tmf/resources.ts';
import type { ShareRow, UsageBook } from '../usage-book/book.ts';
import type { LineSource } from './billing-cycle.ts';

/** The account's unbilled shares of rated records up to the period's end (rows of the usage book). */
const unbilled = (book: UsageBook, account: BillingAccount, period: BillingPeriod): number[] =>
  (book.unbilledByAccount(period.end).get(account.id) ?? []).filter((row) => book.isUnbilled(row));

const className = (usageClass: string) => usageClass.charAt(0).toUpperCase() + usageClass.slice(1);

/** A bill line's group: one subscription, usage class and month of use, in one currency. */
interface Group {
  readonly share: ShareRow;
  readonly month: BillingPeriod;
  minorUnits: number;
  records: number;
  chargeableMB: Decimal;
}

/** The group's amount: exact, from the sum of its shares' minor units. */
const amountOf = (group: Group) => new Money(new MoneyDecimal(group.minorUnits).div(10 ** minorUnitsOf(group.share.currency)), group.share.currency);

/**
 * Usage bill lines of an account (step 8.12), read from the usage book: one line per subscription,
 * usage class and month of use, the exact sum of the account's (already rounded) shares. A record that
 * arrived after its month was billed is charged on the next bill, on a line of its own month, and never
 * twice (its share is then billed). Shares of nothing to pay (included usage) make no line.
 */
export const usageLinesOf =
  (book: UsageBook): LineSource =>
  (draft, account, period) => {
    const groups = new Map<string, Group>();
    for (const row of unbilled(book, account, period)) {
      const share = book.share(row);
      const month = periodContaining(new Date(share.usageDate));
      const key = `${share.product}|${share.usageClass}|${periodId(month)}|${share.currency}`;
      const group = groups.get(key);
      if (!group) groups.set(key, { share, month, minorUnits: share.minorUnits, records: 1, chargeableMB: new MoneyDecimal(share.chargeableMB) });
      else {
        group.minorUnits += share.minorUnits;
        group.records += 1;
        if (share.chargeableMB !== '0') group.chargeableMB = group.chargeableMB.plus(share.chargeableMB);
      }
    }
    const products = collection(draft, 'TMF637', 'product');
    return [...groups.values()]
      .filter((g) => g.minorUnits !== 0)
      .map((g) => ({
        name: `${className(g.share.usageClass)} data usage (${periodId(g.month)})${periodId(g.month) === periodId(period) ? '' : ', received late'}`,
        amount: amountOf(g),
        product: findBy(products, 'id', g.share.product)!,
        coverage: { start: g.month.start, end: g.month.end },
        characteristic: [
          { name: 'usageClass', value: g.share.usageClass },
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
export function markUsageBilled(book: UsageBook, account: BillingAccount, period: BillingPeriod, billIssued: boolean): string[] {
  const rows = unbilled(book, account, period).filter((row) => billIssued || book.share(row).minorUnits === 0);
  return book.markBilled(rows);
}
