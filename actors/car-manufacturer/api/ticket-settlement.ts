import type { Router } from 'express';
import type { ApiId } from '../../../tmf/apis.ts';
import { HARNESS_PARTY } from '../../../tmf/auth.ts';
import type { SettlementNoteAdvice } from '../../../tmf/resources.ts';
import { resourceRouter } from '../../../tmf/resource.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { EffectKind } from '../../kit/effect-kind.ts';
import { ticketTmfApis } from '../../trouble-tickets/api/tmf.ts';
import { checkSettlementChange, recordDispute } from '../domain/ticket-settlement.ts';
import { REVISE_SETTLEMENT } from '../processes/ticket-settlement.ts';
import { PAY_ACCEPTED_NOTE, REVISE_DISPUTED_NOTE } from '../processes/converged-offer.ts';
import { forbidden } from '../../../tmf/errors.ts';
import type { OemData } from '../store.ts';

/** Parties a settlement note concerns: its issuer, its receiver and its payer. */
const concerned = (advice: SettlementNoteAdvice, party: string) => [advice.issuer, advice.receiver, advice.payer].some((role) => role?.id === party);

/**
 * Figure 9 at the OEM: trouble tickets and SLAs (shared with the CSP), the call center's settlement
 * note advices (Billing v2, accepted or disputed by PATCH), and its bills to the CSP (TMF678).
 */
export function oemFigure9Apis(runtime: ActorRuntime<OemData>): { api: ApiId; router: Router }[] {
  const base = { store: runtime.store, clock: runtime.clock, notifier: runtime.notifier };
  const notes = resourceRouter({
    ...base,
    api: 'BillingV2',
    resource: 'settlementNoteAdvice',
    methods: ['GET', 'PATCH'],
    // The receiver answers a note the OEM issued (9.12, 11.12): the patch hook lets it set the state alone.
    partnerWrites: 'visible',
    hooks: {
      visible: (advice, caller) => concerned(advice, caller.party),
      patch(current, next, { caller }) {
        checkSettlementChange(current.id, current.state, next.state, caller.party === HARNESS_PARTY);
        if (caller.party === HARNESS_PARTY) return next;
        if (current.receiver.id !== caller.party) throw forbidden(`Only the receiver of settlement note advice ${current.id} accepts or disputes it`);
        // The receiver decides; the note's amounts and items stay the issuer's.
        return next.state === 'disputed' && current.state !== 'disputed' ? recordDispute(current, next) : { ...current, state: next.state };
      },
      afterPatch(advice, { draft }) {
        // Owed in the update that records the payee's answer: a kill right after it loses none.
        const owe = (kind: EffectKind<{ id: string }>) =>
          kind.owe(runtime, draft, { id: advice.id }, { key: `${kind}:${advice.id}:${advice.revision ?? 0}`, lane: `note:${advice.id}` });
        // The call center's settlement is revised by its policy; a partner's dispute of figure 11 waits for people.
        if (advice.state === 'disputed' && advice.receiver.id === 'call-center') owe(REVISE_SETTLEMENT);
        // 11.12: a partner answered the note of its share: the OEM pays it if accepted, revises it once if
        // disputed (a disputed revision waits for people); then it announces the next partner's note.
        const partner = advice.receiver.id !== 'call-center';
        if (advice.state === 'accepted') owe(PAY_ACCEPTED_NOTE);
        if (advice.state === 'disputed' && partner) owe(REVISE_DISPUTED_NOTE);
      },
    },
  });
  const bills = resourceRouter({ ...base, api: 'TMF678', resource: 'customerBill', methods: ['GET'] });
  bills.use(resourceRouter({ ...base, api: 'TMF678', resource: 'appliedCustomerBillingRate', methods: ['GET'] }));
  return [...ticketTmfApis(runtime), { api: 'BillingV2', router: notes }, { api: 'TMF678', router: bills }];
}
