import { deriveKey } from '../../../tmf/auth.ts';
import { collection, type Entity, nextId } from '../../../tmf/data.ts';
import { hrefOf } from '../../../tmf/resource.ts';
import type { CspData } from '../store.ts';
import { CSP_BUNDLES } from '../bundles.ts';

/** What a partner is told at the end of onboarding (step 7.3). */
export interface OnboardingResult {
  clientId: string;
  apiKey: string;
  bundle: string;
  portalUrl: string;
}

/**
 * Partner onboarding (step 7.2): the partner's organization, its billing account, a credential and the
 * API bundle of the offer it subscribed. A partner already onboarded keeps its organization and account.
 */
export function onboardPartner(draft: CspData, partner: string, tradingName: string, now: Date, secret: string, portalUrl: string): { organization: Entity; billingAccount: Entity; result: OnboardingResult } {
  const organizations = collection(draft, 'TMF632', 'organization');
  const accounts = collection(draft, 'TMF666', 'billingAccount');
  let organization = organizations.find((o) => draft.owners[o.href] === partner);
  if (!organization) {
    const id = nextId(draft, 'org');
    organization = { id, href: hrefOf('TMF632', 'organization', id), '@type': 'Organization', name: tradingName, tradingName, organizationType: 'partner', status: 'validated', partyCharacteristic: [{ name: 'partnerId', value: partner }] };
    organizations.push(organization);
    draft.owners[organization.href] = partner;
  }
  let billingAccount = accounts.find((a) => draft.owners[a.href] === partner);
  if (!billingAccount) {
    const id = nextId(draft, 'ba');
    billingAccount = {
      id, href: hrefOf('TMF666', 'billingAccount', id), '@type': 'BillingAccount', name: `${tradingName} partner account`, accountType: 'partner', state: 'active',
      relatedParty: [{ id: organization.id, href: organization.href, name: tradingName, role: 'owner', '@referredType': 'Organization' }],
      paymentStatus: 'paid', lastModified: now.toISOString(),
    };
    accounts.push(billingAccount);
    draft.owners[billingAccount.href] = partner;
  }
  const clientId = `${partner}@csp`;
  const apiKey = deriveKey(secret, 'issued', clientId, String(draft.credentials.length + 1));
  draft.credentials = draft.credentials.filter((c) => c.party !== partner);
  draft.credentials.push({ apiKey, party: partner, bundle: CSP_BUNDLES.splitBilling });
  return { organization, billingAccount, result: { clientId, apiKey, bundle: CSP_BUNDLES.splitBilling, portalUrl } };
}
