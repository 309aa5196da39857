import { Router } from 'express';
import { callerOf } from '../../../tmf/auth.ts';
import { validateBody } from '../../../tmf/validation.ts';
import type { ActorRuntime } from '../../kit/runtime.ts';
import type { DriverData, InboxEntry } from '../store.ts';

/** The driver's inbox: what any party tells the driver lands here, stamped with the sender it authenticated as. */
export function inboxApi(runtime: ActorRuntime<DriverData>): Router {
  const router = Router();
  router.post('/inbox', async (req, res) => {
    validateBody('InboxMessage', req.body);
    const entry: InboxEntry = { ...req.body, from: callerOf(res).party, receivedAt: runtime.clock.now().toISOString() };
    await runtime.store.update((draft) => {
      draft.inbox.push(entry);
    });
    res.status(201).json(entry);
  });
  router.get('/inbox', (_req, res) => {
    res.json(runtime.store.data.inbox);
  });
  return router;
}
