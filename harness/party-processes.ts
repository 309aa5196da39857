import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ActorId } from '../core/actor-ids.ts';

const CCH = join(import.meta.dirname, '..', 'bin', 'cch.mjs');

/** Set for a party started by a harness: it stops when the harness's end of its stdin closes. */
export const PARENT_WATCH_ENV = 'CCH_PARENT_WATCH';

/** A simulated party in a process of its own (`cch up --only`), as a partner's system on another host. */
export interface PartyProcess {
  readonly id: ActorId;
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts each party as `cch up --only ID --port 0 --data DIR` and resolves once every one printed its URL.
 * The harness then binds them by URL, exactly as partners on other hosts: the ecosystem uses every core.
 */
export async function startPartyProcesses(
  ids: readonly ActorId[],
  dataDir: string,
  secret: string,
  readyWithinMs = 60_000,
  ports: Partial<Record<ActorId, number>> = {},
): Promise<PartyProcess[]> {
  const started = await Promise.allSettled(ids.map((id) => startOne(id, dataDir, secret, readyWithinMs, ports[id] ?? 0)));
  const parties = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(parties.map((p) => p.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  return parties;
}

function startOne(id: ActorId, dataDir: string, secret: string, readyWithinMs: number, port: number): Promise<PartyProcess> {
  const child = spawn(process.execPath, [CCH, 'up', '--only', id, '--port', String(port), '--data', dataDir], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CCH_SECRET: secret, [PARENT_WATCH_ENV]: '1' },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`${id} did not start within ${readyWithinMs} ms: ${output}`)), readyWithinMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('exit', (code) => fail(new Error(`${id} exited with ${code} before it was ready: ${output}`)));
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /: (https?:\/\/\S+)\n/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.stdout!.resume();
      child.stderr!.pipe(process.stderr);
      resolve({ id, url, pid: child.pid!, stop: () => stopChild(child) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
}

/** Ctrl-C to the party (it drains and closes its store), then waits for it to exit. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGINT');
  });
}
