import { Decimal } from 'decimal.js';
import { parsePeriodId } from '../../core/billing-period.ts';
import type { ActorId } from '../../core/actor-ids.ts';
import type { Entity } from '../../tmf/data.ts';
import { publishCspOffer } from '../../harness/drive/figure10.ts';
import { oemCopyOf } from '../../harness/drive/figure11.ts';
import type { HarnessWorld } from '../support/world.ts';

type Ref = { id: string; relationshipType?: string; role?: string };

const note = (world: HarnessWorld, key: string) => {
  const value = world.notes.get(key);
  if (typeof value !== 'string') throw new Error(`the scenario has no ${key} yet`);
  return value;
};

/** Calls a control trigger and keeps the answer, error or not (for the steps that judge a refusal). */
async function attempt(world: HarnessWorld, actor: ActorId, operation: string, body: object): Promise<unknown> {
  const answer = await world.call(async () => {
    const { body: result, status } = await world.ecosystem.control(actor).request('POST', `/control/${operation}`, body);
    return { status, body: result };
  });
  await world.settle();
  return answer.body;
}

/** Tasks of figures 10 and 11, in the domain's words. */
export const ConvergedOffer = {
  /** 10.1 */
  createCspOffer: async (world: HarnessWorld, name: string, monthlyFee: string) => {
    const offering = await world.trigger<Entity>('csp', 'partner-offer', { name, monthlyFee, currency: 'EUR' });
    world.notes.set('cspOffering', offering.id);
  },
  /** 10.2 */
  markEligible: (world: HarnessWorld) => world.trigger('csp', 'partner-eligible', { productOfferingId: note(world, 'cspOffering') }),
  /** 10.3 (or its refusal) */
  publish: (world: HarnessWorld) => attempt(world, 'csp', 'publish-offer', { productOfferingId: note(world, 'cspOffering') }),
  /** 10.1–10.3 at once */
  publishPartnerOffer: async (world: HarnessWorld) => world.notes.set('cspOffering', await publishCspOffer(world.ecosystem)),
  /** 10.4 */
  createOwnOffer: async (world: HarnessWorld, name: string, monthlyFee: string) => {
    const offering = await world.trigger<Entity>('content-provider', 'own-offer', { name, monthlyFee, currency: 'EUR' });
    world.notes.set('ownOffering', offering.id);
  },
  /** 10.5–10.7 (10.8–10.9 follow on their own) */
  bundle: async (world: HarnessWorld, name: string, monthlyFee: string, cspOfferingId?: string) => {
    const central = await world.trigger<Entity>('content-provider', 'converged-offer', {
      name,
      monthlyFee,
      ownOfferingId: note(world, 'ownOffering'),
      cspOfferingId,
    });
    world.notes.set('central', central.id);
  },
  /** 11.1 */
  orderOnPortal: async (world: HarnessWorld, customerId: string) => {
    const copy = await oemCopyOf(world.ecosystem, note(world, 'central'));
    return attempt(world, 'driver', 'portal-order', { customerId, productOfferingId: copy.id });
  },
  /** The same order through the CSP's or the content provider's channel, from the copy in that channel's catalog. */
  orderThroughChannel: async (world: HarnessWorld, customerId: string, channel: 'csp' | 'content-provider') => {
    const copy = (await ConvergedQuestions.catalogCopies(world, channel))[0];
    return attempt(world, 'driver', 'channel-order', { channel, customerId, productOfferingId: copy.id });
  },
  /** 11.6–11.10 (or the refusal) */
  requestActivation: (world: HarnessWorld, customerId: string) => attempt(world, 'driver', 'request-activation', { customerId }),
  /** 11.11–11.12 */
  endBillingPeriod: async (world: HarnessWorld, period: string) => {
    await world.setClock(parsePeriodId(period).end);
    await world.trigger('car-manufacturer', 'driver-billing-run', { period });
  },
};

/** 11.1 by a driver the OEM does not know yet: it names itself rather than a customer id. */
export const orderAsNewDriver = async (world: HarnessWorld, name: string, email: string) => {
  const copy = await oemCopyOf(world.ecosystem, note(world, 'central'));
  return attempt(world, 'driver', 'portal-order', { newCustomer: { name, email }, productOfferingId: copy.id });
};

/** The OEM's customers called `name`. */
export const customersNamed = async (world: HarnessWorld, name: string) =>
  (await ConvergedQuestions.resources(world, 'car-manufacturer', 'TMF629.customer')).filter((c) => c.name === name);

/** 11.13–11.14: the driver pays its invoice at the car manufacturer, all that remains or `amount`. */
export const payInvoice = (world: HarnessWorld, customerId: string, amount?: string) =>
  attempt(world, 'driver', 'pay-invoice', { customerId, ...(amount ? { amount } : {}) });

/** Questions about figures 10 and 11, answered from the parties' own state. */
export const ConvergedQuestions = {
  resources: (world: HarnessWorld, actor: ActorId, key: string) => world.served(actor, key),
  centralOfferings: async (world: HarnessWorld) =>
    (await ConvergedQuestions.resources(world, 'car-manufacturer', 'TMF620.productOffering')).filter((o) =>
      (o.category as Ref[] | undefined)?.some((c) => c.id === 'cat-central-catalog'),
    ),
  centralConverged: async (world: HarnessWorld) => (await ConvergedQuestions.centralOfferings(world)).find((o) => o.id === note(world, 'central'))!,
  /** The copies of the converged offer in one party's product catalog (10.9). */
  catalogCopies: async (world: HarnessWorld, actor: ActorId) =>
    (await ConvergedQuestions.resources(world, actor, 'TMF620.productOffering')).filter((o) =>
      ((o.productOfferingRelationship as Ref[] | undefined) ?? []).some((r) => r.relationshipType === 'distributedFrom' && r.id === world.notes.get('central')),
    ),
  convergedProducts: async (world: HarnessWorld, customerId: string) =>
    (await ConvergedQuestions.resources(world, 'car-manufacturer', 'TMF637.product')).filter((p) =>
      (p.relatedParty as Ref[]).some((r) => r.id === customerId && r.role === 'customer'),
    ),
  billOf: async (world: HarnessWorld, customerId: string) => {
    const accounts = (await ConvergedQuestions.resources(world, 'car-manufacturer', 'TMF666.billingAccount')).filter((a) =>
      (a.relatedParty as Ref[]).some((r) => r.id === customerId),
    );
    const bills = await ConvergedQuestions.resources(world, 'car-manufacturer', 'TMF678.customerBill');
    return bills.filter((b) => accounts.some((a) => a.id === (b.billingAccount as Ref).id));
  },
  /** Payments a payee received, in exact decimals. */
  paidTo: async (world: HarnessWorld, payee: ActorId) =>
    (await ConvergedQuestions.resources(world, payee, 'TMF676.payment')).reduce(
      (acc, p) => acc.plus(String((p.totalAmount as { value: number }).value)),
      new Decimal(0),
    ),
  /** What the driver paid (tax excluded) and what the partners' notes say they get, in exact decimals. */
  /** A payee's own verdicts on the notes it was sent, oldest first. */
  noteReviews: async (world: HarnessWorld, payee: 'csp' | 'content-provider') =>
    (await world.state<{ partnerNoteReviews?: { note: string; revision: number; decision: string; taxExcludedAmount: number; reasons: string[] }[] }>(payee))
      .partnerNoteReviews ?? [],
  /**
   * What the driver paid the car manufacturer (its bill's rated lines) and what each partner was settled
   * of it (the notes advising them), both as the car manufacturer serves them over TMF.
   */
  settlement: async (world: HarnessWorld) => {
    const oem = world.ecosystem.control('car-manufacturer');
    const { items: rates } = await oem.list('TMF678', 'appliedCustomerBillingRate');
    const { items: notes } = await oem.list('BillingV2', 'settlementNoteAdvice');
    const paid = rates.reduce((acc, r) => acc.plus(String((r.taxExcludedAmount as { value: number }).value)), new Decimal(0));
    const settledTo = (party: string) =>
      notes.filter((n) => (n.receiver as Ref).id === party).reduce((acc, n) => acc.plus(String(n.taxExcludedAmount)), new Decimal(0));
    return { paid, settledTo };
  },
};
