import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startActor } from '../../actors/index.ts';
import { PARTY_API } from '../../core/party-api.ts';
import { harnessKey } from '../../tmf/auth.ts';
import { items, type BaseData } from '../../tmf/data.ts';
import { exited, killCch, startCch } from './cch-process.ts';
import { call, requestTap } from './crash-scenario.ts';

const SECRET = 'crash-ticket-secret';
const TICKETS = '/tmf-api/troubleTicket/v4/troubleTicket';

/**
 * A call center process sends a driver's trouble to the CSP (9.3) and is killed with SIGKILL: right after
 * the CSP took the ticket (the call center never hears the answer), or before the CSP got it; then
 * restarted on the same file. Answers how many tickets the CSP holds for the master ticket, whether the
 * master is assigned to one of them, and how many owed effects are left undone.
 */
export async function ticketsSentAfterKill(cspTakesIt: boolean): Promise<{ atCsp: number; assigned: boolean; pending: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'cch-crash-ticket-'));
  const csp = await startActor('csp', { storage: { kind: 'memory' }, secret: SECRET, peers: {}, callbacks: {}, seed: 7 });
  let callCenter: Awaited<ReturnType<typeof startCch>> | undefined;
  const tap = await requestTap(
    csp.url,
    (method, url) => method === 'POST' && url === TICKETS,
    () => 1,
    () => killCch(callCenter!.child),
    cspTakesIt,
  );
  const asHarness = harnessKey(SECRET, 'call-center');
  const up = async () => {
    callCenter = await startCch(['up', '--only', 'call-center', '--port', '0', '--data', dir, '--peer', `csp=${tap.url}`], /Ctrl-C/, { CCH_SECRET: SECRET });
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(callCenter.output)![1];
    // Where the CSP would send ticket events (nobody listens: they are not what this test counts).
    await call(url, asHarness, 'PUT', '/control/peers', { callbacks: { csp: 'http://127.0.0.1:9/call-center' } });
    return url;
  };
  try {
    let url = await up();
    const opened = await call(url, asHarness, 'POST', PARTY_API.supportRequest, {
      customer: { id: 'driver', name: 'Driver' },
      description: 'No mobile data connection',
    });
    if (opened.status !== 201) throw new Error(`support request: ${opened.status} ${JSON.stringify(opened.body)}`);
    await exited(callCenter!.child);
    url = await up();
    // A try made on restart, before the peers were set again, is retried once the simulated clock reaches it.
    const { now } = (await call(url, asHarness, 'GET', '/control/state')).body as { now: string };
    await call(url, asHarness, 'PUT', '/control/clock', { now: new Date(Date.parse(now) + 3_600_000).toISOString() });
    await call(url, asHarness, 'POST', '/control/drain');
    const state = (await call(url, asHarness, 'GET', '/control/state')).body as { data: BaseData };
    const master = items(state.data, 'TMF621', 'troubleTicket').find((t) => t.id === opened.body.ticket)!;
    const atCsp = items(csp.runtime.store.data, 'TMF621', 'troubleTicket').filter((t) => t.externalId === master.id);
    const assigned = JSON.stringify(master).includes(String(atCsp[0]?.id ?? 'none'));
    return { atCsp: atCsp.length, assigned, pending: state.data.owed.filter((e) => e.state !== 'delivered').length };
  } finally {
    if (callCenter) await killCch(callCenter.child);
    tap.server.closeAllConnections();
    tap.server.close();
    await csp.stop();
  }
}
