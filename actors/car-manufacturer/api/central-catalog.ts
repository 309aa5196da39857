import type { Router } from 'express';
import { badRequest, forbidden } from '../../../tmf/errors.ts';
import { HARNESS_PARTY, type Caller } from '../../../tmf/auth.ts';
import { resourceRouter, type ResourceHooks } from '../../../tmf/resource.ts';
import type { ProductOffering } from '../../../tmf/resources.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { applyReview, isCentral, publishToCentral, REVIEWERS, reviewsOf, type PartnerReview } from '../domain/central-catalog.ts';
import { oweDistribution, REVIEW_OFFERING } from '../processes/converged-offer.ts';
import type { OemData } from '../store.ts';

type Runtime = ActorRuntime<OemData>;

/**
 * The OEM's TMF620: its product catalog and the central catalog on one API. What a partner POSTs goes
 * to the central catalog (10.3, 10.7) and is visible to every partner; the OEM's own offers are not
 * shown to partners. A partner's PATCH may only add its own review of a converged offering (10.8).
 */
export function catalogRouter(runtime: Runtime): Router {
  const { store, clock, notifier } = runtime;
  // Partners write on offerings they do not own (their reviews, 10.8): the patch hook lets them add that alone.
  const router = resourceRouter({
    api: 'TMF620',
    resource: 'productOffering',
    store,
    clock,
    notifier,
    hooks: offeringHooks(runtime),
    partnerWrites: 'visible',
  });
  for (const resource of ['productOfferingPrice', 'catalog', 'category'] as const)
    router.use(resourceRouter({ api: 'TMF620', resource, store, clock, notifier }));
  return router;
}

const isPartner = (caller: Caller) => caller.party !== HARNESS_PARTY;

function offeringHooks(runtime: Runtime): ResourceHooks<OemData, 'TMF620', 'productOffering'> {
  return {
    create: (input, ctx) => (isPartner(ctx.caller) ? publishToCentral(input, ctx.caller.party) : input),
    // A published offering is shared: every partner of the central catalog sees it.
    owner: () => undefined,
    visible: (offering, caller) => !isPartner(caller) || isCentral(offering),
    patch(current, next, ctx) {
      if (!isPartner(ctx.caller)) return next;
      return applyReview(current, reviewPatch(current, next, ctx.caller.party, ctx.now));
    },
    // A partner's bundle is reviewed (10.8); one the OEM's own operator (the harness key) puts in the catalog is as given.
    afterCreate(offering, { draft, caller }) {
      if (isPartner(caller) && offering.isBundle === true && isCentral(offering))
        REVIEW_OFFERING.owe(runtime, draft, { centralId: offering.id }, { key: `${REVIEW_OFFERING}:${offering.id}` });
    },
    afterPatch(offering, { draft }) {
      if (offering.lifecycleStatus === 'Launched' && isCentral(offering)) oweDistribution(runtime, draft, offering.id);
    },
  };
}

/** The reviewer's own verdict out of its PATCH; anything else a partner tries to change is refused. */
function reviewPatch(current: ProductOffering, next: ProductOffering, party: string, now: Date): PartnerReview {
  if (!REVIEWERS.some((reviewer) => reviewer === party)) throw forbidden(`${party} does not review converged offerings`);
  // A rejection by one reviewer does not stop the others: the registrant gets every reason at once.
  if (current.isBundle !== true || current.lifecycleStatus === 'Launched')
    throw badRequest('Not under review', `${current.id} is not a converged offering under review`, 'NOT_UNDER_REVIEW');
  const before = new Map(Object.entries(current));
  const after = new Map(Object.entries(next));
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((k) => JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k)));
  if (changed.some((k) => k !== 'partnerReview'))
    throw forbidden(`a partner may only add its review, not change ${changed.filter((k) => k !== 'partnerReview').join(', ')}`);
  const mine = reviewsOf(next).filter((r) => r.partyId === party);
  if (mine.length !== 1) throw badRequest('Invalid review', `the PATCH must carry exactly one partnerReview of ${party}`, 'INVALID_REVIEW');
  return { ...mine[0], reviewDate: now.toISOString() };
}
