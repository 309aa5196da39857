import express, { type Request, type Response } from 'express';
import { isActorId, type ActorId } from '../core/actor-ids.ts';
import type { Ecosystem } from '../harness/ecosystem.ts';
import { MAX_DELAY_MS, type WireFault } from '../harness/wire-faults.ts';
import { badRequest, notFound } from '../tmf/errors.ts';

/** The party of the path, or a TMF 404. */
function partyOf(req: Request): ActorId {
  const party = String(req.params.party);
  if (!isActorId(party)) throw notFound('party', party);
  return party;
}

/** A fault as the page sends it, checked: anything else is a TMF 400 and changes nothing. */
function faultOf(body: unknown): WireFault {
  const { kind, ms } = (body ?? {}) as { kind?: unknown; ms?: unknown };
  if (kind === 'down' || kind === 'duplicate') return { kind };
  if (kind === 'delay' && typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 && ms <= MAX_DELAY_MS) return { kind, ms };
  throw badRequest('Invalid fault', `A fault is {"kind":"down"}, {"kind":"duplicate"} or {"kind":"delay","ms":0..${MAX_DELAY_MS}}`);
}

/** The dashboard's fault panel: which faults are on the wire, and one party's fault set or cleared. */
export function mountFaults(app: express.Express, ecosystem: Ecosystem): void {
  const faults = ecosystem.recorder.faults;
  const list = (_req: Request, res: Response) => res.json(faults.list());
  app.get('/dashboard/faults', list);
  app.put('/dashboard/faults/:party', express.json(), (req, res) => {
    faults.set(partyOf(req), faultOf(req.body));
    list(req, res);
  });
  app.delete('/dashboard/faults/:party', (req, res) => {
    faults.clear(partyOf(req));
    list(req, res);
  });
}
