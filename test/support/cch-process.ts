import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const CCH = join(import.meta.dirname, '..', '..', 'bin', 'cch.mjs');
const READY_WITHIN_MS = 90_000;

/** A `cch` process kept running (e.g. `cch up --only csp`), ready once its output matched. */
export function startCch(args: readonly string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(process.execPath, [CCH, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    // Generous: on a loaded machine `cch up` starts six processes. A process that never got ready is
    // killed, so that it cannot outlive the test (its parties stop when it is gone).
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cch did not get ready within ${READY_WITHIN_MS} ms: ${output}`));
    }, READY_WITHIN_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve({ child, output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`cch exited with ${code}: ${output}`)));
  });
}

/** Interrupts a running `cch` (Ctrl-C) and resolves with its exit code. */
export function stopCch(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

/** Runs `cch` to its end: exit code, output, and how long it took. */
export function runCch(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [CCH, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output, ms: Date.now() - started })));
}
