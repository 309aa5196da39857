import type { Decimal } from 'decimal.js';
import { periodContaining, periodId } from '../../../core/billing-period.ts';
import { MoneyDecimal } from '../../../core/money.ts';
import { collection, findBy, snapshot } from '../../../tmf/data.ts';
import type { Incoming, Product, Usage } from '../../../tmf/resources.ts';
import { conflict, invalid } from '../../../core/domain-error.ts';
import type { CspData } from '../store.ts';
import { type InPlace, throughDraft } from '../../../core/in-place.ts';
import { type Share, splitRecord } from './split-billing.ts';
import { isUsageClass, rateVolume, tariffFor, USAGE_CLASSES, type UsageClass, type UsageTariff } from './usage-rating.ts';

/** Names of the usage characteristics the car sends and mediation adds. */
export const USAGE_CHAR = {
  recordId: 'recordId',
  subscription: 'subscriptionId',
  vehicle: 'vehicleId',
  volume: 'volumeMB',
  included: 'includedMB',
  chargeable: 'chargeableMB',
  rejection: 'rejectionReason',
} as const;

/**
 * Where mediation's running totals are: written through `InPlace` (in place in a batch, where copying
 * a table of an entry per subscription and month on every update would cost more than the batch's work).
 */
export const LEDGER = {
  ratedMB: ['usageLedger', 'ratedMB'],
} as const;

/** What the intake asks of the records kept so far (the usage book): whether a car's record was received. */
export interface ReceivedRecords {
  receivedAs(recordId: string): string | undefined;
}

export const characteristicsOf = (usage: Usage | Incoming<'TMF635', 'usage'>) => usage.usageCharacteristic ?? [];
export const charValue = (usage: Usage | Incoming<'TMF635', 'usage'>, name: string) => characteristicsOf(usage).find((c) => c.name === name)?.value;

/** What mediation reads from a record the car sent (step 8.9). */
export interface UsageIntake {
  readonly recordId: string;
  readonly subscription: string;
  readonly usageClass: UsageClass;
  readonly volumeMB: Decimal;
  readonly usageDate: Date;
}

/** A record without these cannot be mediated at all: 400, nothing kept. */
export function readIntake(usage: Usage | Incoming<'TMF635', 'usage'>): UsageIntake {
  const reasons: string[] = [];
  const recordId = charValue(usage, USAGE_CHAR.recordId);
  const subscription = charValue(usage, USAGE_CHAR.subscription);
  const volume = charValue(usage, USAGE_CHAR.volume);
  const usageDate = new Date(String(usage.usageDate));
  if (typeof recordId !== 'string' || !recordId) reasons.push(`usageCharacteristic '${USAGE_CHAR.recordId}' (the car's record id) is required`);
  if (typeof subscription !== 'string' || !subscription) reasons.push(`usageCharacteristic '${USAGE_CHAR.subscription}' is required`);
  if (!isUsageClass(usage.usageType)) reasons.push(`usageType must be one of ${USAGE_CLASSES.join(', ')}, got '${String(usage.usageType)}'`);
  const volumeMB = typeof volume === 'number' || typeof volume === 'string' ? new MoneyDecimal(String(volume)) : undefined;
  if (!volumeMB?.isFinite() || volumeMB.isNegative()) reasons.push(`usageCharacteristic '${USAGE_CHAR.volume}' must be a non-negative number of MB`);
  if (Number.isNaN(usageDate.getTime())) reasons.push('usageDate is required');
  const usageClass = usage.usageType;
  if (reasons.length > 0 || typeof recordId !== 'string' || typeof subscription !== 'string' || !isUsageClass(usageClass) || !volumeMB)
    throw invalid('Invalid usage record', reasons.join('; '), 'INVALID_USAGE');
  return { recordId, subscription, usageClass, volumeMB, usageDate };
}

/** What mediation did with a record, for the journal. */
export interface MediationOutcome {
  readonly usage: Usage;
  readonly intake: UsageIntake;
  /** The product's owner (the OEM), who may see the record; none for a record of an unknown subscription. */
  readonly owner?: string;
  readonly shares: readonly (Share & { billingAccount: { id: string; href: string } })[];
}

/** Where mediation leaves a record: `received` and `guided` move on, `rated` and `rejected` are final. */
export const MEDIATION_DONE: readonly Usage['status'][] = ['rated', 'rejected'];

/**
 * Step 8.9, the intake: a record is kept `received` (its id is remembered where it is kept). A record
 * id already received is refused (409) and rates nothing; a record without what mediation reads is
 * refused (400).
 */
export function receiveUsage(records: ReceivedRecords, received: Incoming<'TMF635', 'usage'>): MediationOutcome {
  const intake = readIntake(received);
  const seen = records.receivedAs(intake.recordId);
  if (seen)
    throw conflict('Duplicate usage record', `Usage record ${intake.recordId} was already received as ${seen}; it is not rated again`, 'DUPLICATE_USAGE');
  return { usage: { ...received, status: 'received' }, intake, shares: [] };
}

/**
 * Mediation of one record (step 8.10), one state at a time: `received` → guided to its subscription
 * and payers (or rejected: mediation collects no usage for it); `guided` → rated (allowance first,
 * then the unit price, rounded per record) and split into one share per payer (or rejected: no
 * usage price). Any other state is left as it is.
 */
export function advanceMediation(
  draft: CspData,
  usage: Usage,
  now: Date,
  writes: InPlace = throughDraft(draft),
  /** What the intake read of the record, when the caller has it already (each state reads the same). */
  intake: UsageIntake = readIntake(usage),
): MediationOutcome {
  // Looked up by index: a batch mediates many records in one update, each names one of many subscriptions.
  const collected = findBy(draft.usageCollections, 'product', intake.subscription);
  const product = findBy(collection(draft, 'TMF637', 'product'), 'id', intake.subscription);
  const owner = product && draft.owners[product.href];
  if (usage.status === 'received') {
    if (!collected || !product) return rejected(usage, intake, `unknown subscription ${intake.subscription}: mediation collects no usage for it`);
    const payers = Object.entries(collected.payers).map(([role, account]) => ({ ...account, role, '@referredType': 'BillingAccount' }));
    return { usage: { ...usage, status: 'guided', relatedParty: payers }, intake, owner, shares: [] };
  }
  if (usage.status !== 'guided' || !collected || !product) return { usage, intake, owner, shares: [] };
  const tariff = tariffOf(draft, product, intake.usageClass);
  if (!tariff) return { ...rejected(usage, intake, `no usage price for ${intake.usageClass} in the catalog`), owner };

  const volumeKey = ratedVolumeKey(intake);
  const usedBefore = new MoneyDecimal(draft.usageLedger.ratedMB[volumeKey] ?? 0);
  const rated = rateVolume(intake.volumeMB, usedBefore, tariff);
  writes.set(LEDGER.ratedMB, volumeKey, usedBefore.plus(intake.volumeMB).toString());
  const shares = splitRecord(collected.criteria, { usageClass: intake.usageClass, ...rated }).map((s) => ({
    ...s,
    // A copy of the payer's account reference, not the stored one: the record must not share a draft's object.
    billingAccount: { ...collected.payers[s.payerRole] },
  }));
  const ratedUsage: Usage = {
    ...usage,
    status: 'rated',
    usageCharacteristic: [
      ...characteristicsOf(usage),
      { name: USAGE_CHAR.included, valueType: 'number', value: Number(rated.includedMB.toFixed()) },
      { name: USAGE_CHAR.chargeable, valueType: 'number', value: Number(rated.chargeableMB.toFixed()) },
    ],
    relatedParty: shares.map((s) => ({ id: s.billingAccount.id, href: s.billingAccount.href, role: s.payerRole, '@referredType': 'BillingAccount' })),
    ratedProductUsage: shares.map((s) => ({
      '@type': 'RatedProductUsage',
      ratingDate: now.toISOString(),
      usageRatingTag: rated.tag,
      ratingAmountType: 'share',
      offerTariffType: tariff.priceId,
      isBilled: false,
      isTaxExempt: false,
      taxExcludedRatingAmount: s.amount.toTmf(),
      productRef: { id: product.id, href: product.href },
      payerRole: s.payerRole,
      billingAccount: s.billingAccount,
    })),
  };
  return { usage: ratedUsage, intake, owner, shares };
}

/**
 * Mediation of one record in one go (steps 8.9–8.10): received, guided, then rated or rejected, as
 * {@link advanceMediation} moves it. For intakes that store only the outcome (a batch of records).
 */
export function mediate(
  draft: CspData,
  records: ReceivedRecords,
  received: Incoming<'TMF635', 'usage'>,
  now: Date,
  writes: InPlace = throughDraft(draft),
): MediationOutcome {
  let outcome = receiveUsage(records, received);
  while (!MEDIATION_DONE.includes(outcome.usage.status)) outcome = advanceMediation(draft, outcome.usage, now, writes, outcome.intake);
  return outcome;
}

function rejected(received: Usage | Incoming<'TMF635', 'usage'>, intake: UsageIntake, reason: string): MediationOutcome {
  const { relatedParty: _payers, ...rest } = received;
  const usage: Usage = {
    ...rest,
    status: 'rejected',
    description: `Rejected by mediation: ${reason}`,
    usageCharacteristic: [...characteristicsOf(received), { name: USAGE_CHAR.rejection, value: reason }],
  };
  return { usage, intake, shares: [] };
}

/** Tariffs found, per catalog (its offerings and prices as committed): a batch prices many records of few offers. */
const tariffs = new WeakMap<readonly object[], WeakMap<readonly object[], Map<string, UsageTariff | undefined>>>();

function tariffOf(draft: CspData, product: Product, usageClass: UsageClass): UsageTariff | undefined {
  const offerings = snapshot(collection(draft, 'TMF620', 'productOffering'));
  const prices = snapshot(collection(draft, 'TMF620', 'productOfferingPrice'));
  const byPrices = tariffs.get(offerings) ?? new WeakMap();
  tariffs.set(offerings, byPrices);
  const found = byPrices.get(prices) ?? new Map<string, UsageTariff | undefined>();
  byPrices.set(prices, found);
  const key = `${product.productOffering?.id}|${usageClass}`;
  if (!found.has(key)) found.set(key, tariffFor(product, usageClass, offerings, prices));
  return found.get(key);
}

/** The ledger key of the volume already rated for a subscription, usage class and month: what the allowance has left. */
const ratedVolumeKey = (intake: UsageIntake) => `${intake.subscription}|${intake.usageClass}|${periodId(periodContaining(intake.usageDate))}`;
