import { deriveKey } from '../../../tmf/credentials.ts';
import { collection } from '../../../tmf/data.ts';
import type { BillingAccount, Organization } from '../../../tmf/resources.ts';
import { addEntity } from '../../../tmf/entity.ts';
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
export function onboardPartner(
  draft: CspData,
  partner: string,
  tradingName: string,
  now: Date,
  secret: string,
  portalUrl: string,
): { organization: Organization; billingAccount: BillingAccount; result: OnboardingResult } {
  const ownedBy = (e: { href: string }) => draft.owners[e.href] === partner;
  const organization =
    collection(draft, 'TMF632', 'organization').find(ownedBy) ??
    addEntity(
      draft,
      'TMF632',
      'organization',
      { name: tradingName, tradingName, organizationType: 'partner', status: 'validated', partyCharacteristic: [{ name: 'partnerId', value: partner }] },
      partner,
    );
  const billingAccount =
    collection(draft, 'TMF666', 'billingAccount').find(ownedBy) ??
    addEntity(
      draft,
      'TMF666',
      'billingAccount',
      {
        name: `${tradingName} partner account`,
        accountType: 'partner',
        state: 'active',
        paymentStatus: 'paid',
        lastModified: now.toISOString(),
        relatedParty: [{ id: organization.id, href: organization.href, name: tradingName, role: 'owner', '@referredType': 'Organization' }],
      },
      partner,
    );
  const clientId = clientIdOf(partner);
  const apiKey = deriveKey(secret, 'issued', clientId, String(draft.credentials.length + 1));
  // Rotation without breaking calls in flight: the key issued before stays valid through the hand-over
  // (step 7.3), any older one is revoked.
  const previous = draft.credentials.filter((c) => c.party === partner).at(-1);
  draft.credentials = draft.credentials.filter((c) => c.party !== partner || c === previous);
  draft.credentials.push({ apiKey, party: partner, bundle: CSP_BUNDLES.splitBilling });
  return { organization, billingAccount, result: onboardingResultOf(draft, partner, portalUrl)! };
}

/**
 * What the partner is to be told, from the credential last issued to it: the same result however often
 * it is asked for, so a hand-over cut short by a kill is repeated unchanged.
 */
export function onboardingResultOf(data: CspData, partner: string, portalUrl: string): OnboardingResult | undefined {
  const credential = data.credentials.filter((c) => c.party === partner).at(-1);
  return credential && { clientId: clientIdOf(partner), apiKey: credential.apiKey, bundle: credential.bundle, portalUrl };
}

const clientIdOf = (partner: string): string => `${partner}@csp`;
