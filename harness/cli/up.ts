import { join, resolve } from 'node:path';
import { ACTOR_IDS, ACTOR_TITLES, isActorId, type ActorId } from '../../core/actor-ids.ts';
import { startActor, type RunningActor } from '../../actors/index.ts';
import { DEFAULT_SECRET, DEFAULT_SEED } from '../../actors/kit/config.ts';
import type { HarnessMount } from '../ecosystem.ts';
import { PARENT_WATCH_ENV, startPartyProcesses } from '../party-processes.ts';
import { bindingsFromEnv, parseBindings } from '../bindings.ts';
import { giveTheRecordRoom } from '../heap-room.ts';
import { ecosystemSecret, publicSecretWarning } from '../secret.ts';
import { type Args, one, port } from './args.ts';
import { assertPortFree } from './port-free.ts';
import { partyPortsFrom, testerAccess } from './tester-access.ts';

/** The exchanges a long-running harness keeps in memory (the dashboard's view); older ones go to the trace. */
const RETAINED_EXCHANGES = 10_000;
/** The wire's trace: every exchange, appended once it leaves memory, and the rest when `cch up` stops. */
const traceFileOf = (dataDir: string) => join(dataDir, 'trace.ndjson');

/** `cch up`: the whole ecosystem behind the harness, or one party alone with `--only`. */
export async function up(args: Args, dashboard?: HarnessMount): Promise<number> {
  const dataDir = resolve(one(args, 'data') ?? 'data');
  const only = one(args, 'only');
  // A port in use is reported before any party starts or any data is written.
  const listenPort = port(args, only === undefined ? 8080 : 0);
  await assertPortFree(listenPort, one(args, 'host'));
  // One party alone pairs with a harness elsewhere: both derive keys from CCH_SECRET (or the dev default).
  if (only !== undefined) return upOne(only, listenPort, dataDir, process.env.CCH_SECRET ?? DEFAULT_SECRET, args.options.get('peer') ?? [], one(args, 'host'));
  const secret = ecosystemSecret(process.env, dataDir);
  const warning = publicSecretWarning(secret, one(args, 'host'));
  if (warning) process.stderr.write(warning);
  const mount = args.flags.has('no-dashboard') ? undefined : dashboard;
  giveTheRecordRoom();
  // Parties already running elsewhere (CCH_ACTORS, e.g. compose.yaml's services) are bound by URL; the
  // others get one process each (bound by URL alike, as partners on other hosts), unless --in-process.
  const elsewhere = bindingsFromEnv(process.env);
  // Loaded here, not by a party alone (`--only`), which does not need it; while the parties start.
  const loading = import('../ecosystem.ts');
  const partyPorts = partyPortsOf(args, listenPort);
  const parties = args.flags.has('in-process')
    ? []
    : await startPartyProcesses(
        ACTOR_IDS.filter((id) => !elsewhere[id]),
        dataDir,
        secret,
        undefined,
        partyPorts,
      );
  const { startEcosystem } = await loading;
  const bindings = { ...elsewhere, ...Object.fromEntries(parties.map((p) => [p.id, { kind: 'remote', url: p.url } as const])) };
  const ecosystem = await startEcosystem({
    port: listenPort,
    partyPorts,
    host: one(args, 'host'),
    publicHost: one(args, 'public-host'),
    storage: { kind: 'files', dir: dataDir },
    secret,
    bindings,
    trace: { retain: RETAINED_EXCHANGES, spillTo: traceFileOf(dataDir) },
    mount,
  }).catch(async (error) => {
    await Promise.all(parties.map((p) => p.stop()));
    throw error;
  });
  const where = (id: ActorId) => (elsewhere[id] ? 'bound by URL' : `pid ${parties.find((p) => p.id === id)?.pid ?? process.pid}`);
  const lines = [
    `Harness (wire${mount ? ' + dashboard' : ''}): ${ecosystem.url}/`,
    ...ACTOR_IDS.map(
      (id) => `  ${id.padEnd(17)} ${ecosystem.actorUrls[id]}  (via the wire: ${ecosystem.wireUrl('harness', id)})  ${ACTOR_TITLES[id]}, ${where(id)}`,
    ),
  ];
  // Per party, the APIs a tester's tool can be pointed at through the wire (so the exchanges are recorded and judged).
  for (const id of ACTOR_IDS) lines.push(...(await testerAccess(id, ecosystem.actorUrls[id], ecosystem.wireUrl('harness', id), secret)));
  const trace = traceFileOf(dataDir);
  lines.push(`Data: ${dataDir}`, `Trace: ${trace}, every exchange once it leaves memory (bodies in place: cch trace --file ${trace})`, 'Ctrl-C to stop.');
  process.stdout.write(`${lines.join('\n')}\n`);
  await untilInterrupted();
  await ecosystem.stop();
  await Promise.all(parties.map((p) => p.stop()));
  const incomplete = ecosystem.recorder.spillStopped;
  process.stdout.write(`Stopped.${incomplete ? ` The trace is incomplete: ${incomplete}.` : ` The whole run's exchanges are in ${trace}.`}\n`);
  return 0;
}

async function upOne(id: string, listenPort: number, dataDir: string, secret: string, peerPairs: readonly string[], host?: string): Promise<number> {
  const { actor, peers } = await startAlone(id, listenPort, dataDir, secret, peerPairs, host);
  const access = await testerAccess(actor.id, actor.url, actor.url, secret);
  process.stdout.write(
    `${ACTOR_TITLES[actor.id]}: ${actor.url}\n${access.join('\n')}\nPeers: ${JSON.stringify(peers)} (a harness that binds this party sets them with PUT /control/peers)\nCtrl-C to stop.\n`,
  );
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

/**
 * One party alone, as a partner would run it (`cch up --only`); tests start it in their own process.
 * Its data goes to a file in `dataDir`, or stays in memory without one (tests that do not test
 * persistence: rewriting the file on every change costs CPU and proves nothing there).
 */
export async function startAlone(
  id: string,
  listenPort: number,
  dataDir: string | undefined,
  secret = DEFAULT_SECRET,
  peerPairs: readonly string[] = [],
  host?: string,
): Promise<{ actor: RunningActor; peers: Partial<Record<ActorId, string>> }> {
  if (!isActorId(id)) throw new Error(`--only takes one of ${ACTOR_IDS.join(', ')}; got '${id}'`);
  const peers = Object.fromEntries(Object.entries(parseBindings(peerPairs)).map(([peer, b]) => [peer, b.kind === 'remote' ? b.url : ''])) as Partial<
    Record<ActorId, string>
  >;
  const actor = await startActor(
    id,
    {
      storage: dataDir === undefined ? { kind: 'memory' } : { kind: 'file', path: join(dataDir, `${id}.json`) },
      secret,
      peers,
      callbacks: {},
      seed: DEFAULT_SEED,
      host,
    },
    listenPort,
  );
  return { actor, peers };
}

/**
 * Ctrl-C or SIGTERM; the handlers stay, so a second Ctrl-C (a terminal sends it to the harness and its
 * parties alike, then the harness stops each party) cannot kill a party half-way through closing. A
 * party started by a harness also stops when the harness is gone (its stdin ends).
 */
function untilInterrupted(): Promise<void> {
  const watch = Boolean(process.env[PARENT_WATCH_ENV]);
  return new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
    if (watch)
      process.stdin
        .once('end', () => resolve())
        .once('close', () => resolve())
        .resume();
  }).finally(() => {
    if (watch) process.stdin.destroy();
  });
}
