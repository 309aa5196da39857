import type { Router } from 'express';
import type { ApiId } from '../../../tmf/apis.ts';
import { items } from '../../../tmf/data.ts';
import { resourceRouter } from '../../../tmf/resource.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { patchedTicket } from '../../trouble-tickets/domain/ticket-status.ts';
import { checkSettlementPayment, paidNoteId } from '../../../core/settlement-payment-check.ts';
import { MARK_PAID } from '../processes/ticket-settlement.ts';
import type { CallCenterData } from '../store.ts';

/** The call center's own TMF APIs: its master tickets (TMF621), the payments it receives (TMF676), the SLA violations it handles (TMF623). */
export function callCenterTmfApis(runtime: ActorRuntime<CallCenterData>): { api: ApiId; router: Router }[] {
  const base = { store: runtime.store, clock: runtime.clock, notifier: runtime.notifier };
  const tickets = resourceRouter({
    ...base,
    api: 'TMF621',
    resource: 'troubleTicket',
    methods: ['GET', 'PATCH'],
    hooks: { patch: (current, next, { now }) => patchedTicket(current, next, now) },
  });
  const payments = resourceRouter({
    ...base,
    api: 'TMF676',
    resource: 'payment',
    methods: ['GET', 'POST'],
    hooks: {
      admit(input, { draft }) {
        checkSettlementPayment(input, draft.settlementNotes, items(draft, 'TMF676', 'payment'));
      },
      create(input, { draft, now }) {
        const noteId = paidNoteId(input);
        // Owed with the payment itself: marking the advice paid at the OEM survives a crash (a tester's payment may pay none).
        if (noteId && draft.settlementNotes.some((n) => String(n.id) === noteId)) runtime.owe(draft, MARK_PAID, { noteId });
        return { ...input, status: 'succeeded', statusDate: now.toISOString() };
      },
    },
  });
  // 9.24: the SLA violations it handles, as it handles them, for the CSP and the OEM to retrieve.
  const violations = resourceRouter({ ...base, api: 'TMF623', resource: 'slaViolation', methods: ['GET'] });
  return [
    { api: 'TMF621', router: tickets },
    { api: 'TMF676', router: payments },
    { api: 'TMF623', router: violations },
  ];
}
