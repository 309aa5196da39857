import { collection } from '../../../tmf/data.ts';
import type { BillingAccount, Customer, Individual } from '../../../tmf/resources.ts';
import { addEntity } from '../../../tmf/entity.ts';
import type { CspData } from '../store.ts';

/**
 * Consumer data (customer, billing account, bills) belongs to the driver party: no partner owns it, so
 * the OEM cannot read the driver's bills (404). The simulation has one driver.
 */
export const CONSUMER_OWNER = 'driver';

/** The account type that marks a consumer's billing account (partners' are `partner`). */
export const CONSUMER_ACCOUNT = 'consumer';

const ref = (e: { id: string; href: string; name?: string }, referredType: string) => ({
  id: e.id,
  href: e.href,
  ...(e.name === undefined ? {} : { name: e.name }),
  '@referredType': referredType,
});

export const emailOf = (party: Pick<Individual, 'contactMedium'>) => (party.contactMedium ?? []).map((m) => m.characteristic?.emailAddress).find(Boolean);

/** A served individual may lack the names its create required (a PATCH may have removed them). */
const nameOf = (individual: Individual) => [individual.givenName, individual.familyName].filter(Boolean).join(' ') || individual.id;

/** The customer whose engaged party is this individual, and that customer's consumer billing account. */
export function findConsumer(draft: CspData, individualId: string): { customer: Customer; account: BillingAccount } | undefined {
  const customer = collection(draft, 'TMF629', 'customer').find((c) => c.engagedParty.id === individualId);
  if (!customer) return undefined;
  const account = consumerAccountsOf(draft, individualId)[0];
  return account ? { customer, account } : undefined;
}

export function consumerAccountsOf(draft: CspData, individualId: string): BillingAccount[] {
  return collection(draft, 'TMF666', 'billingAccount').filter((a) => a.accountType === CONSUMER_ACCOUNT && a.relatedParty.some((p) => p.id === individualId));
}

/**
 * Makes an individual a CSP customer with a billing account of its own (step 8.8, or an existing
 * customer seeded for 8.5). An individual that already is one keeps its customer and account.
 */
export function ensureConsumer(draft: CspData, individual: Individual, now: Date): { customer: Customer; account: BillingAccount; created: boolean } {
  const existing = findConsumer(draft, individual.id);
  if (existing) return { ...existing, created: false };
  const party = { ...ref(individual, 'Individual'), name: nameOf(individual) };
  const account = addEntity(
    draft,
    'TMF666',
    'billingAccount',
    {
      name: `${nameOf(individual)} — connectivity`,
      accountType: CONSUMER_ACCOUNT,
      state: 'active',
      paymentStatus: 'due',
      lastModified: now.toISOString(),
      relatedParty: [{ ...party, role: 'owner' }],
    },
    CONSUMER_OWNER,
  );
  const email = emailOf(individual);
  const customer = addEntity(
    draft,
    'TMF629',
    'customer',
    {
      name: nameOf(individual),
      status: 'approved',
      engagedParty: { ...party, role: 'customer' },
      ...(email ? { contactMedium: [{ mediumType: 'email', preferred: true, characteristic: { emailAddress: email } }] } : {}),
      account: [ref(account, 'BillingAccount')],
      validFor: { startDateTime: now.toISOString() },
    },
    CONSUMER_OWNER,
  );
  return { customer, account, created: true };
}

/** An individual the CSP knows, with a customer and account: a driver who already has a CSP contract. */
export function registerExistingCustomer(draft: CspData, person: { givenName: string; familyName: string; email: string }, now: Date) {
  const individual = addEntity(
    draft,
    'TMF632',
    'individual',
    {
      givenName: person.givenName,
      familyName: person.familyName,
      status: 'validated',
      contactMedium: [{ mediumType: 'email', preferred: true, characteristic: { emailAddress: person.email } }],
    },
    CONSUMER_OWNER,
  );
  return { individual, ...ensureConsumer(draft, individual, now) };
}
