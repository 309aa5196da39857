import { Router } from 'express';
import type { BaseData } from '../../tmf/data.ts';
import { badRequest } from '../../tmf/errors.ts';
import { harnessOnly } from '../../tmf/auth.ts';
import type { ActorRuntime } from './runtime.ts';
import { controlContract } from './control-contract.ts';
import { isActorId } from '../../core/actor-ids.ts';
import { TmfCallError } from '../../tmf/client.ts';

const PEER_METHODS: readonly string[] = ['GET', 'POST', 'PATCH', 'DELETE'];

/** The control operations every actor has: the harness's levers on a party (documented in the contract). */
export function commonControl<D extends BaseData>(runtime: ActorRuntime<D>): Router {
  const router = Router();
  const contract = controlContract(runtime.id);
  /** The control contract (harness/control-contract/openapi.ts): any authenticated caller may read it. */
  router.get('/openapi.json', (_req, res) => {
    res.json(contract);
  });
  router.get('/state', harnessOnly, (_req, res) => {
    res.json({ actor: runtime.id, now: runtime.clock.now().toISOString(), failures: runtime.failures, data: runtime.store.data });
  });
  router.get('/journal', harnessOnly, (_req, res) => {
    res.json(runtime.store.data.journal);
  });
  router.post('/reset', harnessOnly, async (_req, res) => {
    await runtime.reset();
    res.status(204).end();
  });
  router.put('/clock', harnessOnly, async (req, res) => {
    const at = new Date(String(req.body?.now));
    if (Number.isNaN(at.getTime())) throw badRequest('Invalid clock', 'PUT /control/clock needs {"now": "<ISO date-time>"}');
    await runtime.setClock(at);
    res.json({ now: runtime.clock.now().toISOString() });
  });
  router.post('/drain', harnessOnly, async (_req, res) => {
    await runtime.drain();
    res.json({ pending: 0, failures: runtime.failures });
  });
  /**
   * The party calls a peer itself, with its own credential for that peer, and reports the answer. How the
   * harness has a party make a call a scenario needs: the harness never presents a party's credentials.
   */
  router.post('/peer-call', harnessOnly, async (req, res) => {
    const { peer, method, path, body } = (req.body ?? {}) as { peer?: unknown; method?: unknown; path?: unknown; body?: unknown };
    if (typeof peer !== 'string' || !isActorId(peer) || peer === runtime.id || !PEER_METHODS.includes(String(method)) || typeof path !== 'string' || !path.startsWith('/')) {
      throw badRequest('Invalid peer call', 'POST /control/peer-call needs {"peer": "<another actor>", "method": "GET|POST|PATCH|DELETE", "path": "/…", "body"?: {…}}');
    }
    const payload = body !== null && typeof body === 'object' ? body : undefined;
    try {
      const answer = await runtime.client(peer).request<unknown>(String(method), path, payload);
      res.json({ status: answer.status, body: answer.body });
    } catch (error) {
      if (!(error instanceof TmfCallError)) throw error;
      res.json({ status: error.status, body: error.body });
    }
  });
  router.put('/peers', harnessOnly, (req, res) => {
    runtime.configurePeers(req.body?.peers ?? {}, req.body?.callbacks ?? {});
    res.json({ peers: runtime.config.peers, callbacks: runtime.config.callbacks });
  });
  return router;
}
