import type { ActorId } from '../../core/actor-ids.ts';
import type { BaseData } from '../../tmf/data.ts';
import { badRequest } from '../../tmf/errors.ts';
import type { ActorRuntime } from './runtime.ts';
import { COMMON_OPERATIONS as OP, WALL_CLOCK_HEADER } from './control-contract.ts';
import { controlRoute, type ControlRoute } from './control-router.ts';
import { deliveryState } from '../../tmf/delivery-state.ts';
import { TmfCallError } from '../../tmf/client.ts';

/**
 * The control operations every actor has: the harness's levers on a party. Bodies are checked against
 * their declarations (control-contract.ts) before these run; what a schema cannot say is checked here.
 */
export function commonControl<D extends BaseData>(runtime: ActorRuntime<D>, contract: () => object): ControlRoute[] {
  return [
    controlRoute(OP.contract, (_req, res) => {
      res.json(contract());
    }),
    controlRoute(OP.state, (_req, res) => {
      res.json({
        actor: runtime.id,
        now: runtime.clock.now().toISOString(),
        failures: runtime.failures,
        delivery: deliveryState(runtime.store.data),
        data: runtime.stateData(),
      });
    }),
    controlRoute(OP.journal, (_req, res) => {
      // The clock of the entries' recordedAt (the wall clock, not the simulated one), read as the answer goes.
      res.setHeader(WALL_CLOCK_HEADER, new Date().toISOString());
      res.json(runtime.store.data.journal);
    }),
    controlRoute(OP.reset, async (_req, res) => {
      await runtime.reset();
      res.status(204).end();
    }),
    controlRoute(OP.clock, async (req, res) => {
      await runtime.setClock(new Date(req.body.now));
      res.json({ now: runtime.clock.now().toISOString() });
    }),
    controlRoute(OP.drain, async (_req, res) => {
      await runtime.drain();
      res.json({ pending: 0, failures: runtime.failures });
    }),
    controlRoute(OP.redeliver, async (req, res) => {
      res.json(await runtime.redeliver(req.body?.ids));
    }),
    /**
     * The party calls a peer itself, with its own credential for that peer, and reports the answer. How the
     * harness has a party make a call a scenario needs: the harness never presents a party's credentials.
     */
    controlRoute(OP.peerCall, async (req, res) => {
      const { peer, method, path, body } = req.body as { peer: ActorId; method: string; path: string; body?: unknown };
      if (peer === runtime.id) throw badRequest('Invalid peer call', `'peer' is another party's id, not '${peer}' itself`);
      const payload = body !== null && typeof body === 'object' ? body : undefined;
      try {
        const answer = await runtime.client(peer).request<unknown>(method, path, payload);
        res.json({ status: answer.status, body: answer.body });
      } catch (error) {
        if (!(error instanceof TmfCallError)) throw error;
        res.json({ status: error.status, body: error.body });
      }
    }),
    controlRoute(OP.peers, (req, res) => {
      runtime.configurePeers(req.body?.peers ?? {}, req.body?.callbacks ?? {});
      res.json({ peers: runtime.config.peers, callbacks: runtime.config.callbacks });
    }),
  ];
}
