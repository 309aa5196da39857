import { Decimal } from 'decimal.js';
import type { ActorId } from '../../core/actor-ids.ts';
import { parsePeriodId } from '../../core/billing-period.ts';
import { publishCspOffer } from '../../harness/drive/figure10.ts';
import { oemCopyOf } from '../../harness/drive/figure11.ts';
import type { Entity } from '../../tmf/data.ts';
import type { ResourceKey } from '../../tmf/resources.ts';
import { type Actor, Question, Task } from './core/actor.ts';
import { control, ecosystemRun, notes } from './core/cast.ts';

/** A trigger that may be refused: its answer is noted for the Then steps that judge a refusal. */
const attempt = (operation: string, body: object) =>
  Task.where(`#actor tries ${operation}`, async (actor) => notes(actor).write('answer', await control(actor).attempt(operation, body)));

/** Figures 10 and 11's tasks, in the domain's words, performed by the party that does them. */
export const ConvergedOffer = {
  /** 10.1: the CSP's offer, noted. */
  createCspOffer: (name: string, monthlyFee: string) =>
    Task.where(`#actor creates the offer ${name}`, async (csp) => {
      const offering = await control(csp).trigger<Entity>('partner-offer', { name, monthlyFee, currency: 'EUR' });
      notes(csp).write('cspOffering', offering.id);
    }),
  /** 10.2 */
  markEligible: () =>
    Task.where('#actor marks its offer eligible for partners', (csp) =>
      control(csp).trigger('partner-eligible', { productOfferingId: notes(csp).read('cspOffering') }),
    ),
  /** 10.3 (or its refusal) */
  publish: () =>
    Task.where('#actor publishes its offer to the central catalog', (csp) =>
      csp.attemptsTo(attempt('publish-offer', { productOfferingId: notes(csp).read('cspOffering') })),
    ),
  /** 10.1–10.3 at once */
  publishPartnerOffer: () =>
    Task.where('#actor publishes a partner offer', async (csp) => notes(csp).write('cspOffering', await publishCspOffer(control(csp).ecosystem))),
  /** 10.4: the content provider's own offer, noted. */
  createOwnOffer: (name: string, monthlyFee: string) =>
    Task.where(`#actor creates its offer ${name}`, async (provider) => {
      const offering = await control(provider).trigger<Entity>('own-offer', { name, monthlyFee, currency: 'EUR' });
      notes(provider).write('ownOffering', offering.id);
    }),
  /** 10.5–10.7 (10.8–10.9 follow on their own): the central offering, noted. */
  bundle: (name: string, monthlyFee: string, cspOfferingId?: string) =>
    Task.where(`#actor bundles its offer as ${name}`, async (provider) => {
      const ownOfferingId = notes(provider).read('ownOffering');
      const central = await control(provider).trigger<Entity>('converged-offer', { name, monthlyFee, ownOfferingId, cspOfferingId });
      notes(provider).write('centralOffering', central.id);
    }),
  /** Figure 10 as a Background: the tester sets the clock, the CSP publishes its offer, the content provider bundles it. */
  inPlace: (parties: { csp: Actor; contentProvider: Actor }, offer: { name: string; fee: string; own: string; ownFee: string; csp: string; cspFee: string }) =>
    Task.where(`#actor has the converged offer ${offer.name} in place`, async (tester) => {
      await ecosystemRun(tester).setClock(new Date('2026-01-01T08:00:00Z'));
      await parties.csp.attemptsTo(ConvergedOffer.createCspOffer(offer.csp, offer.cspFee), ConvergedOffer.markEligible(), ConvergedOffer.publish());
      await parties.contentProvider.attemptsTo(ConvergedOffer.createOwnOffer(offer.own, offer.ownFee), ConvergedOffer.bundle(offer.name, offer.fee));
    }),
  /** 11.1: the driver orders the OEM's copy of the converged offer on its portal. */
  orderOnPortal: (customerId: string) =>
    Task.where('#actor orders the converged offer on the portal', async (driver) => {
      const copy = await oemCopyOf(control(driver).ecosystem, notes(driver).read('centralOffering'));
      await driver.attemptsTo(attempt('portal-order', { customerId, productOfferingId: copy.id }));
    }),
  /** 11.1 by a driver the OEM does not know yet: it names itself rather than a customer id. */
  orderAsNewDriver: (name: string, email: string) =>
    Task.where('#actor orders the converged offer as a new customer', async (driver) => {
      const copy = await oemCopyOf(control(driver).ecosystem, notes(driver).read('centralOffering'));
      await driver.attemptsTo(attempt('portal-order', { newCustomer: { name, email }, productOfferingId: copy.id }));
    }),
  /** The same order through the CSP's or the content provider's channel, from the copy in that channel's catalog (found by `finder`). */
  orderThroughChannel: (customerId: string, channel: 'csp' | 'content-provider', finder: Actor) =>
    Task.where(`#actor orders the converged offer through ${channel}`, async (driver) => {
      const [copy] = await finder.answer(ConvergedQuestions.catalogCopies(channel));
      if (!copy) throw new Error(`the ${channel}'s catalog has no copy of the converged offer`);
      await driver.attemptsTo(attempt('channel-order', { channel, customerId, productOfferingId: copy.id }));
    }),
  /** 11.6–11.10 (or the refusal) */
  requestActivation: (customerId: string) => attempt('request-activation', { customerId }),
  /** The same for the customer the OEM knows by `name` (found by `finder`). */
  requestActivationAs: (name: string, finder: Actor) =>
    Task.where(`#actor asks for activation as ${name}`, async (driver) => {
      const [customer] = await finder.answer(ConvergedQuestions.customersNamed(name));
      if (!customer) throw new Error(`the car manufacturer has no customer called ${name}`);
      await driver.attemptsTo(ConvergedOffer.requestActivation(customer.id));
    }),
  /** 11.11–11.12: the tester ends the period, the OEM runs its billing. */
  endBillingPeriod: (period: string) =>
    Task.where(`#actor ends the car manufacturer's billing period ${period}`, async (tester) => {
      await ecosystemRun(tester).setClock(parsePeriodId(period).end);
      await control(tester).trigger('driver-billing-run', { period }, 'car-manufacturer');
    }),
  /** 11.13–11.14: the driver pays its invoice at the car manufacturer, all that remains or `amount`. */
  payInvoice: (customerId: string, amount?: string) => attempt('pay-invoice', { customerId, ...(amount ? { amount } : {}) }),
};

/** Questions about figures 10 and 11, answered by the tester from what the parties serve. */
export const ConvergedQuestions = {
  resources: <K extends ResourceKey>(actor: ActorId, key: K) => Question.about(`${key} at ${actor}`, (tester) => control(tester).served(key, actor)),
  centralOfferings: () =>
    Question.about('the offerings of the central catalog', async (tester) =>
      (await tester.answer(ConvergedQuestions.resources('car-manufacturer', 'TMF620.productOffering'))).filter((o) =>
        o.category?.some((c) => c.id === 'cat-central-catalog'),
      ),
    ),
  centralConverged: () =>
    Question.about('the converged offer in the central catalog', async (tester) => {
      const central = notes(tester).read('centralOffering');
      const offer = (await tester.answer(ConvergedQuestions.centralOfferings())).find((o) => o.id === central);
      if (!offer) throw new Error(`the central catalog has no offering ${central}`);
      return offer;
    }),
  /** The copies of the converged offer in one party's product catalog (10.9). */
  catalogCopies: (actor: ActorId) =>
    Question.about(`the copies of the converged offer at ${actor}`, async (tester) => {
      const central = notes(tester).read('centralOffering');
      return (await tester.answer(ConvergedQuestions.resources(actor, 'TMF620.productOffering'))).filter((o) =>
        (o.productOfferingRelationship ?? []).some((r) => r.relationshipType === 'distributedFrom' && r.id === central),
      );
    }),
  /** The OEM's customers called `name`. */
  customersNamed: (name: string) =>
    Question.about(`the car manufacturer's customers called ${name}`, async (tester) =>
      (await tester.answer(ConvergedQuestions.resources('car-manufacturer', 'TMF629.customer'))).filter((c) => c.name === name),
    ),
  convergedProducts: (customerId: string) =>
    Question.about(`the converged products of ${customerId}`, async (tester) =>
      (await tester.answer(ConvergedQuestions.resources('car-manufacturer', 'TMF637.product'))).filter((p) =>
        (p.relatedParty ?? []).some((r) => r.id === customerId && r.role === 'customer'),
      ),
    ),
  accountsOf: (customerId: string) =>
    Question.about(`the car manufacturer's billing accounts of ${customerId}`, async (tester) =>
      (await tester.answer(ConvergedQuestions.resources('car-manufacturer', 'TMF666.billingAccount'))).filter((a) =>
        (a.relatedParty ?? []).some((r) => r.id === customerId),
      ),
    ),
  billOf: (customerId: string) =>
    Question.about(`the car manufacturer's bills to ${customerId}`, async (tester) => {
      const accounts = await tester.answer(ConvergedQuestions.accountsOf(customerId));
      const bills = await tester.answer(ConvergedQuestions.resources('car-manufacturer', 'TMF678.customerBill'));
      return bills.filter((b) => accounts.some((a) => a.id === b.billingAccount?.id));
    }),
  /** Payments a payee received, in exact decimals. */
  paidTo: (payee: ActorId) =>
    Question.about(`what ${payee} was paid`, async (tester) =>
      (await tester.answer(ConvergedQuestions.resources(payee, 'TMF676.payment'))).reduce((acc, p) => acc.plus(String(p.totalAmount?.value)), new Decimal(0)),
    ),
  /** A payee's own verdicts on the notes it was sent, oldest first. */
  noteReviews: (payee: 'csp' | 'content-provider') =>
    Question.about(`${payee}'s reviews of its settlement notes`, async (tester) => {
      type Review = { note: string; revision: number; decision: string; taxExcludedAmount: number; reasons: string[] };
      return (await control(tester).state<{ partnerNoteReviews?: Review[] }>(payee)).partnerNoteReviews ?? [];
    }),
  /**
   * What the driver paid the car manufacturer (its bill's rated lines) and what each partner was settled
   * of it (the notes advising them), both as the car manufacturer serves them over TMF.
   */
  settlement: () =>
    Question.about("the car manufacturer's settlement of what the driver paid", async (tester) => {
      const oem = control(tester);
      const rates = await oem.list('TMF678', 'appliedCustomerBillingRate', {}, 'car-manufacturer');
      const settlementNotes = await oem.list('BillingV2', 'settlementNoteAdvice', {}, 'car-manufacturer');
      const paid = rates.reduce((acc, r) => acc.plus(String(r.taxExcludedAmount?.value)), new Decimal(0));
      const settledTo = (party: string) =>
        settlementNotes.filter((n) => n.receiver?.id === party).reduce((acc, n) => acc.plus(String(n.taxExcludedAmount)), new Decimal(0));
      return { paid, settledTo };
    }),
};
