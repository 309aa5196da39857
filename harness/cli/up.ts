import { join, resolve } from 'node:path';
import { ACTOR_IDS, ACTOR_TITLES, isActorId, type ActorId } from '../../core/actor-ids.ts';
import { startActor } from '../../actors/index.ts';
import { DEFAULT_SECRET, DEFAULT_SEED } from '../../actors/kit/config.ts';
import { startEcosystem } from '../ecosystem.ts';
import { mountDashboard } from '../../web/server.ts';
import { parseBindings } from '../bindings.ts';
import { ecosystemSecret, publicSecretWarning } from '../secret.ts';
import { type Args, one, port } from './args.ts';

/** `cch up`: the whole ecosystem behind the harness, or one party alone with `--only`. */
export async function up(args: Args): Promise<number> {
  const dataDir = resolve(one(args, 'data') ?? 'data');
  const only = one(args, 'only');
  // One party alone pairs with a harness elsewhere: both derive keys from CCH_SECRET (or the dev default, on this host only).
  if (only !== undefined) return upOne(only, port(args, 0), dataDir, process.env.CCH_SECRET ?? DEFAULT_SECRET, args.options.get('peer') ?? []);
  const secret = ecosystemSecret(process.env, dataDir);
  const warning = publicSecretWarning(secret, one(args, 'host'));
  if (warning) process.stderr.write(warning);
  const dashboard = !args.flags.has('no-dashboard');
  const ecosystem = await startEcosystem({ port: port(args, 8080), host: one(args, 'host'), publicHost: one(args, 'public-host'), storage: { kind: 'files', dir: dataDir }, secret, mount: dashboard ? mountDashboard : undefined });
  const lines = [`Harness (wire + dashboard): ${ecosystem.url}/`, ...ACTOR_IDS.map((id) => `  ${id.padEnd(17)} ${ecosystem.actorUrls[id]}  (via the wire: ${ecosystem.wireUrl('harness', id)})  ${ACTOR_TITLES[id]}`), `Data: ${dataDir}`, 'Ctrl-C to stop.'];
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
  process.stdout.write(`${ACTOR_TITLES[id]}: ${actor.url}\nPeers: ${JSON.stringify(peers)} (a harness that binds this party sets them with PUT /control/peers)\nCtrl-C to stop.\n`);
  await untilInterrupted();
  await actor.stop();
  return 0;
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
