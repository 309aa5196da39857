/**
 * Fleet-scale billing, at the CSP's domain level (no HTTP): FLEET drivers each subscribed to the 5 GB
 * package through the OEM, a month of seeded usage per car, mediation of every record, then the bill run.
 * Prints records/s and bills/s. `npm run bench` runs it after bench/run.ts; FLEET=2000 for more.
 */
import { performance } from 'node:perf_hooks';
import { mediate } from '../actors/csp/domain/mediation.ts';
import { runBillingCycle } from '../actors/csp/domain/billing-cycle.ts';
import { lineSources } from '../actors/csp/processes/billing.ts';
import { cspDefaults } from '../actors/csp/store.ts';
import { UsageBook } from '../actors/csp/usage-book/book.ts';
import type { Entity } from '../tmf/data.ts';
import { hrefOf, newEntityId } from '../tmf/entity.ts';
import { carRecords, JANUARY, onboardFleetAtCsp, START } from './support/fleet-setup.ts';

const FLEET = Number(process.env.FLEET ?? 300);

const draft = cspDefaults(START);
const book = UsageBook.open({ kind: 'memory' });
const products = onboardFleetAtCsp(draft, FLEET);
const records = products.flatMap((product, i) => carRecords(product, i));

let t = performance.now();
for (const record of records) {
  const id = newEntityId(draft, 'TMF635', 'usage');
  const { usage } = mediate(draft, book, { ...record, id, href: hrefOf('TMF635', 'usage', id), '@type': 'Usage' } as Entity, START);
  book.add(draft, usage, undefined);
}
book.prepare(draft);
book.commit();
const mediationSeconds = (performance.now() - t) / 1000;

t = performance.now();
const bills = runBillingCycle(draft, JANUARY, new Date('2026-02-01T00:00:00Z'), lineSources(book));
const billingSeconds = (performance.now() - t) / 1000;

const rated = book.statusCounts().rated ?? 0;
console.log(
  `fleet billing: ${FLEET} cars, ${records.length} usage records (${rated} rated) mediated in ${mediationSeconds.toFixed(2)} s = ${(records.length / mediationSeconds).toFixed(0)} records/s`,
);
console.log(
  `fleet billing: bill run of ${bills.length} bills in ${billingSeconds.toFixed(2)} s = ${(bills.length / billingSeconds).toFixed(0)} bills/s; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
);
