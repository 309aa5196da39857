import { createAtPeerOnce } from '../../kit/peer-create-once.ts';
import type { CreateBody } from '../../../tmf/resources.ts';
import { DISTRIBUTED_FROM, originOf } from '../../../core/converged-offer.ts';
import type { EffectHandler } from '../../../tmf/owed-effects.ts';
import type { EffectKind } from '../../kit/effect-kind.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { OemData } from '../store.ts';
import {
  DISTRIBUTE_OFFERING,
  distributeConvergedOffering,
  PAY_ACCEPTED_NOTE,
  payAcceptedNote,
  POST_DISTRIBUTED_COPY,
  REVIEW_OFFERING,
  REVISE_DISPUTED_NOTE,
  reviewConvergedOffering,
  reviseDisputedNote,
  SETTLE_PAID_BILL,
  settlePaidBill,
} from './converged-offer.ts';
import { REVISE_SETTLEMENT, reviseSettlement } from './ticket-settlement.ts';
import { ORDER_CONNECTIVITY, orderConnectivityEffect } from './service-sale.ts';

type Runtime = ActorRuntime<OemData>;

/**
 * How the OEM carries out what its routers' changes owe (figures 9, 10, 11). A change of its own store
 * is made in the update that marks the effect done, so it happens exactly once; a call to a peer checks
 * the state first, so a retry after it was done does nothing.
 */
export function oemEffects(runtime: Runtime): Record<string, EffectHandler<OemData>> {
  const inUpdate = <A extends Record<string, unknown>>(kind: EffectKind<A>, change: (draft: OemData, args: A) => void) =>
    kind.handler<OemData>(async (args) => (draft) => change(draft, args));
  return {
    [REVIEW_OFFERING.name]: inUpdate(REVIEW_OFFERING, (draft, { centralId }) => reviewConvergedOffering(runtime, draft, centralId)),
    [DISTRIBUTE_OFFERING.name]: inUpdate(DISTRIBUTE_OFFERING, (draft, { centralId }) => distributeConvergedOffering(runtime, draft, centralId)),
    [POST_DISTRIBUTED_COPY.name]: POST_DISTRIBUTED_COPY.handler<OemData>(async ({ channel, centralId, offering }) => {
      const copy = await createAtPeerOnce(runtime, {
        key: `distributed-copy:${centralId}:${channel}`,
        peer: channel,
        api: 'TMF620',
        resource: 'productOffering',
        // The copy is the central offering's own attributes (distributionCopy), so it has what a create needs.
        body: offering as CreateBody<'TMF620', 'productOffering'>,
        find: { query: { 'productOfferingRelationship.id': centralId }, matches: (o) => originOf(o, DISTRIBUTED_FROM) === centralId },
      });
      return copy.settled;
    }),
    [SETTLE_PAID_BILL.name]: inUpdate(SETTLE_PAID_BILL, (draft, { billId }) => settlePaidBill(runtime, draft, billId)),
    [REVISE_DISPUTED_NOTE.name]: inUpdate(REVISE_DISPUTED_NOTE, (draft, { id }) => reviseDisputedNote(runtime, draft, id)),
    [REVISE_SETTLEMENT.name]: inUpdate(REVISE_SETTLEMENT, (draft, { id }) => reviseSettlement(runtime, draft, id)),
    [PAY_ACCEPTED_NOTE.name]: PAY_ACCEPTED_NOTE.handler<OemData>(({ id }) => payAcceptedNote(runtime, id)),
    [ORDER_CONNECTIVITY.name]: orderConnectivityEffect(runtime),
  };
}
