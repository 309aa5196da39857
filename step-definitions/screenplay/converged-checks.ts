import assert from 'node:assert/strict';
import { Decimal } from 'decimal.js';
import type { ActorId } from '../../core/actor-ids.ts';
import { type Actor, Task } from './core/actor.ts';
import { control, notes } from './core/cast.ts';
import { ConvergedQuestions as Q } from './converged-offer.ts';

const PARTNER_CATALOGS = ['csp', 'content-provider', 'car-manufacturer'] as const;
const money = (v: unknown) => new Decimal(String(v)).toFixed(2);
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What figure 10's scenarios expect, checked by the tester. */
export const CatalogChecks = {
  centralListsCspOffer: () =>
    Task.where("#actor ensures the central catalog lists the CSP's offer", async (tester) => {
      const cspOffering = notes(tester).read('cspOffering');
      const [offer] = await tester.answer(Q.centralOfferings());
      assert.equal(offer?.isPartnerEligible, true);
      assert.equal(offer.lifecycleStatus, 'Launched');
      assert.ok(
        (offer.productOfferingRelationship ?? []).some((r) => r.id === cspOffering),
        'it names the CSP offer it was published from',
      );
    }),

  refusalSays: (text: string) =>
    Task.where(`#actor ensures the refusal says "${text}"`, async (tester) => {
      assert.match(String((notes(tester).read('answer').body as { message?: string })?.message), new RegExp(text));
    }),

  centralEmpty: () =>
    Task.where('#actor ensures the central catalog has no offer', async (tester) => {
      assert.deepEqual(await tester.answer(Q.centralOfferings()), []);
    }),

  approvedByBoth: () =>
    Task.where('#actor ensures the converged offer is approved by the CSP and the car manufacturer', async (tester) => {
      const offer = await tester.answer(Q.centralConverged());
      assert.deepEqual((offer.partnerReview ?? []).map((r) => [r.partyId, r.verdict]).sort(), [
        ['car-manufacturer', 'approved'],
        ['csp', 'approved'],
      ]);
      assert.equal(offer.lifecycleStatus, 'Launched');
    }),

  orderableEverywhere: () =>
    Task.where('#actor ensures the converged offer can be ordered from every partner catalog', async (tester) => {
      for (const actor of PARTNER_CATALOGS) {
        const copies = await tester.answer(Q.catalogCopies(actor));
        assert.equal(copies.length, 1, `one copy in the ${actor}'s catalog`);
        assert.equal(copies[0].lifecycleStatus, 'Launched');
      }
    }),

  rejectedBy: (reviewer: ActorId, reason: string) =>
    Task.where(`#actor ensures the converged offer is rejected by ${reviewer}`, async (tester) => {
      const offer = await tester.answer(Q.centralConverged());
      const review = (offer.partnerReview ?? []).find((r) => r.partyId === reviewer);
      assert.equal(review?.verdict, 'rejected');
      assert.ok(
        review.reason?.some((r) => r.includes(reason)),
        `reasons: ${review.reason?.join('; ')}`,
      );
      assert.equal(offer.lifecycleStatus, 'Rejected');
    }),

  inNoCatalog: () =>
    Task.where('#actor ensures the converged offer is in no product catalog', async (tester) => {
      for (const actor of PARTNER_CATALOGS) assert.deepEqual(await tester.answer(Q.catalogCopies(actor)), []);
    }),

  cspOfferingStill: (id: string, status: string) =>
    Task.where(`#actor ensures the CSP's offering ${id} is still ${status}`, async (tester) => {
      const offering = (await tester.answer(Q.resources('csp', 'TMF620.productOffering'))).find((o) => o.id === id);
      assert.equal(offering?.lifecycleStatus, status);
    }),
};

/** What figure 11's scenarios expect, checked by the tester. */
export const OrderChecks = {
  accountFor: (customer: string) =>
    Task.where(`#actor ensures the car manufacturer created a billing account for ${customer}`, async (tester) => {
      assert.equal((await tester.answer(Q.accountsOf(customer))).length, 1);
    }),

  oneConvergedProduct: (customer: string, status: string) =>
    Task.where(`#actor ensures ${customer} has one converged product ${status}`, async (tester) => {
      const products = await tester.answer(Q.convergedProducts(customer));
      assert.deepEqual(
        products.map((p) => p.status),
        [status],
      );
      assert.equal(
        products[0].productOffering?.id,
        notes(tester).read('centralOffering'),
        'the product is of the central converged offering, whatever the channel',
      );
    }),

  connectivityRegistered: (customer: string) =>
    Task.where(`#actor ensures the CSP registered the connectivity of ${customer}`, async (tester) => {
      const products = (await tester.answer(Q.resources('csp', 'TMF637.product'))).filter((p) => (p.relatedParty ?? []).some((r) => r.id === customer));
      assert.deepEqual(
        products.map((p) => [p.productOffering?.id, p.status]),
        [[notes(tester).read('cspOffering'), 'active']],
      );
    }),

  noOrderAtCsp: () =>
    Task.where('#actor ensures the content provider ordered nothing from the CSP', async (tester) => {
      assert.deepEqual(await tester.answer(Q.resources('csp', 'TMF622.productOrder')), []);
    }),

  billed: (customer: string, amount: string) =>
    Task.where(`#actor ensures the car manufacturer billed ${customer} ${amount}`, async (tester) => {
      const bills = await tester.answer(Q.billOf(customer));
      assert.deepEqual(
        bills.map((b) => money(b.taxExcludedAmount?.value)),
        [amount],
      );
    }),

  invoiceState: (customer: string, state: string, remaining: string) =>
    Task.where(`#actor ensures the invoice of ${customer} is ${state}`, async (tester) => {
      const [bill] = await tester.answer(Q.billOf(customer));
      assert.ok(bill, `${customer} has an invoice`);
      assert.equal(bill.state, state);
      assert.equal(money(bill.remainingAmount?.value), remaining);
    }),

  paid: () =>
    Task.where("#actor ensures the driver's payment was taken", async (tester) => {
      const answer = notes(tester).read('answer');
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
    }),

  toldOfInvoice: (amount: string) =>
    Task.where(`#actor ensures the driver was told of an invoice of ${amount}`, async (tester) => {
      const told = (await driverInbox(tester)).filter((m) => m.from === 'car-manufacturer' && m.topic === 'invoice-available');
      assert.equal(told.length, 1);
      assert.match(told[0].body, new RegExp(`Amount due ${escaped(amount)} EUR`));
    }),

  toldActive: (name: string) =>
    Task.where(`#actor ensures the driver was told the service of ${name} is active`, async (tester) => {
      const told = (await driverInbox(tester)).filter((m) => m.from === 'car-manufacturer' && m.topic === 'service-activated');
      assert.equal(told.length, 1);
      assert.ok(told[0].body.startsWith(`${name} service`), told[0].body);
    }),

  newCustomer: (name: string, email: string, status: string) =>
    Task.where(`#actor ensures the car manufacturer has ${name} as a new customer`, async (tester) => {
      const customers = await tester.answer(Q.customersNamed(name));
      assert.equal(customers.length, 1);
      const [customer] = customers;
      assert.equal(customer.status, 'approved');
      assert.match(JSON.stringify(customer.contactMedium), new RegExp(escaped(email)));
      const accounts = await tester.answer(Q.accountsOf(customer.id));
      assert.equal(accounts.length, 1);
      assert.deepEqual(
        (customer.account ?? []).map((a) => a.id),
        [accounts[0].id],
      );
      const products = await tester.answer(Q.convergedProducts(customer.id));
      assert.deepEqual(
        products.map((p) => [p.status, p.billingAccount?.id]),
        [[status, accounts[0].id]],
      );
    }),
};

/** What the car manufacturer kept of what the driver paid: the rest after both partners' notes. */
const marginOf = (s: { paid: Decimal; settledTo: (party: string) => Decimal }) => s.paid.minus(s.settledTo('content-provider')).minus(s.settledTo('csp'));

/** What figure 11's settlement scenarios expect, checked by the tester. */
export const PartnerSettlementChecks = {
  eachAcceptedAndPaid: (cp: string, cpNet: string, csp: string, cspNet: string) =>
    Task.where('#actor ensures each partner accepted its note and was paid it', async (tester) => {
      assert.equal((await tester.answer(Q.paidTo('content-provider'))).toFixed(2), cp);
      assert.equal((await tester.answer(Q.paidTo('csp'))).toFixed(2), csp);
      const advices = await tester.answer(Q.resources('car-manufacturer', 'BillingV2.settlementNoteAdvice'));
      for (const [payee, net, gross] of [
        ['content-provider', cpNet, cp],
        ['csp', cspNet, csp],
      ] as const) {
        const mine = advices.filter((n) => n.receiver?.id === payee);
        assert.deepEqual(
          mine.map((n) => [n.state, money(n.taxExcludedAmount), money(n.taxIncludedAmount)]),
          [['paid', net, gross]],
          payee,
        );
        const copies = (await control(tester).state<{ partnerNotes?: { id: string; state: string }[] }>(payee)).partnerNotes ?? [];
        const copy = copies.find((n) => String(n.id) === String(mine[0].id));
        assert.equal(copy?.state, 'accepted', `${payee} accepted the note itself`);
      }
    }),

  /** What the driver paid, split to the cent between the partners and the car manufacturer's margin. */
  split: (paid: string, cp: string, csp: string, margin: string) =>
    Task.where('#actor ensures what the driver paid splits between the partners and the margin', async (tester) => {
      const settlement = await tester.answer(Q.settlement());
      const kept = marginOf(settlement);
      assert.deepEqual(
        {
          paid: settlement.paid.toFixed(2),
          cp: settlement.settledTo('content-provider').toFixed(2),
          csp: settlement.settledTo('csp').toFixed(2),
          margin: kept.toFixed(2),
        },
        { paid, cp, csp, margin },
      );
    }),

  disputedAndAccepted: (cpNet: string, reason: string, cspNet: string) =>
    Task.where('#actor ensures the content provider disputed its note and the CSP accepted its own', async (tester) => {
      const [first] = await tester.answer(Q.noteReviews('content-provider'));
      assert.ok(first, 'the content provider reviewed its note');
      assert.deepEqual([first.revision, first.decision, money(first.taxExcludedAmount)], [0, 'disputed', cpNet]);
      assert.equal(first.reasons.length, 1);
      assert.match(first.reasons[0], new RegExp(`^item \\S+: ${escaped(reason)}$`));
      const csp = await tester.answer(Q.noteReviews('csp'));
      assert.deepEqual(
        csp.map((r) => [r.revision, r.decision, money(r.taxExcludedAmount)]),
        [[0, 'accepted', cspNet]],
      );
    }),

  revisedOnlyThatItem: (net: string, label: string) =>
    Task.where('#actor ensures the car manufacturer revised only the disputed item', async (tester) => {
      const advices = await tester.answer(Q.resources('car-manufacturer', 'BillingV2.settlementNoteAdvice'));
      const cp = advices.filter((n) => n.receiver?.id === 'content-provider');
      assert.equal(cp.length, 1);
      const items = cp[0].settlementNoteItem ?? [];
      assert.deepEqual(
        items.map((i) => [money(i.taxExcludedAmount), i.itemLabel?.endsWith(label), i.disputeReason]),
        [[net, true, undefined]],
      );
      assert.equal(cp[0].revision, 1);
      const reviews = await tester.answer(Q.noteReviews('content-provider'));
      assert.deepEqual(
        reviews.map((r) => [r.revision, r.decision]),
        [
          [0, 'disputed'],
          [1, 'accepted'],
        ],
      );
    }),

  kept: (margin: string, paid: string) =>
    Task.where(`#actor ensures the car manufacturer kept ${margin} of ${paid}`, async (tester) => {
      const settlement = await tester.answer(Q.settlement());
      const kept = marginOf(settlement);
      assert.deepEqual([kept.toFixed(2), settlement.paid.toFixed(2)], [margin, paid]);
    }),

  nothingSettledYet: () =>
    Task.where('#actor ensures no partner was paid or sent a settlement note yet', async (tester) => {
      assert.equal((await tester.answer(Q.paidTo('content-provider'))).toFixed(2), '0.00');
      assert.equal((await tester.answer(Q.paidTo('csp'))).toFixed(2), '0.00');
      assert.deepEqual(await tester.answer(Q.resources('car-manufacturer', 'BillingV2.settlementNoteAdvice')), []);
    }),
};

/** The driver's inbox, from its own state (no TMF API shows it). */
async function driverInbox(tester: Actor) {
  return (await control(tester).state<{ inbox: { from: string; topic?: string; body: string }[] }>('driver')).inbox;
}
