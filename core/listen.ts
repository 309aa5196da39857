import type { Server } from 'node:http';

/** Starts an http server for an Express-like handler; rejects when the port is taken. */
export function listenOn(app: { listen(port: number, host: string, cb: () => void): Server }, port: number, host = '127.0.0.1'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => resolve(server));
    server.once('error', reject);
  });
}
