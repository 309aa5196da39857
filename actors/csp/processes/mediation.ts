import { JOURNAL } from '../../../core/journal-events.ts';
import { lifecycleEventType } from '../../../tmf/events.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import { advanceMediation, MEDIATION_DONE, type MediationOutcome } from '../domain/mediation.ts';
import { usageSeenBy } from '../domain/usage-view.ts';
import type { CspData } from '../store.ts';
import type { UsageBook } from '../usage-book/book.ts';

type Runtime = ActorRuntime<CspData>;

/** The journal event of each state a record reaches (step 8.10). */
const JOURNAL_OF_STATUS: Record<string, string> = {
  guided: JOURNAL.usageGuided,
  rated: JOURNAL.usageRated,
  rejected: JOURNAL.usageRejected,
};

/**
 * Mediation's queue (step 8.10): the oldest pending record moves one state on per store update
 * (received → guided → rated, or rejected), each state stored, journaled and — for a record of a
 * partner's car — notified to that partner with what it may see. Records are mediated strictly in the
 * order they arrived, whoever runs the queue, so the allowance is consumed in arrival order.
 */
export async function mediatePending(runtime: Runtime, book: UsageBook): Promise<void> {
  for (;;) {
    const moved = await runtime.store.update((draft) => {
      const pending = draft.usageLedger.pending ?? [];
      const id = pending[0];
      if (id === undefined) return false;
      const usage = book.get(draft, id);
      if (!usage) {
        pending.shift();
        return true;
      }
      const outcome = advanceMediation(draft, usage, runtime.clock.now());
      book.replace(draft, outcome.usage, outcome.owner);
      if (MEDIATION_DONE.includes(outcome.usage.status)) pending.shift();
      record(runtime, draft, outcome);
      return true;
    });
    if (!moved) break;
    runtime.notifier.kick();
  }
}

function record(runtime: Runtime, draft: CspData, outcome: MediationOutcome): void {
  const { usage, intake, shares, owner } = outcome;
  const type = JOURNAL_OF_STATUS[String(usage.status)];
  if (type) {
    runtime.journal(draft, type, {
      usage: usage.id,
      recordId: intake.recordId,
      product: intake.subscription,
      usageClass: intake.usageClass,
      status: usage.status,
      ...(shares.length > 0
        ? { shares: shares.map((s) => ({ payerRole: s.payerRole, billingAccount: s.billingAccount.id, amount: s.amount.toString() })) }
        : {}),
    });
  }
  // Only the car's owner hears of it, and sees only its own shares (as it would by GET).
  if (owner) {
    runtime.notifier.enqueue(draft, runtime.clock.now(), {
      api: 'TMF635',
      eventType: lifecycleEventType('TMF635', 'Usage'),
      resource: 'usage',
      entity: usageSeenBy(usage, owner, draft.owners),
      owner,
    });
  }
}
