import { Router } from 'express';
import { callerOf, HARNESS_PARTY } from '../../../tmf/auth.ts';
import { forbidden } from '../../../tmf/errors.ts';
import { validateBody } from '../../../tmf/validation.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { DriverData, InboxEntry } from '../store.ts';

/** The driver's inbox: what any party tells the driver lands here, stamped with the sender it authenticated as. */
export function inboxApi(runtime: ActorRuntime<DriverData>): Router {
  const router = Router();
  router.post('/inbox', async (req, res) => {
    validateBody('InboxMessage', req.body);
    const entry: InboxEntry = { ...req.body, from: callerOf(res).party, receivedAt: runtime.clock.now().toISOString() };
    const { kept, added } = await runtime.store.update((draft) => {
      // A sender resending a message it may already have delivered (after a crash) gets it kept once.
      const known = entry.id === undefined ? undefined : draft.inbox.find((m) => m.id === entry.id && m.from === entry.from);
      if (known) return { kept: known, added: false };
      draft.inbox.push(entry);
      return { kept: entry, added: true };
    });
    res.status(added ? 201 : 200).json(kept);
  });
  // What the driver is told is the driver's: only the driver (and the harness) reads it, never a peer.
  router.get('/inbox', (_req, res) => {
    const reader = callerOf(res).party;
    if (reader !== HARNESS_PARTY && reader !== runtime.id) throw forbidden(`${reader} may post to the driver's inbox but not read it`);
    res.json(runtime.store.data.inbox);
  });
  return router;
}
