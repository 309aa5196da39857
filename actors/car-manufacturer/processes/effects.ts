import { createAtPeerOnce } from '../../kit/peer-create-once.ts';
import type { CreateBody } from '../../../tmf/resources.ts';
import { DISTRIBUTED_FROM, originOf } from '../../../core/converged-offer.ts';
import type { EffectHandler } from '../../../tmf/owed-effects.ts';
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
  const inUpdate =
    (change: (draft: OemData, args: Record<string, unknown>) => void): EffectHandler<OemData> =>
    async (args) =>
    (draft) =>
      change(draft, args);
  return {
    [REVIEW_OFFERING]: inUpdate((draft, args) => reviewConvergedOffering(runtime, draft, String(args.centralId))),
    [DISTRIBUTE_OFFERING]: inUpdate((draft, args) => distributeConvergedOffering(runtime, draft, String(args.centralId))),
    [POST_DISTRIBUTED_COPY]: async (args) => {
      const channel = args.channel as 'csp' | 'content-provider';
      const central = originOf(args.offering as Record<string, unknown>, DISTRIBUTED_FROM)!;
      const copy = await createAtPeerOnce(runtime, {
        key: `distributed-copy:${central}:${channel}`,
        peer: channel,
        api: 'TMF620',
        resource: 'productOffering',
        body: args.offering as CreateBody<'TMF620', 'productOffering'>,
        find: { query: { 'productOfferingRelationship.id': central }, matches: (o) => originOf(o, DISTRIBUTED_FROM) === central },
      });
      return copy.settled;
    },
    [SETTLE_PAID_BILL]: inUpdate((draft, args) => settlePaidBill(runtime, draft, String(args.billId))),
    [REVISE_DISPUTED_NOTE]: inUpdate((draft, args) => reviseDisputedNote(runtime, draft, String(args.id))),
    [REVISE_SETTLEMENT]: inUpdate((draft, args) => reviseSettlement(runtime, draft, String(args.id))),
    [PAY_ACCEPTED_NOTE]: (args) => payAcceptedNote(runtime, String(args.id)),
    [ORDER_CONNECTIVITY]: orderConnectivityEffect(runtime),
  };
}
