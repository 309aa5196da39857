import { join, resolve } from 'node:path';
import { ACTOR_IDS, ACTOR_TITLES, isActorId, type ActorId } from '../../core/actor-ids.ts';
import { startActor } from '../../actors/index.ts';
import { DEFAULT_SECRET, DEFAULT_SEED } from '../../actors/kit/config.ts';
import { startEcosystem } from '../ecosystem.ts';
import { mountDashboard } from '../../web/server.ts';
import { parseBindings } from '../bindings.ts';
import { type Args, one, port } from './args.ts';
import { partyPortsFrom, testerAccess } from './tester-access.ts';

/** `cch up`: the whole ecosystem behind the harness, or one party alone with `--only`. */
export async function up(args: Args): Promise<number> {
  const dataDir = resolve(one(args, 'data') ?? 'data');
  const secret = process.env.CCH_SECRET ?? DEFAULT_SECRET;
  const only = one(args, 'only');
  if (only !== undefined) return upOne(only, port(args, 0), dataDir, secret, args.options.get('peer') ?? []);
  const dashboard = !args.flags.has('no-dashboard');
  const harnessPort = port(args, 8080);
  const partyPorts = partyPortsOf(args, harnessPort);
  const ecosystem = await startEcosystem({ port: harnessPort, partyPorts, host: one(args, 'host'), publicHost: one(args, 'public-host'), storage: { kind: 'files', dir: dataDir }, secret, mount: dashboard ? mountDashboard : undefined });
  const lines = [`Harness (wire + dashboard): ${ecosystem.url}/`, ...ACTOR_IDS.map((id) => `  ${id.padEnd(17)} ${ecosystem.actorUrls[id]}  (via the wire: ${ecosystem.wireUrl('harness', id)})  ${ACTOR_TITLES[id]}`)];
  // Per party, the APIs a tester's tool can be pointed at through the wire (so the exchanges are recorded and judged).
  for (const id of ACTOR_IDS) lines.push(...(await testerAccess(id, ecosystem.actorUrls[id], ecosystem.wireUrl('harness', id), secret)));
  lines.push(`Data: ${dataDir}`, 'Ctrl-C to stop.');
  process.stdout.write(lines.join('\n') + '\n');
  await untilInterrupted();
  await ecosystem.stop();
  process.stdout.write('Stopped.\n');
  return 0;
}

async function upOne(id: string, listenPort: number, dataDir: string, secret: string, peerPairs: readonly string[]): Promise<number> {
  if (!isActorId(id)) throw new Error(`--only takes one of ${ACTOR_IDS.join(', ')}; got '${id}'`);
  const peers = Object.fromEntries(Object.entries(parseBindings(peerPairs)).map(([peer, b]) => [peer, b.kind === 'remote' ? b.url : ''])) as Partial<Record<ActorId, string>>;
  const actor = await startActor(id, { storage: { kind: 'file', path: join(dataDir, `${id}.json`) }, secret, peers, callbacks: {}, seed: DEFAULT_SEED }, listenPort);
  const access = await testerAccess(id, actor.url, actor.url, secret);
  process.stdout.write(`${ACTOR_TITLES[id]}: ${actor.url}\n${access.join('\n')}\nPeers: ${JSON.stringify(peers)} (a harness that binds this party sets them with PUT /control/peers)\nCtrl-C to stop.\n`);
  await untilInterrupted();
  await actor.stop();
  return 0;
}

/**
 * The parties' ports: `--party-ports F` puts them on F … F+4; otherwise an explicit `--port P` puts them
 * on P+1 … P+5 (in the order csp, car-manufacturer, content-provider, call-center, driver), and the
 * default port leaves them on free ports.
 */
function partyPortsOf(args: Args, harnessPort: number): Partial<Record<ActorId, number>> | undefined {
  const first = one(args, 'party-ports');
  if (first !== undefined) {
    if (!/^\d+$/.test(first) || Number(first) < 1) throw new Error(`--party-ports must be a port number, got '${first}'`);
    return partyPortsFrom(Number(first));
  }
  return one(args, 'port') !== undefined && harnessPort > 0 ? partyPortsFrom(harnessPort + 1) : undefined;
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
