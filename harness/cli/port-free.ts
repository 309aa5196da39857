import { createServer } from 'node:net';

/**
 * Fails at once, with a clear message, when `port` (not 0) is taken on `host`: before any party starts,
 * any data is written or any scenario runs.
 */
export async function assertPortFree(port: number | undefined, host = '127.0.0.1', what = '--port'): Promise<void> {
  if (!port) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} (${what}) is already in use on ${host}: stop what listens there or choose another port`
            : `port ${port} (${what}) cannot be used on ${host}: ${error.message}`,
        ),
      );
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
